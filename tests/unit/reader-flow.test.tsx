import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { config, openHandoutAs, renderKiosk } from '../helpers/kiosk';
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
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Nerve ablation for chronic pain');
    expect(heading()).toBe('What is nerve ablation?');
  });

  it('pages through every section with Next and back with Previous', async () => {
    await openHandout();
    const seen = [heading()];
    for (let i = 2; i <= 7; i++) {
      fireEvent.click(screen.getByRole('button', { name: 'Next' }));
      await screen.findByText(`Section ${i} of 7`, { selector: '.reader__position' });
      seen.push(heading());
    }
    expect(seen).toEqual([
      'What is nerve ablation?',
      'Why is it used?',
      'The nerve-block test beforehand',
      'How long does it take?',
      'How is it done?',
      'How well does it work?',
      'Follow-up care',
    ]);
    expect(screen.getByRole('button', { name: 'Next' })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('button', { name: 'Previous' }));
    await screen.findByText('Section 6 of 7', { selector: '.reader__position' });
  });

  it('puts the nurse line from the config into the follow-up section', async () => {
    const { kiosk } = await openHandout();
    kiosk.visit.value.goToSection(6);
    await waitFor(() => expect(document.querySelector('.section-text')?.textContent).toContain('nurse advice line: 811.'));
  });

  it('moves focus to the new section heading after Next', async () => {
    await openHandout();
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Why is it used?'));
  });

  it('jumps to a section from the section list and closes the list', async () => {
    await openHandout();
    fireEvent.click(screen.getByRole('button', { name: 'Sections' }));
    const dialog = await screen.findByRole('dialog', { name: 'All sections' });
    fireEvent.click(dialog.querySelector('[data-section="how-done"]')!);
    await screen.findByText('Section 5 of 7', { selector: '.reader__position' });
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
    await screen.findByText('Section 2 of 7', { selector: '.reader__position' });
    swipe(800, 200, 780, 700);
    swipe(400, 500, 800, 500);
    await screen.findByText('Section 1 of 7', { selector: '.reader__position' });
  });

  it('stops speech on every navigation and loads the new section with the next one preloaded', async () => {
    const { recording } = await openHandout();
    recording.calls.length = 0;
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(recording.calls).toEqual(['stop', 'load en/why-used next nerve-block-test']);
  });

  it('plays from a word when the word is tapped', async () => {
    const { recording } = await openHandout();
    const word = [...document.querySelectorAll('.word')].find((w) => w.textContent === 'Nerves')!;
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
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByText('Section 3 of 7', { selector: '.reader__position' });
    fireEvent.click(screen.getByRole('button', { name: 'Language' }));
    fireEvent.click(await screen.findByRole('button', { name: 'English' }));
    await screen.findByText('Section 3 of 7', { selector: '.reader__position' });
  });

  it('says on screen when the audio file is missing and no browser voice exists, and keeps the text readable', async () => {
    await renderKiosk({ createPlayer: () => playerWithMissingAudio() });
    await openHandoutAs('en');
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Audio is not available for this section. You can still read the text.');
    expect(heading()).toBe('What is nerve ablation?');
  });

  it('starts again with every display choice back to its default', async () => {
    const { kiosk } = await openHandout();
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    fireEvent.click(await screen.findByRole('radio', { name: 'Extra large' }));
    fireEvent.click(screen.getByRole('radio', { name: 'High contrast' }));
    await waitFor(() => expect(document.documentElement.dataset.textSize).toBe('extra-large'));
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    fireEvent.click(screen.getByRole('button', { name: 'Start again' }));
    await screen.findByText('Touch your language to begin');
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
    await screen.findByText('Section 2 of 7', { selector: '.reader__position' });
    expect(recording.calls).toEqual(['stop', 'load en/why-used next nerve-block-test', 'play']);
    visit.prefs.setAutoAdvance(false);
    await recording.untilPlaying();
    recording.calls.length = 0;
    await recording.finishSection();
    expect(recording.calls).toEqual([]);
    expect(screen.getByText('Section 2 of 7', { selector: '.reader__position' })).toBeTruthy();
  });

  it('restarts the section being read in the new language when the language is changed', async () => {
    const { recording } = await openHandout();
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByText('Section 2 of 7', { selector: '.reader__position' });
    recording.player.play();
    fireEvent.click(screen.getByRole('button', { name: 'Language' }));
    recording.calls.length = 0;
    fireEvent.click(await screen.findByRole('button', { name: 'Français' }));
    await screen.findByText('Section 2 sur 7', { selector: '.reader__position' });
    await waitFor(() => expect(recording.calls).toContain('play'));
    expect(recording.calls.filter((c) => c.startsWith('load'))).toEqual(['load fr/why-used next nerve-block-test']);
    expect(document.documentElement.lang).toBe('fr');
    expect(document.querySelector('.section-text')?.getAttribute('lang')).toBe('fr');
  });

  it('does not restart reading after a language change when nothing was being read', async () => {
    const { recording } = await openHandout();
    fireEvent.click(screen.getByRole('button', { name: 'Language' }));
    recording.calls.length = 0;
    fireEvent.click(await screen.findByRole('button', { name: 'Español' }));
    await waitFor(() => expect(recording.calls.some((c) => c.startsWith('load es/'))).toBe(true));
    expect(recording.calls).not.toContain('play');
  });

});

describe('the handout library', () => {
  it('shows one large card per configured handout, in config order, and opens the one touched', async () => {
    await renderKiosk();
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    await screen.findByRole('heading', { level: 1, name: 'Choose a handout' });
    const cards = [...document.querySelectorAll('[data-handout]')].map((c) => c.getAttribute('data-handout'));
    expect(cards).toEqual(config.handouts);
    fireEvent.click(document.querySelector(`[data-handout="${config.handouts.at(-1)}"]`)!);
    await waitFor(() => expect(document.querySelector('.section-text')).not.toBeNull());
    expect(screen.getByText(/^Section 1 of/, { selector: '.reader__position' })).toBeTruthy();
  });

  it('is skipped when only one handout is configured', async () => {
    await renderKiosk({ config: { ...config, handouts: ['nerve-ablation'] } });
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    await screen.findByText('Section 1 of 7', { selector: '.reader__position' });
    expect(document.querySelector('.library')).toBeNull();
  });
});

