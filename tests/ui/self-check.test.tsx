/**
 * The kiosk's self-check and its last resort (issue #16): the invariants read what a patient sees
 * against the state; the watchdog acts only on a breakage that lasts; the kiosk then logs it for
 * staff and returns to a clean welcome screen.
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { believedState, selfCheck } from '../../src/app/self-check';
import { createIncidentLog } from '../../src/kiosk/incident-log';
import { checkInvariants, type Broken } from '../../src/kiosk/invariants';
import { createWatchdog } from '../../src/kiosk/watchdog';
import { StaffIncidents } from '../../src/screens/staff-incidents';
import { fakeClock } from '../helpers/fake-clock';
import { openHandoutAs, renderKiosk } from '../helpers/kiosk';

const broken = (invariant: Broken['invariant']): Broken => ({ invariant, detail: 'test' });

describe('the watchdog', () => {
  it('acts on a breakage seen on three checks in a row, and not on one that clears', () => {
    const clock = fakeClock();
    let now: Broken[] = [];
    const onBroken = vi.fn<(...broken: unknown[]) => void>();
    const stop = createWatchdog({ clock, check: () => now, onBroken });
    now = [broken('focus-visible')];
    clock.advance(2000);
    now = [];
    clock.advance(1000);
    now = [broken('focus-visible')];
    clock.advance(2000);
    expect(onBroken).not.toHaveBeenCalled();
    clock.advance(1000);
    expect(onBroken).toHaveBeenCalledWith([broken('focus-visible')]);
    clock.advance(1000);
    expect(onBroken, 'counts afresh after acting').toHaveBeenCalledTimes(1);
    stop();
  });

  it('gives a screen still loading 15 s before it calls it stuck', () => {
    const clock = fakeClock();
    const onBroken = vi.fn<(...broken: unknown[]) => void>();
    const stop = createWatchdog({ clock, check: () => [broken('screen-loaded')], onBroken });
    clock.advance(14_000);
    expect(onBroken).not.toHaveBeenCalled();
    clock.advance(1000);
    expect(onBroken).toHaveBeenCalledWith([broken('screen-loaded')]);
    stop();
  });
});

describe('a screen whose code is still arriving', () => {
  it('is reported as loading, not as a screen with nothing to touch', () => {
    document.body.innerHTML = '<main data-loading="library"><p role="status">Loading…</p></main>';
    expect(checkInvariants(document, { dialogs: [], touchToHear: false, speech: 'idle' })).toEqual([{ invariant: 'screen-loaded', detail: 'still loading: library' }]);
    document.body.innerHTML = '<main></main>';
    expect(checkInvariants(document, { dialogs: [], touchToHear: false, speech: 'idle' }).map((b) => b.invariant)).toEqual(['control-reachable']);
    document.body.innerHTML = '';
  });
});

describe('the invariants against a rendered kiosk', () => {
  it('find nothing wrong on the welcome screen, in the reader and with a dialog open', async () => {
    const { kiosk } = await renderKiosk();
    expect(selfCheck(kiosk, document)).toEqual([]);
    await openHandoutAs('en');
    expect(selfCheck(kiosk, document)).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'reader.settings' }));
    await screen.findByRole('dialog', { name: 'reader.settings' });
    expect(believedState(kiosk).dialogs).toEqual(['display']);
    expect(selfCheck(kiosk, document)).toEqual([]);
  });

  it('catch a dialog the state has open that is not on screen', async () => {
    const { kiosk } = await renderKiosk();
    await openHandoutAs('en');
    fireEvent.click(screen.getByRole('button', { name: 'reader.settings' }));
    const dialog = await screen.findByRole('dialog', { name: 'reader.settings' });
    dialog.removeAttribute('open');
    expect(selfCheck(kiosk, document).map((b) => b.invariant)).toContain('dialog-matches-state');
  });

  it('catch touch-to-hear on with nothing on screen saying so', async () => {
    const { kiosk } = await renderKiosk();
    await act(() => kiosk.visit.value.setTouchToHear(true));
    await waitFor(() => expect(document.querySelector('[data-touch-mode-bar]')).not.toBeNull());
    expect(selfCheck(kiosk, document)).toEqual([]);
    document.querySelector('[data-touch-mode-bar]')!.remove();
    expect(selfCheck(kiosk, document)).toEqual([expect.objectContaining({ invariant: 'touch-mode-shown' })]);
  });

  it('catch handout audio sounding while the state says it is not playing', async () => {
    const { kiosk } = await renderKiosk();
    expect(selfCheck(kiosk, document, { sectionAudioPlaying: 1 })).toEqual([expect.objectContaining({ invariant: 'speech-matches-state' })]);
  });

  it('catch a page left inert with no dialog, and focus on a hidden element', async () => {
    const { kiosk } = await renderKiosk();
    document.querySelector('.app')!.setAttribute('inert', '');
    const english = document.querySelector<HTMLElement>('[data-language="en"]')!;
    english.focus();
    english.hidden = true;
    const found = selfCheck(kiosk, document).map((b) => b.invariant);
    expect(found).toContain('inert-only-under-dialog');
    expect(found).toContain('focus-visible');
  });
});

describe('self-healing', () => {
  it('logs a lasting breakage for the staff panel and returns to a clean welcome screen', async () => {
    const clock = fakeClock();
    const { kiosk } = await renderKiosk({ clock });
    createWatchdog({
      clock,
      check: () => selfCheck(kiosk, document),
      onBroken: (found) => {
        kiosk.incidents.add({ at: '2026-11-29T10:00:00.000Z', screen: kiosk.visit.peek().screen.peek(), dialogs: [...believedState(kiosk).dialogs], broken: found });
        void kiosk.resetVisit();
      },
    });
    await openHandoutAs('en');
    await act(() => kiosk.visit.value.setTouchToHear(true));
    await waitFor(() => expect(document.querySelector('[data-touch-mode-bar]')).not.toBeNull());
    document.querySelector('[data-touch-mode-bar]')!.remove();
    await act(() => clock.advance(3000));
    await screen.findByText('welcome.greeting');
    expect(kiosk.visitNumber.value).toBe(2);
    expect(kiosk.visit.value.touchToHear.value).toBe(false);
    expect(kiosk.incidents.entries.value).toEqual([expect.objectContaining({ screen: 'reader', broken: [expect.objectContaining({ invariant: 'touch-mode-shown' })] })]);
    expect(selfCheck(kiosk, document)).toEqual([]);
  });

  it('shows the log to staff, in their language', async () => {
    const { i18n } = await renderKiosk();
    const incidents = createIncidentLog();
    const view = render(<StaffIncidents t={i18n.fixedT('en')} lang="en" incidents={incidents} />);
    expect(view.container.textContent).toContain('incidents.none');
    await act(() => incidents.add({ at: '2026-11-29T10:00:00.000Z', screen: 'reader', dialogs: ['display'], broken: [broken('touch-mode-shown')] }));
    expect(view.container.querySelector('[data-incident]')?.textContent).toContain('incidents.touchMode (reader, display). incidents.recovered');
  });
});
