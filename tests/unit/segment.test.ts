// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { segmentText } from '../../scripts/lib/segment.ts';

const sentencesOf = (text: string, lang = 'en') => segmentText(text, lang).map((s) => text.slice(s.start, s.end));
const wordsOf = (text: string, lang = 'en') => segmentText(text, lang).flatMap((s) => s.words.map((w) => text.slice(w.start, w.end)));

describe('segmentText', () => {
  it('does not end a sentence after "Dr."', () => {
    expect(sentencesOf('Ask Dr. Singh about it. Then rest.')).toEqual(['Ask Dr. Singh about it.', 'Then rest.']);
  });

  it('does not end a sentence after "e.g." or "i.e." even before a capital', () => {
    expect(sentencesOf('Some drugs, e.g. Tylenol, help. Others, i.e. Advil, do not.')).toEqual(['Some drugs, e.g. Tylenol, help.', 'Others, i.e. Advil, do not.']);
  });

  it('does not treat a word that merely ends in "dr." as an abbreviation', () => {
    expect(sentencesOf('He met Alexandr. She left.')).toEqual(['He met Alexandr.', 'She left.']);
  });

  it('keeps the nurse line "811" as one word', () => {
    expect(wordsOf('Call 811 today.')).toEqual(['Call', '811', 'today']);
  });

  it('keeps a decimal number as one word and does not split the sentence at its point', () => {
    expect(sentencesOf('Take 2.5 mg daily. Stop if sick.')).toEqual(['Take 2.5 mg daily.', 'Stop if sick.']);
    expect(wordsOf('Take 2.5 mg daily.')).toEqual(['Take', '2.5', 'mg', 'daily']);
  });

  it('leaves quotation marks out of words but inside the sentence', () => {
    const text = 'She said, “It worked.” Then she smiled.';
    expect(sentencesOf(text)).toEqual(['She said, “It worked.”', 'Then she smiled.']);
    expect(wordsOf('“It worked.”')).toEqual(['It', 'worked']);
  });

  it('treats a list item without a full stop as one sentence', () => {
    expect(sentencesOf('Keep a list of your medicines')).toEqual(['Keep a list of your medicines']);
  });

  it('gives offsets relative to a base, exactly matching the text', () => {
    const text = 'Rest well. Drink water.';
    const base = 100;
    const padded = ' '.repeat(base) + text;
    for (const sentence of segmentText(text, 'en', base)) {
      for (const word of sentence.words) {
        expect(padded.slice(word.start, word.end)).toMatch(/^\p{L}+$/u);
      }
    }
    expect(segmentText(text, 'en', base).map((s) => [s.start, s.end])).toEqual([
      [100, 110],
      [111, 123],
    ]);
  });

  it('excludes trailing spaces from a sentence', () => {
    expect(sentencesOf('One.   Two.  ')).toEqual(['One.', 'Two.']);
  });

  it('splits Chinese into dictionary words, not characters or whole sentences', () => {
    const words = wordsOf('神经消融是一种治疗方法。', 'zh-Hans');
    expect(words.length).toBeGreaterThan(2);
    expect(words.length).toBeLessThan('神经消融是一种治疗方法'.length);
    expect(words.join('')).toBe('神经消融是一种治疗方法');
  });

  it('keeps French "p. ex." inside its sentence', () => {
    expect(sentencesOf('Certains médicaments, p. ex. Advil, aident. Reposez-vous.', 'fr')).toEqual(['Certains médicaments, p. ex. Advil, aident.', 'Reposez-vous.']);
  });
});
