/**
 * Tap a term, hear what it means: in every language a marked term opens its definition card, which
 * is read aloud from the clips `npm run audio` prepared (or, in a language with no voice, says it is
 * text only), and closes with one touch. Ordinary words keep "read from here"; the keypad reaches terms.
 * The fixture library has no prepared audio: its clips are stand-ins named by language and phrase, so
 * the test sees which phrases were asked for (that the real clips exist is tests/unit/prompt-clips.test.ts).
 */
import { configure, fireEvent, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KEYPAD } from '../../src/kiosk/keypad';
import { createPrompter } from '../../src/speech/prompter';
import { axeViolations } from '../helpers/axe';
import { languages, openHandoutAs, renderKiosk } from '../helpers/kiosk';
import { createRecordingPlayer } from '../helpers/recording-player';

/** A clip for every phrase, named by language and phrase, and an output that notes what it was asked to play or say. */
function listeningPrompter() {
  const played: string[][] = [];
  const spoken: string[] = [];
  const prompter = createPrompter(
    { load: () => {}, find: (lang, phrase) => `/${lang}/${phrase}.webm` },
    { playClips: async (urls) => void played.push(urls), speak: (text) => (spoken.push(text), true), stop: () => {} },
    () => 1,
  );
  return { prompter, played, spoken };
}

async function readerIn(lang: string) {
  const { prompter, played, spoken } = listeningPrompter();
  const recording = createRecordingPlayer();
  const { kiosk } = await renderKiosk({ prompter, createPlayer: () => recording.player });
  await openHandoutAs(lang);
  return { kiosk, played, spoken, recording };
}

// Each language's reader, dialogs and clip list arrive as lazy chunks; on a busy shared machine the
// default one-second wait for them is too short to tell slow from broken.
configure({ asyncUtilTimeout: 15_000 });

const card = () => document.querySelector<HTMLDialogElement>('dialog[data-dialog="term"]');

describe.each(languages.map((l) => [l.code, l.textOnly !== undefined] as const))('in %s', (lang, textOnly) => {
  it(`opens a marked term's definition card${textOnly ? ', saying it is text only,' : ' and reads it aloud from its prepared clips'} and closes it with one touch`, async () => {
    const { kiosk, played, spoken } = await readerIn(lang);
    const handout = kiosk.visit.value.handout.value!;
    const term = document.querySelector<HTMLButtonElement>('.section-text button.term')!;
    expect(term, 'the first section marks a term').not.toBeNull();
    const entry = handout.glossary![term.dataset.term!]!;
    // Only what the card says counts: choosing the language said its name.
    played.length = 0;
    spoken.length = 0;
    fireEvent.click(term.querySelector('[data-word]')!);
    await waitFor(() => expect(card()).not.toBeNull());
    expect(card()!.querySelector('h2')!.textContent).toBe(entry.term);
    const body = card()!.querySelector('.term-card')!;
    expect(body.textContent).toContain(entry.definition);
    expect([body.getAttribute('lang'), body.getAttribute('dir')]).toEqual([handout.lang, handout.dir]);
    if (textOnly) {
      expect(card()!.querySelector('[data-notice="text-only"]')).not.toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect([played, spoken]).toEqual([[], []]);
    } else {
      expect(card()!.querySelector('[data-notice="text-only"]')).toBeNull();
      // Two prepared clips, the term then its definition: never the browser's voice.
      await waitFor(() => expect(played).toEqual([[`/${lang}/${entry.term}.webm`, `/${lang}/${entry.definition}.webm`]]));
      expect(spoken).toEqual([]);
    }
    expect(await axeViolations()).toEqual([]);
    fireEvent.click(card()!.querySelector('[data-action="close"]')!);
    await waitFor(() => expect(card()).toBeNull());
  }, 60_000);
});

describe('terms among the other words', () => {
  it('keeps "read from here" on every word that is not a term, and pauses the reading for a card', async () => {
    const { recording } = await readerIn('en');
    const plain = [...document.querySelectorAll<HTMLElement>('.section-text [data-word]')].find((w) => !w.closest('.term'))!;
    fireEvent.click(plain);
    expect(recording.calls.at(-1)).toBe(`play from ${plain.dataset.word}`);
    fireEvent.click(document.querySelector('.section-text .term')!);
    await waitFor(() => expect(card()).not.toBeNull());
    expect(recording.calls.at(-1)).toBe('pause');
  });

  it('marks a term by shape as well as colour: a dotted underline and an icon, in a real button', async () => {
    await readerIn('en');
    const term = document.querySelector('.section-text .term')!;
    expect(term.localName).toBe('button');
    expect(term.querySelector('svg.icon[aria-hidden="true"]')).not.toBeNull();
    expect(term.textContent).toBe('bench');
  });

  it('is reached with the keypad and opened with Enter', async () => {
    const { kiosk } = await readerIn('en');
    const code = (action: keyof typeof DEFAULT_KEYPAD) => DEFAULT_KEYPAD[action].find((c) => /^F(1[3-9]|2[0-4])$/.test(c))!;
    for (let i = 0; i < 40 && !document.activeElement?.matches('.term'); i++) kiosk.keypad.dispatch('down', code('down'));
    expect(document.activeElement?.getAttribute('data-term')).toBe('bench');
    kiosk.keypad.dispatch('enter', code('enter'));
    await waitFor(() => expect(card()).not.toBeNull());
    kiosk.keypad.dispatch('back', code('back'));
    await waitFor(() => expect(card()).toBeNull());
  });
});
