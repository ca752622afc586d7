/**
 * "Show in English": the two-language view in jsdom (layout, alignment and colour are checked in
 * Chromium, tests/browser/glossary.test.ts): offered only outside the clinic's language, the patient's
 * side first with its own lang and dir, the block being read marked on both sides, one touch back.
 */
import { act, configure, fireEvent, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { rowOfSentence } from '../../src/screens/reader/compare';
import { config, openHandoutAs, renderKiosk, shown } from '../helpers/kiosk';
import { createRecordingPlayer } from '../helpers/recording-player';

// The view's code and the English handout arrive lazily; a busy machine needs more than a second.
configure({ asyncUtilTimeout: 15_000 });

async function readerIn(lang: string, site = config.site) {
  const recording = createRecordingPlayer();
  const kiosk = await renderKiosk({ createPlayer: () => recording.player, config: { ...config, site } });
  await openHandoutAs(lang);
  return { ...kiosk, recording };
}

const button = () => document.querySelector<HTMLButtonElement>('[data-action="compare"]');

describe('Show in the clinic’s language', () => {
  it('is not offered in English, the clinic’s language by default', async () => {
    await readerIn('en');
    expect(button()).toBeNull();
  });

  it('follows site.staffLanguage: a French-speaking clinic is offered French from Spanish', async () => {
    const { i18n } = await readerIn('es', { ...config.site, staffLanguage: 'fr' });
    // French, named in Spanish.
    expect(button()?.textContent).toBe(shown('reader.showIn', { language: 'francés' }));
    fireEvent.click(button()!);
    await waitFor(() => expect(document.querySelector('.compare__side--staff .compare__text')).not.toBeNull());
    expect([...document.querySelectorAll<HTMLElement>('.compare > .compare__side')].map((s) => s.lang)).toEqual(['es', 'fr']);
    expect(i18n.language.value).toBe('es');
  });

  it('shows both languages, the patient’s first, each with its lang and dir, and marks the block being read on both sides', async () => {
    const { kiosk, recording } = await readerIn('ar');
    fireEvent.click(button()!);
    await waitFor(() => expect(document.querySelector('.compare__side--staff .compare__text')).not.toBeNull());
    const sides = [...document.querySelectorAll<HTMLElement>('.compare > .compare__side')];
    expect(sides.map((s) => [s.className, s.lang, s.dir])).toEqual([
      ['compare__side compare__side--patient', 'ar', 'rtl'],
      ['compare__side compare__side--staff', 'en', 'ltr'],
    ]);
    const section = kiosk.visit.value.section.value!;
    const patientRows = document.querySelectorAll('.compare__side--patient .section-text > *');
    const staffRows = document.querySelectorAll('.compare__side--staff .compare__text > *');
    expect(staffRows.length).toBe(patientRows.length);
    // The player moves into the last block's first sentence.
    const last = section.blocks.at(-1)!;
    const sentence = last.kind === 'paragraph' ? last.text.firstSentence : last.kind === 'list' ? last.items[0]!.firstSentence : last.caption!.firstSentence;
    // As the audio would: the clock reaches that sentence's first word.
    await act(() => recording.speakWord(section.sentences[sentence]!.firstWord));
    await waitFor(() => expect(document.querySelectorAll('.compare__row--current')).toHaveLength(2));
    expect([patientRows[section.blocks.length]!.getAttribute('aria-current'), staffRows[section.blocks.length]!.getAttribute('aria-current')]).toEqual(['true', 'true']);
    // One touch returns to one language.
    fireEvent.click(button()!);
    await waitFor(() => expect(document.querySelector('.compare')).toBeNull());
    expect(document.querySelector('.section-text')).not.toBeNull();
  });
});

describe('rowOfSentence', () => {
  it('finds the heading, a paragraph, a list item and nothing', async () => {
    const { kiosk } = await readerIn('en');
    const handout = kiosk.visit.value.handout.value!;
    const section = handout.sections.find((s) => s.blocks.some((b) => b.kind === 'list'))!;
    const list = section.blocks.findIndex((b) => b.kind === 'list');
    const block = section.blocks[list]!;
    expect(rowOfSentence(section, 0)).toBe(0);
    expect(rowOfSentence(section, block.kind === 'list' ? block.items[1]!.firstSentence : -1)).toBe(list + 1);
    expect(rowOfSentence(section, -1)).toBe(-1);
  });
});
