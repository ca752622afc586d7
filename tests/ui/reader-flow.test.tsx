import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { config, languageButton, openHandoutAs, readerPosition, renderKiosk, shown, untilSection } from '../helpers/kiosk';
import { createRecordingPlayer } from '../helpers/recording-player';
import { playerWithMissingAudio } from '../helpers/players';

async function openHandout() {
  const recording = createRecordingPlayer();
  const kiosk = await renderKiosk({ createPlayer: () => recording.player });
  await openHandoutAs('en');
  return { ...kiosk, recording };
}

const heading = () => document.querySelector('.section-text__heading')?.textContent;

describe('reading a handout by touch', () => {
  it('goes straight to the only handout after the language is chosen', async () => {
    await openHandout();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('A walk in the test garden');
    expect(heading()).toBe('The garden');
  });

  it("moves focus to the handout's title once it has loaded, from the heading shown while it loaded", async () => {
    await openHandout();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'A walk in the test garden' })));
  });

  it('pages through every section with Next and back with Previous', async () => {
    await openHandout();
    const seen = [heading()];
    for (let i = 2; i <= 5; i++) {
      fireEvent.click(screen.getByRole('button', { name: 'reader.next' }));
      await untilSection(i);
      seen.push(heading());
    }
    expect(seen).toEqual(['The garden', 'The path', 'The pond', 'The gate', 'Questions']);
    expect(readerPosition()).toEqual({ current: 5, total: 5 });
    expect(screen.getByRole('button', { name: 'reader.next' })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('button', { name: 'reader.previous' }));
    await untilSection(4);
  });

  it('puts the nurse line from the config into the section that names it', async () => {
    const { kiosk } = await openHandout();
    kiosk.visit.value.goToSection(4);
    await waitFor(() => expect(document.querySelector('.section-text')?.textContent).toContain(`call the garden line: ${config.site.nurseLine}.`));
  });

  it('moves focus to the new section heading after Next', async () => {
    await openHandout();
    fireEvent.click(screen.getByRole('button', { name: 'reader.next' }));
    await waitFor(() => expect(document.activeElement?.textContent).toBe('The path'));
  });

  it('jumps to a section from the section list and closes the list', async () => {
    await openHandout();
    fireEvent.click(screen.getByRole('button', { name: 'reader.sections' }));
    const dialog = await screen.findByRole('dialog', { name: 'reader.sectionList' });
    fireEvent.click(dialog.querySelector('[data-section="gate"]')!);
    await untilSection(4);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('changes section on a horizontal swipe but not on a vertical drag', async () => {
    await openHandout();
    const area = document.querySelector('.reader__scroll')!;
    const swipe = (x0: number, y0: number, x1: number, y1: number) => {
      fireEvent.pointerDown(area, { clientX: x0, clientY: y0, pointerId: 1, pointerType: 'touch' });
      fireEvent.pointerUp(area, { clientX: x1, clientY: y1, pointerId: 1, pointerType: 'touch' });
    };
    swipe(800, 500, 400, 520);
    await untilSection(2);
    swipe(800, 200, 780, 700);
    swipe(400, 500, 800, 500);
    await untilSection(1);
  });

  it('stops speech on every navigation and loads the new section with the next one preloaded', async () => {
    const { recording } = await openHandout();
    recording.calls.length = 0;
    fireEvent.click(screen.getByRole('button', { name: 'reader.next' }));
    expect(recording.calls).toEqual(['stop', 'load en/path next pond']);
  });

  it('plays from a word when the word is tapped', async () => {
    const { recording } = await openHandout();
    const word = [...document.querySelectorAll('.word')].find((w) => w.textContent === 'Birds')!;
    fireEvent.click(word);
    expect(recording.calls.at(-1)).toBe(`play from ${word.getAttribute('data-word')}`);
  });

  it('highlights the current word and sentence without re-rendering the text', async () => {
    const { recording } = await openHandout();
    const firstWord = document.querySelector('[data-word="0"]')!;
    await recording.speakWord(0);
    await waitFor(() => expect(firstWord.classList.contains('word--current')).toBe(true));
    expect(document.querySelector('[data-sentence="0"]')?.getAttribute('aria-current')).toBe('true');
    await recording.speakWord(1);
    await waitFor(() => expect(firstWord.classList.contains('word--current')).toBe(false));
    expect(document.querySelector('[data-word="1"]')?.classList.contains('word--current')).toBe(true);
    expect(document.querySelector('[data-word="0"]')).toBe(firstWord);
    expect(document.querySelectorAll('.word--current')).toHaveLength(1);
  });

  it('keeps the section when the language is changed from the reader', async () => {
    await openHandout();
    fireEvent.click(screen.getByRole('button', { name: 'reader.next' }));
    fireEvent.click(screen.getByRole('button', { name: 'reader.next' }));
    await untilSection(3);
    fireEvent.click(screen.getByRole('button', { name: 'common.language' }));
    fireEvent.click(await languageButton('en'));
    await untilSection(3);
  });

  it('says on screen when the audio file is missing and no browser voice exists, and keeps the text readable', async () => {
    await renderKiosk({ createPlayer: () => playerWithMissingAudio() });
    await openHandoutAs('en');
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'reader.audioUnavailable');
    expect(heading()).toBe('The garden');
  });

  it('starts again with every display choice back to its default', async () => {
    const { kiosk } = await openHandout();
    fireEvent.click(screen.getByRole('button', { name: 'reader.settings' }));
    fireEvent.click(await screen.findByRole('radio', { name: 'reader.sizeExtraLarge' }));
    fireEvent.click(screen.getByRole('radio', { name: 'reader.themeContrast' }));
    await waitFor(() => expect(document.documentElement.dataset.textSize).toBe('extra-large'));
    fireEvent.click(screen.getByRole('button', { name: 'common.close' }));
    fireEvent.click(screen.getByRole('button', { name: 'common.home' }));
    await screen.findByText('welcome.greeting');
    await waitFor(() => expect(document.documentElement.dataset.textSize).toBe('medium'));
    expect(document.documentElement.dataset.theme).toBe('default');
    expect(kiosk.visit.value.handout.value).toBeNull();
  });

  it('reads on into the next section when auto-advance is on, and stops at the end when it is off', async () => {
    const { kiosk, recording } = await openHandout();
    const visit = kiosk.visit.value;
    visit.prefs.setAutoAdvance(true);
    recording.player.play();
    await recording.untilPlaying();
    recording.calls.length = 0;
    await recording.finishSection();
    await untilSection(2);
    expect(recording.calls).toEqual(['stop', 'load en/path next pond', 'play']);
    visit.prefs.setAutoAdvance(false);
    await recording.untilPlaying();
    recording.calls.length = 0;
    await recording.finishSection();
    expect(recording.calls).toEqual([]);
    expect(readerPosition().current).toBe(2);
  });

  it('restarts the section being read in the new language when the language is changed', async () => {
    const { recording } = await openHandout();
    fireEvent.click(screen.getByRole('button', { name: 'reader.next' }));
    await untilSection(2);
    recording.player.play();
    fireEvent.click(screen.getByRole('button', { name: 'common.language' }));
    recording.calls.length = 0;
    fireEvent.click(await languageButton('fr'));
    await screen.findByText(shown('reader.sectionOf', { current: 2, total: 5 }), { selector: '.reader__position' });
    await waitFor(() => expect(recording.calls).toContain('play'));
    expect(recording.calls.filter((c) => c.startsWith('load'))).toEqual(['load fr/path next pond']);
    expect(document.documentElement.lang).toBe('fr');
    expect(document.querySelector('.section-text')?.getAttribute('lang')).toBe('fr');
  });

  it('does not restart reading after a language change when nothing was being read', async () => {
    const { recording } = await openHandout();
    fireEvent.click(screen.getByRole('button', { name: 'common.language' }));
    recording.calls.length = 0;
    fireEvent.click(await languageButton('es'));
    await waitFor(() => expect(recording.calls.some((c) => c.startsWith('load es/'))).toBe(true));
    expect(recording.calls).not.toContain('play');
  });
});

describe('the handout library', () => {
  it('shows one large card per configured handout, in config order, and opens the one touched', async () => {
    await renderKiosk();
    fireEvent.click(await languageButton('en'));
    await screen.findByRole('heading', { level: 1, name: 'library.title' });
    const cards = [...document.querySelectorAll('[data-handout]')].map((c) => c.getAttribute('data-handout'));
    expect(cards).toEqual(config.handouts);
    fireEvent.click(document.querySelector(`[data-handout="${config.handouts.at(-1)}"]`)!);
    await waitFor(() => expect(document.querySelector('.section-text')).not.toBeNull());
    expect(readerPosition()).toEqual({ current: 1, total: 2 });
  });

  it('is skipped when only one handout is configured', async () => {
    await renderKiosk({ config: { ...config, handouts: [config.handouts[1]!] } });
    fireEvent.click(await languageButton('en'));
    await untilSection(1);
    expect(readerPosition().total).toBe(2);
    expect(document.querySelector('.library')).toBeNull();
  });
});
