import { act, fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { fakeClock } from '../helpers/fake-clock';
import { config, openHandoutAs, readerPosition, renderKiosk, shown } from '../helpers/kiosk';
import { createPrompter } from '../../src/speech/prompter';
import { createRecordingPlayer } from '../helpers/recording-player';

const timeout = config.idle.timeoutSeconds * 1000;
const warning = config.idle.warningSeconds * 1000;

async function inReader() {
  const clock = fakeClock();
  const recording = createRecordingPlayer();
  const kiosk = await renderKiosk({ clock, createPlayer: () => recording.player });
  await openHandoutAs('en');
  return { clock, recording, ...kiosk };
}

const advance = (clock: ReturnType<typeof fakeClock>, ms: number) => act(() => clock.advance(ms));

describe('idle reset', () => {
  it('asks "Are you still there?" after the idle time, with a countdown', async () => {
    const { clock } = await inReader();
    await advance(clock, timeout - 1000);
    expect(screen.queryByRole('dialog')).toBeNull();
    await advance(clock, 1000);
    const dialog = await screen.findByRole('dialog', { name: 'idle.title' });
    expect(dialog.textContent).toContain(shown('idle.body', { count: config.idle.warningSeconds }));
    await advance(clock, 10_000);
    expect(dialog.textContent).toContain(shown('idle.body', { count: config.idle.warningSeconds - 10 }));
  });

  it(`returns to the welcome screen ${config.idle.warningSeconds} s after the warning if nobody touches`, async () => {
    const { clock, kiosk } = await inReader();
    kiosk.visit.value.prefs.setTextSize('extra-large');
    kiosk.visit.value.goToSection(4);
    await advance(clock, timeout + warning - 500);
    expect(screen.queryByText('welcome.greeting')).toBeNull();
    await advance(clock, 500);
    await screen.findByText('welcome.greeting');
    await waitFor(() => expect(document.documentElement.dataset.textSize).toBe('medium'));
    expect(kiosk.visit.value.handout.value).toBeNull();
    expect(kiosk.visit.value.sectionIndex.value).toBe(0);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('keeps the visit when the patient touches "I am still here"', async () => {
    const { clock } = await inReader();
    await advance(clock, timeout + 5000);
    fireEvent.click(await screen.findByRole('button', { name: 'idle.continue' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await advance(clock, warning);
    expect(readerPosition().current).toBe(1);
  });

  it('does not count time while speech is playing as idle', async () => {
    const { clock, recording } = await inReader();
    recording.player.play();
    await advance(clock, timeout * 3);
    expect(screen.queryByRole('dialog')).toBeNull();
    recording.player.pause();
    await advance(clock, timeout);
    await screen.findByRole('dialog', { name: 'idle.title' });
  });

  it("shows the next patient's first frame at the default text size and theme", async () => {
    // The last patient read in English at extra-large on the dark theme: the language does not
    // change at the reset, so nothing but the new visit can put the size and theme back.
    const { kiosk } = await inReader();
    kiosk.visit.value.prefs.setTextSize('extra-large');
    kiosk.visit.value.prefs.setTheme('dark');
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
    // What the root says when the welcome screen enters the DOM, before any frame is drawn: a
    // MutationObserver's callback runs before the browser paints, and before effects kept for after it.
    const firstFrame = new Promise<{ size?: string; theme?: string }>((resolve) => {
      const observer = new MutationObserver(() => {
        if (!document.querySelector('.welcome')) return;
        observer.disconnect();
        const { textSize: size, theme } = document.documentElement.dataset;
        resolve({ size, theme });
      });
      observer.observe(document.body, { childList: true, subtree: true });
    });
    void kiosk.resetVisit();
    expect(await firstFrame).toEqual({ size: 'medium', theme: 'default' });
  });

  it('stops speech when it resets', async () => {
    const { clock, recording } = await inReader();
    recording.player.pause();
    recording.calls.length = 0;
    await advance(clock, timeout + warning);
    await screen.findByText('welcome.greeting');
    expect(recording.calls).toContain('stop');
    expect(recording.calls).toContain('dispose');
  });

  it('lets nothing a finished visit started land after the reset (no late handout, no late reading)', async () => {
    // A patient reading in English asks for French and walks away while the French strings load:
    // the old visit must not go on to open the handout and read it aloud to the next patient.
    const { kiosk, recording, i18n } = await inReader();
    recording.player.play();
    const old = kiosk.visit.value;
    old.showLanguages();
    const choosing = old.chooseLanguage('fr');
    await kiosk.resetVisit();
    recording.calls.length = 0;
    await choosing;
    await old.openHandout(config.handouts[0]);
    old.goToSection(2);
    expect(recording.calls).toEqual([]);
    expect(old.handout.value?.lang).toBe('en');
    expect(old.screen.value).toBe('welcome');
    // The French strings that arrived late do not take over the next patient's welcome screen.
    expect(i18n.language.value).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });

  it('starts the next visit even when the finished one fails to close', async () => {
    const { kiosk, recording, clock } = await inReader();
    const dispose = recording.player.dispose.bind(recording.player);
    recording.player.dispose = () => {
      throw new Error('a player that will not let go');
    };
    onTestFinished(() => {
      recording.player.dispose = dispose;
    });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const before = kiosk.visitNumber.value;
    await advance(clock, timeout + warning);
    await screen.findByText('welcome.greeting');
    expect(kiosk.visitNumber.value).toBe(before + 1);
    expect(errors).toHaveBeenCalledWith('The finished visit did not close cleanly', expect.any(Error));
    errors.mockRestore();
  });

  it('resets silently on an untouched welcome screen, without a warning', async () => {
    const clock = fakeClock();
    await renderKiosk({ clock });
    await advance(clock, timeout + 1000);
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('the spoken countdown', () => {
  it('says the warning when it appears, then every ten seconds and each of the last five', async () => {
    const said: string[] = [];
    const prompter = createPrompter(
      { load: () => undefined, find: () => undefined },
      { playClips: async () => {}, speak: (text) => (said.push(text), true), stop: () => {} },
      () => 1,
    );
    const clock = fakeClock();
    await renderKiosk({ clock, prompter, createPlayer: () => createRecordingPlayer().player });
    await openHandoutAs('en');
    await advance(clock, timeout);
    await waitFor(() => expect(said.at(-1)).toBe(`idle.title, ${shown('idle.body', { count: config.idle.warningSeconds })}`));
    await advance(clock, 10_000);
    await waitFor(() => expect(said.at(-1)).toBe(shown('idle.body', { count: config.idle.warningSeconds - 10 })));
    await advance(clock, warning - 10_000 - 1000);
    await waitFor(() => expect(said.at(-1)).toBe(shown('idle.body', { count: 1 })));
  });

  it('stops the last prompt at the reset: the next patient does not hear the rest of it', async () => {
    // A voice that goes on speaking until it is told to stop, as a prompt clip does.
    let speaking = false;
    const prompter = createPrompter(
      { load: () => undefined, find: () => undefined },
      { playClips: async () => {}, speak: () => ((speaking = true), true), stop: () => (speaking = false) },
      () => 1,
    );
    const clock = fakeClock();
    await renderKiosk({ clock, prompter, createPlayer: () => createRecordingPlayer().player });
    await openHandoutAs('en');
    await advance(clock, timeout + warning - 1000);
    await waitFor(() => expect(prompter.last.value?.phrases.at(-1)).toBe(shown('idle.body', { count: 1 })));
    expect(speaking).toBe(true);
    await advance(clock, 1000);
    await screen.findByText('welcome.greeting');
    expect(speaking).toBe(false);
  });
});
