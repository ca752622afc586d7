/**
 * The library of many handouts in jsdom: featured handouts and topic tiles, a topic's A-to-Z strip
 * and its handouts, and the keypad path through them (a row of tiles is one stop for Up and Down;
 * Left and Right move along it). Layout and the touch and key counts on a built 100-handout library
 * are in tests/browser/library-search.test.ts.
 */
import { act, fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KEYPAD, type KeypadAction } from '../../src/kiosk/keypad';
import { createPrompter } from '../../src/speech/prompter';
import { PER_LIST } from '../../src/content/library-index';
import { renderKiosk, shown } from '../helpers/kiosk';
import { manyHandouts } from '../helpers/many-handouts';

const loading = { timeout: 10_000 };
const frames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0))));
const $ = (selector: string) => document.querySelector<HTMLElement>(selector);
const $$ = (selector: string) => [...document.querySelectorAll<HTMLElement>(selector)];

async function libraryOf(count: number, featured: string[] = []) {
  const said: string[] = [];
  const prompter = createPrompter(
    { load: () => undefined, find: () => undefined },
    { playClips: async () => {}, speak: (text, lang) => (said.push(`${lang}: ${text}`), true), stop: () => {} },
    () => 1,
  );
  const many = manyHandouts(count, featured);
  const kiosk = await renderKiosk({ config: many.config, content: many.content, prompter });
  const press = (action: KeypadAction) => act(() => kiosk.kiosk.keypad.dispatch(action, DEFAULT_KEYPAD[action][0]!));
  return { ...kiosk, many, said, press };
}

async function chooseLanguage(lang = 'en') {
  fireEvent.click($(`[data-language="${lang}"]`)!);
  await waitFor(() => expect($('.library')).not.toBeNull(), loading);
}

describe('a library of a few handouts', () => {
  it('is the list of cards it always was, with summaries and section counts', async () => {
    const { many } = await libraryOf(6);
    await chooseLanguage();
    expect($('.library--browse')).toBeNull();
    expect($$('.library__card')).toHaveLength(6);
    expect($('.library__card-summary')?.textContent).toBe(many.summaries[0]!.summary);
    await waitFor(() => expect(document.activeElement?.tagName).toBe('H1'));
  });
});

describe('a library of many handouts', () => {
  it('opens on the featured handouts and a tile per topic, "all" first, focus on it', async () => {
    await libraryOf(40, ['h007', 'h002']);
    await chooseLanguage();
    expect($$('[data-library="home"] [data-handout]').map((b) => b.dataset.handout)).toEqual(['h007', 'h002']);
    const topics = $$('[data-topic]').map((b) => b.dataset.topic);
    expect(topics[0]).toBe('*all');
    // Sorted by name in the visit's language: Medicines, Pain, Procedures; then the untopical ones.
    expect(topics.slice(1)).toEqual(['medicines', 'pain', 'procedures', '*other']);
    expect($('[data-topic="*all"]')!.textContent).toBe(`library.all${shown('library.count', { count: 40 })}`);
    await waitFor(() => expect(document.activeElement).toBe($('[data-topic="*all"]')));
  });

  it('shows a topic that fits one screen as its handouts, and one that does not behind an A-to-Z strip', async () => {
    const { kiosk } = await libraryOf(40);
    await chooseLanguage();
    fireEvent.click($('[data-topic="medicines"]')!);
    await waitFor(() => expect($('[data-library="topic"]')).not.toBeNull());
    // 8 of 40 handouts have only "medicines": one screen, no strip.
    expect($$('[data-range]')).toHaveLength(0);
    expect($$('[data-handout]')).toHaveLength(8);
    fireEvent.click($('[data-action="topics"]')!);
    await waitFor(() => expect($('[data-topic="*all"]')).not.toBeNull());
    fireEvent.click($('[data-topic="*all"]')!);
    await waitFor(() => expect($$('[data-range]')).toHaveLength(5));
    expect($('[data-range="0"]')!.getAttribute('aria-pressed')).toBe('true');
    const firstRange = $$('[data-handout]').map((b) => b.dataset.handout);
    expect(firstRange.length).toBeLessThanOrEqual(PER_LIST);
    fireEvent.click($('[data-range="3"]')!);
    await waitFor(() => expect($('[data-range="3"]')!.getAttribute('aria-pressed')).toBe('true'));
    const fourthRange = $$('[data-handout]').map((b) => b.dataset.handout);
    expect(fourthRange).not.toEqual(firstRange);
    // Every handout is in exactly one range.
    const seen = new Set<string>();
    for (const range of $$('[data-range]')) {
      fireEvent.click(range);
      await waitFor(() => expect(range.getAttribute('aria-pressed')).toBe('true'));
      for (const card of $$('[data-handout]')) seen.add(card.dataset.handout!);
    }
    expect(seen.size).toBe(40);
    const chosen = $('[data-handout]')!.dataset.handout;
    fireEvent.click($('[data-handout]')!);
    await waitFor(() => expect($('.section-text')).not.toBeNull(), loading);
    expect(kiosk.visit.value.handout.value?.id).toBe(chosen);
  });

  it('goes back from a handout to the topic and range it was opened from', async () => {
    const { press } = await libraryOf(40);
    await chooseLanguage();
    fireEvent.click($('[data-topic="*all"]')!);
    await waitFor(() => expect($('[data-range="2"]')).not.toBeNull());
    fireEvent.click($('[data-range="2"]')!);
    await waitFor(() => expect($('[data-range="2"]')!.getAttribute('aria-pressed')).toBe('true'));
    const card = $('[data-handout]')!.dataset.handout;
    fireEvent.click($('[data-handout]')!);
    await waitFor(() => expect($('.section-text')).not.toBeNull(), loading);
    await press('back');
    await waitFor(() => expect($('[data-range="2"]')?.getAttribute('aria-pressed')).toBe('true'));
    expect($('[data-handout]')!.dataset.handout).toBe(card);
    // Back again: the topics.
    await press('back');
    await waitFor(() => expect($('[data-library="home"]')).not.toBeNull());
  });

  it('lets the keypad cross a row of tiles with Left and Right, and step over it with Up and Down', async () => {
    const { press, said } = await libraryOf(40, ['h001', 'h002']);
    await chooseLanguage();
    await waitFor(() => expect(document.activeElement).toBe($('[data-topic="*all"]')));
    await press('right');
    expect(document.activeElement).toBe($('[data-topic="medicines"]'));
    expect(said.at(-1)).toBe(`en: topics.medicines, ${shown('library.count', { count: 8 })}, voice.button`);
    // Up leaves the topics for the featured row, entering it at its first card and naming the row.
    await press('up');
    expect(document.activeElement).toBe($('[data-library="home"] [data-handout="h001"]'));
    expect(said.at(-1)).toMatch(/^en: library\.featured, Arthritis 1: .*, voice\.button$/);
    // Down comes back to the topics where it left them: one stop, not one per tile.
    await press('down');
    expect(document.activeElement).toBe($('[data-topic="medicines"]'));
    // Left from the first tile wraps to the last.
    await press('left');
    await press('left');
    expect(document.activeElement).toBe($('[data-topic="*other"]'));
  });

  it('chooses a range as the keypad moves along the strip, and mirrors Left and Right in Arabic', async () => {
    const { press, said } = await libraryOf(40);
    await chooseLanguage('ar');
    fireEvent.click($('[data-topic="*all"]')!);
    await waitFor(() => expect(document.activeElement).toBe($('[data-range="0"]')));
    // Right to left: Left is forward.
    await press('left');
    expect(document.activeElement).toBe($('[data-range="1"]'));
    expect($('[data-range="1"]')!.getAttribute('aria-pressed')).toBe('true');
    expect(said.at(-1)).toContain($('[data-range="1"]')!.textContent);
    await press('down');
    expect(document.activeElement?.matches('[data-handout]')).toBe(true);
    expect(said.at(-1)).toMatch(/^ar: library\.list, /);
    await press('back');
    await waitFor(() => expect($('[data-library="home"]')).not.toBeNull());
    await frames();
  });

  it('says how to browse when Help is pressed', async () => {
    const { press, said } = await libraryOf(40);
    await chooseLanguage();
    await press('help');
    expect(said.at(-1)).toContain('help.libraryBrowse');
  });
});

describe('the Help dialog a touch opens in the library', () => {
  // The same words the keypad's Help says: how to browse in a large library, the plain help in a small one.
  for (const [count, help] of [
    [40, 'help.libraryBrowse'],
    [6, 'help.library'],
  ] as const) {
    it(`shows ${help} with ${count} handouts`, async () => {
      await libraryOf(count);
      await chooseLanguage();
      fireEvent.click(screen.getByRole('button', { name: 'common.help' }));
      const dialog = await screen.findByRole('dialog', {}, loading);
      expect(dialog.querySelector('p')?.textContent).toBe(help);
    });
  }
});
