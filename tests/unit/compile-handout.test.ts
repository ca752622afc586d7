// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { compileHandout, type CompileOptions } from '../../scripts/lib/compile-handout.ts';
import { InputError } from '../../scripts/lib/input-error.ts';

const options: CompileOptions = {
  file: 'locales/en/handouts/test.md',
  lang: 'en',
  dir: 'ltr',
  placeholders: { nurseLine: '811' },
  figures: new Set(['nervous-system.svg']),
};

const FRONT = `---
id: test
summary: A test handout.
source: Written for the tests.
licence: None.
translation: original
---
`;

function problemsOf(source: string): string[] {
  try {
    compileHandout(source, options);
  } catch (error) {
    if (error instanceof InputError) return error.problems.map((p) => `${p.where ?? ''}: ${p.message}`);
    throw error;
  }
  return [];
}

describe('compileHandout', () => {
  const handout = compileHandout(
    `${FRONT}
# Test title

## What is it? {#what}

![A body with nerves.](nervous-system.svg "The nervous system.")

Dr. Lee will see you. Call {nurseLine} if you need help.

## Care {#care}

- Rest for 2.5 hours
- Drink "plenty" of water.
`,
    options,
  );

  it('reads the title, metadata and sections with their ids in order', () => {
    expect(handout.title).toBe('Test title');
    expect(handout.meta).toEqual({
      source: 'Written for the tests.',
      licence: 'None.',
      translation: 'original',
      review: { medical: { state: 'not-reviewed' }, translation: null },
    });
    expect(handout.sections.map((s) => s.id)).toEqual(['what', 'care']);
  });

  it('lays out the section text as heading, then blocks separated by blank lines', () => {
    const [what, care] = handout.sections;
    expect(what?.text).toBe('What is it?\n\nThe nervous system.\n\nDr. Lee will see you. Call 811 if you need help.');
    expect(care?.text).toBe('Care\n\nRest for 2.5 hours\nDrink "plenty" of water.');
  });

  it('gives every word and sentence offsets that slice exactly their text', () => {
    const what = handout.sections[0]!;
    expect(what.sentences.map((s) => what.text.slice(s.start, s.end))).toEqual(['What is it?', 'The nervous system.', 'Dr. Lee will see you.', 'Call 811 if you need help.']);
    expect(what.words.map((w) => what.text.slice(w.start, w.end))).toEqual('What is it The nervous system Dr Lee will see you Call 811 if you need help'.split(' '));
    const care = handout.sections[1]!;
    expect(care.sentences.map((s) => care.text.slice(s.start, s.end))).toEqual(['Care', 'Rest for 2.5 hours', 'Drink "plenty" of water.']);
  });

  it('numbers words and sentences in reading order', () => {
    const what = handout.sections[0]!;
    expect(what.words.map((w) => w.index)).toEqual(what.words.map((_, i) => i));
    expect(what.sentences.map((s) => s.index)).toEqual(what.sentences.map((_, i) => i));
    const last = what.sentences[3]!;
    expect(what.words.slice(last.firstWord, last.firstWord + last.wordCount).map((w) => what.text.slice(w.start, w.end))).toEqual(['Call', '811', 'if', 'you', 'need', 'help']);
  });

  it('makes a figure block with its alt text and caption', () => {
    const figure = handout.sections[0]!.blocks[0];
    expect(figure).toMatchObject({ kind: 'figure', image: 'nervous-system.svg', alt: 'A body with nerves.' });
  });

  it('makes lists with one text unit per item', () => {
    const list = handout.sections[1]!.blocks[0];
    expect(list?.kind).toBe('list');
    if (list?.kind === 'list') expect(list.items).toHaveLength(2);
  });

  it('shows inline HTML as literal text, never as markup', () => {
    const compiled = compileHandout(`${FRONT}\n# T\n\n## S {#s}\n\nHello <script>alert(1)</script> <b onclick="x()">bold</b>.\n`, options);
    expect(compiled.sections[0]?.text).toContain('<script>alert(1)</script>');
    expect(compiled.sections[0]?.text).toContain('<b onclick="x()">bold</b>');
  });

  it('accepts Windows line endings and a byte-order mark', () => {
    const source = `\uFEFF${FRONT}\n# T\n\n## S {#s}\n\nLine one.\n`.replace(/\n/g, '\r\n');
    expect(compileHandout(source, options).sections[0]?.text).toBe('S\n\nLine one.');
  });

  it('rejects a section with no text, naming its line', () => {
    expect(problemsOf(`${FRONT}\n# T\n\n## Empty {#empty}\n\n## Full {#full}\n\nText.\n`)).toEqual(['line 11: section "empty" has no text']);
  });

  it('rejects a section heading without an id', () => {
    expect(problemsOf(`${FRONT}\n# T\n\n## No id here\n\nText.\n`)[0]).toMatch(/^line 11: section heading "No id here" needs an id/);
  });

  it('rejects a repeated section id', () => {
    expect(problemsOf(`${FRONT}\n# T\n\n## A {#a}\n\nOne.\n\n## B {#a}\n\nTwo.\n`)).toContain('line 15: section id "a" is used twice');
  });

  it('rejects an unknown placeholder and lists the known ones', () => {
    expect(problemsOf(`${FRONT}\n# T\n\n## A {#a}\n\nCall {phone}.\n`)).toEqual(['line 13: unknown placeholder {phone}; known: {nurseLine}, {poisonCentre}, {emergency}']);
  });

  it('takes the {!safety} mark off the text, and refuses it anywhere but the end of a paragraph or list item', () => {
    const marked = compileHandout(`${FRONT}\n# T\n\n## A {#a}\n\nCall 911 now. {!safety}\n\n- Take 2. {!safety}\n`, options);
    expect(marked.sections[0]!.text).toBe('A\n\nCall 911 now.\n\nTake 2.');
    expect(problemsOf(`${FRONT}\n# T\n\n## A {!safety} {#a}\n\nCall {!safety} now.\n\nSee {!note}.\n`)).toEqual([
      'line 11: {!safety} marks a paragraph or list item, not a heading or caption',
      'line 13: {!safety} goes at the very end of a paragraph or list item',
      'line 15: unknown mark {!note}; the only mark is {!safety}',
    ]);
  });

  it('rejects a figure with no alt text or a missing image', () => {
    const problems = problemsOf(`${FRONT}\n# T\n\n## A {#a}\n\n![](missing.svg)\n\nText.\n`);
    expect(problems.some((p) => p.includes('figure "missing.svg" is not in locales/figures/'))).toBe(true);
    expect(problems.some((p) => p.includes('figure "missing.svg" needs alt text'))).toBe(true);
  });

  it('rejects missing front matter fields and a bad translation status', () => {
    const problems = problemsOf(`---\nid: t\ntranslation: maybe\n---\n# T\n\n## A {#a}\n\nText.\n`);
    expect(problems).toContain('line 2: front matter field "summary": is missing; expected a string');
    expect(problems).toContain('line 2: front matter field "translation": "maybe" is not allowed; expected one of "original", "draft", "reviewed"');
  });

  it('rejects text before the first section and deeper headings', () => {
    const problems = problemsOf(`${FRONT}\n# T\n\nStray text.\n\n## A {#a}\n\n### Deep\n\nText.\n`);
    expect(problems).toContain('line 11: text before the first "## " section heading; put it inside a section');
    expect(problems).toContain('line 15: only "# " (title) and "## " (section) headings are allowed; found ###');
  });
});
