// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { compileHandout } from '../../scripts/lib/compile-handout.ts';
import { GRADE_TARGET, LONG_SENTENCE_WORDS, checkReadability, countSyllables, fleschKincaidGrade, longSentenceLimit } from '../../scripts/lib/readability.ts';

function handout(body: string, lang = 'en') {
  return compileHandout(
    `---
id: test
summary: A test handout.
source: Written for the tests.
licence: None.
translation: ${lang === 'en' ? 'original' : 'draft'}
---

# Test title

${body}
`,
    { file: 'test.md', lang, dir: 'ltr', placeholders: { nurseLine: '811' }, figures: new Set() },
  );
}

const words = (n: number, word = 'cat') => Array.from({ length: n }, () => word).join(' ');

describe('countSyllables', () => {
  it.each([
    ['cat', 1],
    ['the', 1],
    ['make', 1],
    ['takes', 1],
    ['liked', 1],
    ['called', 1],
    ['needed', 2],
    ['wanted', 2],
    ['nurses', 2],
    ['table', 2],
    ['doctor', 2],
    ['likely', 2],
    ['safety', 2],
    ['sometimes', 2],
    ['medicine', 3],
    ['area', 3],
    ['radio', 3],
    ['appointment', 3],
    ['acetaminophen', 6],
    ['information', 4],
    ['don’t', 1],
    ['811', 1],
  ])('%s has %i', (word, syllables) => {
    expect(countSyllables(word)).toBe(syllables);
  });

  it('never counts a word as having no syllables', () => {
    expect(countSyllables('rhythm')).toBeGreaterThanOrEqual(1);
    expect(countSyllables('x')).toBe(1);
  });
});

describe('fleschKincaidGrade', () => {
  it('is 0.39 × words per sentence + 11.8 × syllables per word − 15.59', () => {
    expect(fleschKincaidGrade({ words: 6, sentences: 1, syllables: 6 })).toBeCloseTo(-1.45, 5);
    expect(fleschKincaidGrade({ words: 100, sentences: 5, syllables: 150 })).toBeCloseTo(0.39 * 20 + 11.8 * 1.5 - 15.59, 5);
  });

  it('is 0 with nothing to measure', () => {
    expect(fleschKincaidGrade({ words: 0, sentences: 0, syllables: 0 })).toBe(0);
  });
});

describe('checkReadability', () => {
  it('warns about an English sentence over 20 words, naming the section and quoting its start', () => {
    const report = checkReadability(handout(`## One {#one}\n\n${words(21)}.\n\n${words(20)}.`));
    expect(report.warnings).toEqual([{ section: 'one', message: `sentence of 21 words (aim for 20 or fewer): "${words(8)}…"` }]);
  });

  it('holds translations to 25 words, because other languages take more words for the same sentence', () => {
    expect(longSentenceLimit('en')).toBe(LONG_SENTENCE_WORDS.plainLanguage);
    expect(longSentenceLimit('fr')).toBe(LONG_SENTENCE_WORDS.translation);
    const fr = (n: number) => checkReadability(handout(`## Un {#un}\n\n${words(n, 'chat')}.`, 'fr')).warnings;
    expect(fr(25)).toEqual([]);
    expect(fr(26)).toHaveLength(1);
  });

  it('leaves the heading out: a long heading is not a long sentence', () => {
    const report = checkReadability(handout(`## ${words(22)} {#one}\n\nShort text.`));
    expect(report.warnings).toEqual([]);
    expect(report.sections[0]).toMatchObject({ words: 2, sentences: 1 });
  });

  it('counts each list item as a sentence of its own', () => {
    const report = checkReadability(handout(`## One {#one}\n\n- ${words(15)}\n- ${words(15)}`));
    expect(report.warnings).toEqual([]);
    expect(report.sections[0]).toMatchObject({ words: 30, sentences: 2 });
  });

  it('estimates the grade of each English section and of the whole handout', () => {
    const easy = 'The cat sat on the mat. The dog ran to the park. We all had fun.';
    const hard =
      'Comprehensive pharmacological interventions necessitate individualized evaluation, particularly regarding hepatic complications, considering concomitant medications administered simultaneously.';
    const report = checkReadability(handout(`## Easy {#easy}\n\n${easy}\n\n## Hard {#hard}\n\n${hard} ${hard}`));
    const [easyGrade, hardGrade] = report.sections.map((s) => s.grade ?? NaN);
    expect(easyGrade).toBeLessThan(2);
    expect(hardGrade).toBeGreaterThan(20);
    expect(report.grade).toBeGreaterThan(easyGrade as number);
    expect(report.grade).toBeLessThan(hardGrade as number);
    expect(report.warnings.map((w) => w.section)).toEqual(['hard']);
    expect(report.warnings[0]?.message).toMatch(new RegExp(`reads at about grade \\d+\\.\\d \\(Flesch–Kincaid\\); aim for grade 6 to ${GRADE_TARGET}`));
  });

  it('does not warn about the grade of a section too short to measure', () => {
    const report = checkReadability(handout('## Short {#short}\n\nComprehensive pharmacological interventions necessitate evaluation.'));
    expect(report.sections[0]?.grade).toBeGreaterThan(GRADE_TARGET);
    expect(report.warnings).toEqual([]);
  });

  it('gives no grade for other languages', () => {
    const report = checkReadability(handout('## Un {#un}\n\nLe chat est sur le tapis.', 'fr'));
    expect(report.grade).toBeNull();
    expect(report.sections[0]?.grade).toBeNull();
  });
});
