// @vitest-environment node
/**
 * Glossary terms in the content: the `{?id|words}` mark compiled into the section model, and the
 * checks that keep every marked term defined, in every language, with the same facts. Fixture
 * handouts and glossaries are written here; the real ones are covered by `npm run check`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectPhrases } from '../../scripts/audio/prompts.ts';
import { runCheck } from '../../scripts/check.ts';
import { buildContent } from '../../scripts/lib/build-content.ts';
import { compileHandoutSource, type CompileOptions } from '../../scripts/lib/compile-handout.ts';
import { formatProblem, InputError } from '../../scripts/lib/input-error.ts';

const FRONT = (translation: string) => `---
id: test
summary: A test handout.
source: Written for the tests.
licence: None.
translation: ${translation}
---
`;

const GLOSSARY = {
  'local-anaesthetic': { term: 'Local anesthetic', definition: 'A medicine that numbs one part of the body for a short time.' },
  liver: { term: 'Liver', definition: 'An organ under the ribs on the right side.' },
};

const options: CompileOptions = {
  file: 'locales/en/handouts/test.md',
  lang: 'en',
  dir: 'ltr',
  placeholders: { nurseLine: '811' },
  figures: new Set(),
  glossary: GLOSSARY,
  glossaryFile: 'locales/en/glossary.json',
};

function problemsOf(body: string, extra: Partial<CompileOptions> = {}): string[] {
  try {
    compileHandoutSource(`${FRONT('original')}\n# Title\n\n${body}`, { ...options, ...extra });
  } catch (error) {
    if (error instanceof InputError) return error.problems.map(formatProblem);
    throw error;
  }
  return [];
}

describe('a glossary term in a handout', () => {
  const { handout, sections } = compileHandoutSource(
    `${FRONT('original')}
# Title

## The shot {#shot}

You will get a shot of {?local-anaesthetic|medicine to numb the area}. Then it starts.

- Too much can harm your {?liver|liver}.
`,
    options,
  );
  const section = handout.sections[0]!;
  const wordsOf = (t: { firstWord: number; wordCount: number }) => section.words.slice(t.firstWord, t.firstWord + t.wordCount).map((w) => section.text.slice(w.start, w.end));

  it('shows the words without the mark, so the text and its audio are what they were', () => {
    expect(section.text).toBe('The shot\n\nYou will get a shot of medicine to numb the area. Then it starts.\n\nToo much can harm your liver.');
    expect(sections[0]!.units.map((u) => u.text)).toContain('You will get a shot of medicine to numb the area. Then it starts.');
  });

  it('records which words each term covers, and carries only the definitions the handout uses', () => {
    expect(section.terms?.map((t) => [t.term, wordsOf(t)])).toEqual([
      ['local-anaesthetic', ['medicine', 'to', 'numb', 'the', 'area']],
      ['liver', ['liver']],
    ]);
    const first = section.terms![0]!;
    expect(section.text.slice(first.start, first.end)).toBe('medicine to numb the area');
    expect(handout.glossary).toEqual(GLOSSARY);
  });

  it('snaps a term out to whole words ("L’ablation" is one word)', () => {
    const french = compileHandoutSource(`${FRONT('draft')}\n# Titre\n\n## Quoi {#what}\n\nL’{?liver|ablation} des nerfs aide.\n`, { ...options, lang: 'fr' });
    const s = french.handout.sections[0]!;
    expect(s.text.slice(s.terms![0]!.start, s.terms![0]!.end)).toBe('L’ablation');
  });

  it('refuses a term with no definition in the language, naming the file, the line and the term', () => {
    expect(problemsOf('## A {#a}\n\nYour {?kidney|kidney} works.\n')).toEqual([
      'locales/en/handouts/test.md: line 13: glossary term "kidney" has no definition in locales/en/glossary.json',
    ]);
  });

  it('refuses a term in a heading, a mark written wrong, and a term across two sentences', () => {
    expect(problemsOf('## The {?liver|liver} {#a}\n\nText.\n')).toEqual([
      'locales/en/handouts/test.md: line 11: a glossary term {?…|…} goes in a paragraph or list item, not a heading or caption',
    ]);
    expect(problemsOf('## A {#a}\n\nYour {?liver} works.\n')).toEqual([
      'locales/en/handouts/test.md: line 13: a glossary term is written {?term-id|the words shown}, such as {?liver|liver}',
    ]);
    expect(problemsOf('## A {#a}\n\nIt is {?liver|here. There} too.\n')).toEqual([
      'locales/en/handouts/test.md: line 13: glossary term "liver" runs across two sentences; mark words within one sentence',
    ]);
  });
});

describe('npm run check and the glossary', () => {
  let root: string;
  const write = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const glossary = (entries: Record<string, { term: string; definition: string }>) => JSON.stringify({ terms: entries });
  const handout = (translation: string, text: string) => `${FRONT(translation)}\n# Title\n\n## Care {#care}\n\n${text}\n`;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'kiosk-glossary-'));
    write(
      'kiosk.config.json',
      JSON.stringify({
        languages: ['en', 'fr'],
        defaultLanguage: 'en',
        handouts: ['test'],
        idle: { timeoutSeconds: 90, warningSeconds: 30 },
        audio: { rate: 1, volume: 0.8, autoAdvance: false },
        site: { name: 'Test clinic', nurseLine: '811' },
        staff: { pinHash: 'pbkdf2-sha256$100000$aCJhJI3AP7Byvf3IAAc53Q$ASg20jLMJGIgipOZ-04-39dIUpZx-nJiYMhiarWcGvc' }, // kiosk.config.json's: the default PIN
      }),
    );
    write('locales/en/ui.json', JSON.stringify({ meta: { languageName: 'English' } }));
    write('locales/fr/ui.json', JSON.stringify({ meta: { languageName: 'Français' } }));
    write('locales/en/handouts/test.md', handout('original', 'Protect your {?liver|liver}.'));
    write('locales/fr/handouts/test.md', handout('draft', 'Protégez votre {?liver|foie}.'));
    write('locales/en/glossary.json', glossary({ liver: { term: 'Liver', definition: 'An organ under the ribs.' } }));
    write('locales/fr/glossary.json', glossary({ liver: { term: 'Foie', definition: 'Un organe sous les côtes.' } }));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const problems = () => {
    try {
      buildContent(root);
      return [];
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return error.problems.map(formatProblem);
    }
  };

  it('accepts terms defined in every language', () => {
    expect(problems()).toEqual([]);
  });

  it('fails on a term marked in a translation whose glossary does not define it, naming the file and the term', () => {
    write('locales/fr/handouts/test.md', handout('draft', 'Protégez votre {?liver|foie} et vos {?kidney|reins}.'));
    const errors: string[] = [];
    expect(
      runCheck(
        root,
        () => {},
        (line) => errors.push(line),
      ),
    ).toBe(1);
    expect(errors).toContain('error  locales/fr/handouts/test.md: line 13: glossary term "kidney" has no definition in locales/fr/glossary.json');
  });

  it('fails when a language lacks a term the original defines, or adds one', () => {
    write('locales/fr/glossary.json', glossary({ kidney: { term: 'Rein', definition: 'Un organe.' } }));
    expect(problems()).toEqual(
      expect.arrayContaining([
        'locales/fr/glossary.json: terms.liver: is missing; locales/en/glossary.json defines it, so every language does',
        'locales/fr/glossary.json: terms.kidney: is not in locales/en/glossary.json; add it there first, so every language has the same terms',
      ]),
    );
  });

  it('fails when a definition’s numbers differ from the original’s', () => {
    write('locales/en/glossary.json', glossary({ liver: { term: 'Liver', definition: 'Harm can show after 3 days.' } }));
    write('locales/fr/glossary.json', glossary({ liver: { term: 'Foie', definition: 'Les dommages peuvent apparaître après 5 jours.' } }));
    expect(problems().join('\n')).toMatch(/locales\/fr\/glossary\.json: terms\.liver: the number 3 days of locales\/en\/glossary\.json .* is missing here/);
  });

  it('names the field of a definition left empty', () => {
    write('locales/fr/glossary.json', glossary({ liver: { term: 'Foie', definition: ' ' } }));
    expect(problems()).toContain('locales/fr/glossary.json: terms.liver.definition: is missing or empty');
  });

  it('makes a prompt clip for each term the handout marks and its definition, so the card is read aloud', () => {
    const content = buildContent(root);
    const french = content.languages.find((l) => l.code === 'fr')!;
    const { phrases } = collectPhrases(french, content.config);
    expect(phrases).toEqual(expect.arrayContaining(['Foie', 'Un organe sous les côtes.']));
  });
});
