import { act, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handoutLoaders } from 'virtual:kiosk/manifest';
import type { Handout, Section } from '../../src/content/model';
import { ReviewCell } from '../../src/screens/staff';
import { contentHealth } from '../../src/screens/staff/health';
import { createPinLock } from '../../src/screens/staff/pin-lock';
import { axeViolations } from '../helpers/axe';
import { config, renderKiosk, shown } from '../helpers/kiosk';

/** The documented default PIN, whose hash kiosk.config.json ships with (README, "Configuring a kiosk"). */
const PIN = '4826';
const advance = (ms: number) =>
  act(() => {
    vi.advanceTimersByTime(ms);
  });
const WRONG = '0000';

describe('the PIN rules', () => {
  const lockAt = () => {
    let now = 0;
    const lock = createPinLock({ verify: async (attempt) => attempt === '4826', now: () => now });
    return { lock, advance: (ms: number) => (now += ms) };
  };

  it('opens with the right PIN and refuses a wrong one, counting the tries left', async () => {
    const { lock } = lockAt();
    expect(await lock.check('1234')).toBe('wrong');
    expect(lock.triesLeft()).toBe(4);
    expect(await lock.check('')).toBe('wrong');
    expect(await lock.check('4826')).toBe('open');
    expect(lock.triesLeft()).toBe(5);
  });

  it('locks for 60 s after 5 wrong PINs in a row, refusing even the right one meanwhile', async () => {
    const { lock, advance: wait } = lockAt();
    for (let i = 0; i < 4; i++) expect(await lock.check('0000')).toBe('wrong');
    expect(await lock.check('0000')).toBe('locked');
    expect(lock.secondsLocked()).toBe(60);
    wait(59_000);
    expect(await lock.check('4826')).toBe('locked');
    expect(lock.secondsLocked()).toBe(1);
    wait(1_000);
    expect(lock.secondsLocked()).toBe(0);
    expect(lock.triesLeft()).toBe(5);
    expect(await lock.check('4826')).toBe('open');
  });

  it('starts the count again after the right PIN', async () => {
    const { lock } = lockAt();
    for (let i = 0; i < 4; i++) await lock.check('0000');
    expect(await lock.check('4826')).toBe('open');
    for (let i = 0; i < 4; i++) expect(await lock.check('0000')).toBe('wrong');
  });
});

describe("a handout's review state on the staff panel", () => {
  const t = ((key: string, values?: Record<string, string>) => `${key}${values ? ` ${JSON.stringify(values)}` : ''}`) as never;
  const cell = (status: Parameters<typeof ReviewCell>[0]['status']) => {
    const { container } = render(
      <table>
        <tbody>
          <tr>
            <ReviewCell t={t} lang="en-CA" status={status} kind="translation" />
          </tr>
        </tbody>
      </table>,
    );
    return container.querySelector('td')!;
  };

  it('says who reviewed it and on which day, as that calendar day in the staff language', () => {
    const td = cell({ state: 'reviewed', by: 'B. Roy, translator', date: '2026-12-01' });
    expect(td.textContent).toBe('staff.reviewed {"by":"B. Roy, translator","date":"December 1, 2026"}');
    expect(td.className).toBe('');
  });

  it('says in words, not colour alone, that a review is out of date or missing', () => {
    const stale = cell({ state: 'out-of-date', by: 'B. Roy', date: '2026-01-31' });
    expect(stale.textContent).toBe('staff.outOfDate {"by":"B. Roy","date":"January 31, 2026"}');
    expect(stale.className).toBe('staff-panel__problem');
    expect(cell({ state: 'not-reviewed' }).textContent).toBe('staff.notReviewed');
  });
});

describe('which voice each section has, on the staff panel', () => {
  it('counts and names the sections read by a person, apart from the synthesized ones', async () => {
    const [first] = config.handouts as string[];
    const handout = await handoutLoaders.en![first!]!();
    const audio = (voice: 'recorded' | 'synthesized' | undefined) => ({ src: ['a.webm'], duration: 1, wordStarts: [], sentenceStarts: [], ...(voice ? { voice } : {}) });
    const voices = [audio('recorded'), audio('synthesized'), audio(undefined), null];
    const sections = handout.sections.map((section: Section, i: number) => ({ ...section, audio: voices[i % voices.length]! }));
    const source = { load: async () => ({ ...handout, sections }) } as unknown as Parameters<typeof contentHealth>[0];
    const [en] = await contentHealth(source, [{ code: 'en', name: 'English' } as never], [first!]);
    expect(en!.withAudio).toBe(sections.filter((s: Section) => s.audio !== null).length);
    expect(en!.recorded).toEqual(sections.filter((_: Section, i: number) => i % voices.length === 0).map((s: Section) => `${handout.id}/${s.id}`));
  });
});

describe('opening the staff panel', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const appName = () => document.querySelector('.top-bar__name')!;

  it('opens the PIN pad after a 3 s press on the app name, and not after a tap, a shorter press, a slide or a second finger', async () => {
    vi.useFakeTimers();
    await renderKiosk();
    fireEvent.pointerDown(appName(), { pointerId: 1, isPrimary: true, clientX: 10, clientY: 10 });
    fireEvent.pointerUp(appName(), { pointerId: 1 });
    await advance(5000);
    expect(screen.queryByRole('dialog')).toBeNull();

    fireEvent.pointerDown(appName(), { pointerId: 1, isPrimary: true, clientX: 10, clientY: 10 });
    await advance(2900);
    fireEvent.pointerUp(appName(), { pointerId: 1 });
    await advance(5000);
    expect(screen.queryByRole('dialog')).toBeNull();

    fireEvent.pointerDown(appName(), { pointerId: 1, isPrimary: true, clientX: 10, clientY: 10 });
    fireEvent.pointerMove(appName(), { pointerId: 1, isPrimary: true, clientX: 80, clientY: 10 });
    await advance(3000);
    expect(screen.queryByRole('dialog')).toBeNull();

    // A second finger is not the gesture.
    fireEvent.pointerDown(appName(), { pointerId: 2, isPrimary: false, clientX: 10, clientY: 10 });
    await advance(3000);
    expect(screen.queryByRole('dialog')).toBeNull();

    fireEvent.pointerDown(appName(), { pointerId: 1, isPrimary: true, clientX: 10, clientY: 10 });
    await advance(3000);
    // The panel's code is its own chunk, fetched on real time.
    vi.useRealTimers();
    expect(await screen.findByRole('dialog', { name: 'staff.title' })).toBeTruthy();
    expect(screen.getByText('staff.pinPrompt')).toBeTruthy();
  });
});

async function openPinPad() {
  const kiosk = await renderKiosk();
  await act(() => kiosk.kiosk.visit.value.openDialog('staff'));
  await screen.findByRole('dialog', { name: 'staff.title' });
  return kiosk;
}

function enter(pin: string) {
  for (const digit of pin) fireEvent.click(document.querySelector(`[data-digit="${digit}"]`)!);
  fireEvent.click(document.querySelector('[data-action="pin-open"]')!);
}

const message = () => document.querySelector('[data-pin-message]')!.textContent;

describe('the PIN pad', () => {
  it('says a wrong PIN is wrong and clears it', async () => {
    await openPinPad();
    enter(WRONG);
    await waitFor(() => expect(message()).toBe(shown('staff.wrongPin', { count: 4 })));
    expect(document.querySelector('.pin-pad__entered')!.getAttribute('data-entered')).toBe('0');
    expect(document.querySelector('.staff-panel')).toBeNull();
  });

  it('opens the panel with the right PIN: version, build date, content and audio per language', async () => {
    const { i18n } = await openPinPad();
    enter(PIN);
    await screen.findByText('staff.content');
    expect(document.querySelector('[data-staff="version"]')!.textContent).toMatch(/^\d+\.\d+\.\d+/);
    expect(document.querySelector('[data-staff="built"] time')!.getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    // The build's id is the hash of its sources, so staff can tell two kiosks' builds apart.
    expect(document.querySelector('[data-staff="build-id"]')!.textContent).toMatch(/^[0-9a-f]{12,}$/);
    await waitFor(() => expect(document.querySelectorAll('[data-language-health]').length).toBe(i18n.languages.length));
    for (const { code } of i18n.languages) {
      const handouts = await Promise.all(config.handouts.map((id: string) => handoutLoaders[code]![id]!()));
      const sections = handouts.flatMap((h: Handout) => h.sections);
      const row = document.querySelector(`[data-language-health="${code}"]`)!;
      expect(
        [...row.querySelectorAll('td')].map((cell) => cell.textContent),
        code,
      ).toEqual([
        String(config.handouts.length),
        String(sections.length),
        `${sections.filter((s: Section) => s.audio !== null).length} / ${sections.length}`,
        String(sections.filter((s: Section) => s.audio?.voice === 'recorded').length),
      ]);
    }
    // Every handout in every language, with its review state in words.
    const reviews = [...document.querySelectorAll('[data-staff="reviews"] tbody tr')];
    expect(reviews.length).toBe(i18n.languages.length * config.handouts.length);
    const en = document.querySelector(`[data-review="en/${config.handouts[0]}"]`)!;
    expect(en.querySelector('[data-review-kind="medical"]')!.getAttribute('data-review-state')).toMatch(/^(reviewed|not-reviewed|out-of-date)$/);
    expect(en.querySelector('[data-review-state="original"]')!.textContent).toBe('staff.original');
    const fr = document.querySelector(`[data-review="fr/${config.handouts[0]}"] [data-review-kind="translation"]`)!;
    expect(fr.textContent).toMatch(/^staff\.(notReviewed|reviewed \{.+\}|outOfDate \{.+\})$/);
    // English has generated audio.
    expect(document.querySelector('[data-language-health="en"] td:last-child')!.textContent).not.toMatch(/^0 /);
    expect(document.querySelector('[data-staff="offline"]')!.textContent).toBe('staff.offlineUnsupported');
    expect(await axeViolations()).toEqual([]);
  });

  it('locks after 5 wrong PINs, keeps the lock when closed and opened again, and unlocks after 60 s', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    try {
      const kiosk = await openPinPad();
      // Each PIN is checked against the hash before the next can be entered.
      for (let i = 0; i < 4; i++) {
        enter(WRONG);
        await waitFor(() => expect(message()).toBe(shown('staff.wrongPin', { count: 4 - i })));
      }
      enter(WRONG);
      await waitFor(() => expect(message()).toBe(shown('staff.locked', { count: 60 })));
      expect((document.querySelector('[data-digit="1"]') as HTMLButtonElement).disabled).toBe(true);

      await act(() => kiosk.kiosk.visit.value.closeDialog());
      await act(() => kiosk.kiosk.visit.value.openDialog('staff'));
      await waitFor(() => expect(message()).toMatch(/^staff\.locked /));

      await advance(60_000);
      await waitFor(() => expect((document.querySelector('[data-digit="1"]') as HTMLButtonElement).disabled).toBe(false));
      enter(PIN);
      await screen.findByText('staff.content');
    } finally {
      vi.useRealTimers();
    }
  });

  it('has no axe violations', async () => {
    await openPinPad();
    enter(WRONG);
    expect(await axeViolations()).toEqual([]);
  });
});
