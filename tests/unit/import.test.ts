// @vitest-environment node
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hasHeadingShape, noiseKind, normaliseText } from '../../scripts/import/clean.ts';
import { FIGURE_PLACEHOLDER, type DraftHandout } from '../../scripts/import/draft.ts';
import { createIdMaker, handoutIdFrom, slugify } from '../../scripts/import/ids.ts';
import { ImportRefused, convert, detectFormat, importHandout } from '../../scripts/import/import-handout.ts';
import { readPlainText } from '../../scripts/import/plain-text.ts';
import { escapeMarkdown, toMarkdown } from '../../scripts/import/to-markdown.ts';
import { compileHandout } from '../../scripts/lib/compile-handout.ts';
import { loadConfig } from '../../scripts/lib/load-config.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = join(root, 'tests', 'fixtures', 'import');
const fixture = (name: string) => readFileSync(join(fixtures, name), 'utf8');

function importFixture(name: string, lang = 'en', extra: { id?: string; referenceIds?: string[] } = {}) {
  return convert(fixture(name), { fileName: name, lang, figures: new Set(['nervous-system.svg']), ...extra });
}

/** Every word a patient could see or hear in a draft, as one string. */
function allText(draft: DraftHandout): string {
  return [
    draft.title,
    draft.summary,
    draft.source,
    draft.licence,
    ...draft.sections.flatMap((s) => [s.heading, ...s.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : b.kind === 'list' ? b.items : [b.alt, b.caption]))]),
  ].join('\n');
}

const section = (draft: DraftHandout, id: string) => {
  const found = draft.sections.find((s) => s.id === id);
  if (!found) throw new Error(`no section ${id} in ${draft.sections.map((s) => s.id).join(', ')}`);
  return found;
};

describe('plain text shaped like a copied web handout', () => {
  const { draft, markdown, format } = importFixture('skin-test-handout.txt');

  it('is read as plain text, with the title from the first heading-shaped line', () => {
    expect(format).toBe('text');
    expect(draft.title).toBe('Learning About Allergy Skin Tests');
    expect(draft.id).toBe('allergy-skin-tests');
  });

  it('makes a section of each question heading, and of a heading with no question mark', () => {
    expect(draft.sections.map((s) => [s.id, s.heading])).toEqual([
      ['what-is-allergy-skin-test', 'What is an allergy skin test?'],
      ['why-is-it-done', 'Why is it done?'],
      ['how-do-you-prepare', 'How do you prepare for the test?'],
      ['what-happens-during-test', 'What happens during the test'],
      ['what-do-results-mean', 'What do the results mean?'],
      ['follow-up-care', 'Follow-up care'],
    ]);
  });

  it('turns the caption line into a figure in the first section, pointing at the placeholder image', () => {
    const [figure, paragraph] = section(draft, 'what-is-allergy-skin-test').blocks;
    expect(figure).toEqual({
      kind: 'figure',
      image: FIGURE_PLACEHOLDER,
      alt: 'A forearm with a grid of small marks, each one a different allergen',
      caption: 'A forearm with a grid of small marks, each one a different allergen',
    });
    expect(paragraph?.kind).toBe('paragraph');
    expect(draft.warnings.join('\n')).toMatch(/figure-placeholder\.svg.*locales\/figures\//);
  });

  it('keeps a lead-in sentence ending in a colon as a paragraph and the bullets as a list', () => {
    expect(section(draft, 'how-do-you-prepare').blocks).toEqual([
      { kind: 'paragraph', text: 'Some medicines can change the result. Before the test, your doctor may ask you to stop:' },
      { kind: 'list', ordered: false, items: ['allergy pills (antihistamines)', 'some stomach medicines', 'some creams that you put on your skin'] },
    ]);
  });

  it('keeps a short sentence with a full stop as a paragraph, not a heading', () => {
    expect(section(draft, 'what-happens-during-test').blocks.at(-1)).toEqual({ kind: 'paragraph', text: 'The test takes about 30 minutes.' });
  });

  it('drops the breadcrumb and "Main Content", and says so', () => {
    expect(draft.dropped).toEqual([expect.stringMatching(/^breadcrumb: "Health Library > Tests and Procedures/), 'navigation: "Main Content"']);
    expect(allText(draft)).not.toMatch(/Health Library|Main Content/);
  });

  it('keeps the attribution as the source and the disclaimer as the licence, not as body text', () => {
    expect(draft.source).toBe('Care instructions adapted under licence by your clinic.');
    expect(draft.licence).toBe('Example Health Press disclaims any warranty or liability for your use of this information.');
    expect(draft.sections.flatMap((s) => s.blocks).some((b) => b.kind === 'paragraph' && /disclaims/.test(b.text))).toBe(false);
  });

  it('marks English as the original and writes Markdown the compiler accepts', () => {
    expect(draft.translation).toBe('original');
    expect(markdown).toMatch(/^---\nid: allergy-skin-tests\n/);
    const handout = compileHandout(markdown, {
      file: 'x.md',
      lang: 'en',
      dir: 'ltr',
      placeholders: { nurseLine: '811' },
      figures: new Set([FIGURE_PLACEHOLDER]),
    });
    expect(handout.sections).toHaveLength(6);
    expect(handout.meta.translation).toBe('original');
  });
});

describe('Windows line endings and unicode punctuation', () => {
  const text = fixture('blood-test-windows.txt');
  const { draft, markdown } = importFixture('blood-test-windows.txt');

  it('the fixture really has CRLF line endings, no-break spaces and a zero-width space', () => {
    expect(text).toContain('\r\n');
    expect(text).toContain('\u00A0');
    expect(text).toContain('\u200B');
  });

  it('reads the same as the file with Unix line endings', () => {
    const unix = convert(text.replace(/\r\n/g, '\n'), { fileName: 'blood-test-windows.txt', lang: 'en' });
    expect(draft.sections).toEqual(unix.draft.sections);
    expect(markdown).not.toContain('\r');
  });

  it('keeps curly quotes and en dashes, and turns no-break and zero-width spaces into plain text', () => {
    const fasting = section(draft, 'eating-and-drinking-before-test').blocks[0];
    expect(fasting).toEqual({
      kind: 'paragraph',
      text: 'Some tests need you to fast. “Fasting” means you don’t eat or drink anything except water for 8–12 hours before the test.',
    });
    expect(allText(draft)).not.toMatch(/[\u00A0\u200B]/);
    expect(allText(draft)).toContain('A small bruise is normal – it fades in a few days.');
  });

  it('reads lines starting with an en dash as list items, and headings without question marks', () => {
    expect(draft.sections.map((s) => s.heading)).toEqual(['What to bring', 'Eating and drinking before the test', 'After the test']);
    expect(section(draft, 'what-to-bring').blocks.at(-1)).toEqual({
      kind: 'list',
      ordered: false,
      items: ['your health card', 'a list of the medicines you take', 'glasses, if you need them to read forms'],
    });
  });

  it('writes a title in capitals in sentence case, and says so', () => {
    expect(draft.title).toBe('Preparing for your blood test');
    expect(draft.notes.join('\n')).toContain('heading in capitals');
  });

  it('moves a paragraph that comes before the first heading into the first section', () => {
    expect(section(draft, 'what-to-bring').blocks[0]).toEqual({ kind: 'paragraph', text: 'A blood test uses a small sample of blood from a vein in your arm.' });
  });

  it('takes the copyright line as the licence and the "Source:" line as the source', () => {
    expect(draft.licence).toBe('© 2024 Example Health Press.');
    expect(draft.source).toBe('Source: written for the importer tests.');
  });
});

describe('stray markup in plain text', () => {
  const { draft } = importFixture('stray-markup.txt');
  const words = allText(draft);

  it('never lets script or style content through', () => {
    expect(words).not.toMatch(/trackVisitor|window\.|promo|color: red/);
    expect(draft.dropped.some((d) => d.startsWith('<script>'))).toBe(true);
  });

  it('drops tags and comments but keeps their words, and decodes entities', () => {
    expect(words).not.toMatch(/<|>|&amp;|&nbsp;|tracking pixel/);
    expect(section(draft, 'why-does-it-matter').blocks[0]).toEqual({
      kind: 'paragraph',
      text: 'Clean hands stop germs from spreading. Washing your hands is one of the best ways to stay well & keep others well.',
    });
  });

  it('keeps a pasted HTML list as a list', () => {
    expect(section(draft, 'how-to-wash-your-hands').blocks).toEqual([
      { kind: 'list', ordered: false, items: ['Wet your hands with clean water.', 'Rub them with soap for 20 seconds.', 'Rinse and dry them with a clean towel.'] },
    ]);
  });

  it('drops "Skip to main content", an entity-encoded breadcrumb and "Back to top"', () => {
    expect(draft.dropped).toEqual(expect.arrayContaining(['navigation: "Skip to main content"', 'breadcrumb: "Home > Handouts > Hand washing"', 'navigation: "Back to top"']));
  });

  it('warns that the file names no source and no licence, and still fills both fields', () => {
    expect(draft.warnings.join('\n')).toMatch(/no attribution found[\s\S]*no licence found/);
    expect(draft.source).toMatch(/stray-markup\.txt/);
    expect(draft.licence).toMatch(/Check that the clinic may use this text/);
  });
});

describe('Markdown with an empty section, a very long section and inline HTML', () => {
  const { draft, markdown, format } = importFixture('empty-and-long.md');

  it('uses the front matter and keeps ids already written on headings', () => {
    expect(format).toBe('markdown');
    expect(draft.source).toBe('Written for the importer tests by the kiosk team.');
    expect(draft.licence).toBe('Test text only; not medical advice.');
    expect(draft.sections.map((s) => s.id)).toEqual(['keep-dry', 'everything-about-itching', 'call']);
  });

  it('drops the empty section and lists it', () => {
    expect(draft.sections.map((s) => s.heading)).not.toContain('Questions to ask');
    expect(draft.dropped).toContain('empty section: "Questions to ask"');
  });

  it('keeps a very long section whole, with a warning to split it', () => {
    const long = section(draft, 'everything-about-itching');
    expect(long.blocks).toHaveLength(8);
    expect(draft.warnings.join('\n')).toMatch(/section "everything-about-itching" has \d{3} words/);
  });

  it('keeps a "###" sub-heading as a paragraph', () => {
    expect(section(draft, 'everything-about-itching').blocks[2]).toEqual({ kind: 'paragraph', text: 'Things that help' });
  });

  it('drops inline and block scripts with their content, and inline tags but not their words', () => {
    expect(allText(draft)).not.toMatch(/cookie|alert|must never show up|<span|<\/?script/);
    expect(section(draft, 'call').blocks[0]).toEqual({
      kind: 'paragraph',
      text: 'Call your clinic if your fingers or toes feel numb, look blue, or swell up. Call right away if the cast feels too tight.',
    });
  });

  it('keeps an image as a figure named by its file, with alt and caption, and says it must be copied in', () => {
    expect(section(draft, 'call').blocks[1]).toEqual({
      kind: 'figure',
      image: 'raised-cast.png',
      alt: 'A forearm in a cast, resting on a pillow above the level of the heart.',
      caption: 'Raise the cast on pillows to ease swelling.',
    });
    expect(draft.warnings.join('\n')).toContain('figure "raised-cast.png" is not in locales/figures/');
  });

  it('flattens emphasis, joins a nested item into its parent, and never writes a stray placeholder', () => {
    expect(section(draft, 'call').blocks[2]).toEqual({
      kind: 'list',
      ordered: false,
      items: ['Fingers or toes that are cold or pale', 'Pain that gets worse, not better: even after you take pain medicine', 'A (crack) or soft spot in the cast'],
    });
    expect(markdown).not.toContain('{crack}');
    expect(section(draft, 'keep-dry').blocks[1]).toEqual({ kind: 'paragraph', text: 'If the cast gets wet, dry it with a hair dryer on the cool setting.' });
  });
});

describe('an HTML page', () => {
  const { draft, format } = importFixture('vaccine-page.html');
  const words = allText(draft);

  it('is read as HTML, with the h1 as title and the meta description as summary', () => {
    expect(format).toBe('html');
    expect(draft.title).toBe('Getting a flu shot');
    expect(draft.summary).toBe('What the flu shot is, who should get one, and what to expect.');
  });

  it('drops scripts, styles, navigation, breadcrumbs, the skip link and share buttons', () => {
    expect(words).not.toMatch(/analytics|Injected advert|font-family|Skip to|Handouts|Vaccines|Share/);
    expect(draft.dropped).toEqual(
      expect.arrayContaining([
        'skip (<a>): "Skip to main content"',
        '<nav>: "Home Handouts"',
        'breadcrumb (<ol>): "Home Vaccines Flu shot"',
        expect.stringMatching(/^<script>: "document\.write/),
        'footer: "Privacy | Contact us"',
      ]),
    );
  });

  it('keeps the figure with its alt text and caption, and leaves out a decorative image', () => {
    const blocks = section(draft, 'what').blocks;
    expect(blocks[0]).toEqual({
      kind: 'figure',
      image: 'Flu-Shot-Arm.svg',
      alt: 'A nurse giving a shot in the upper arm of a seated adult.',
      caption: 'The shot goes into the muscle of your upper arm.',
    });
    expect(blocks.filter((b) => b.kind === 'figure')).toHaveLength(1);
    expect(draft.dropped.join('\n')).toContain('decorative image');
  });

  it('reads headings, paragraphs, nested and ordered lists, decoding entities', () => {
    expect(section(draft, 'what').blocks[1]).toEqual({
      kind: 'paragraph',
      text: 'The flu shot is a vaccine. It teaches your body to fight the flu virus. A new shot is made each year, because the virus changes.',
    });
    expect(section(draft, 'who-should-get-one').blocks[1]).toEqual({
      kind: 'list',
      ordered: false,
      items: ['people aged 65 and older', 'people who are pregnant', 'people with a long-term illness, such as: heart disease; diabetes'],
    });
    expect(section(draft, 'questions-2').blocks[0]).toMatchObject({ kind: 'list', ordered: true });
    expect(words).toContain('“Which shot is right for me?”');
  });

  it('drops the empty "Side effects" section and gives two "Questions" headings different ids', () => {
    expect(draft.dropped).toContain('empty section: "Side effects"');
    expect(draft.sections.map((s) => s.id)).toEqual(['what', 'who-should-get-one', 'what-to-expect-afterwards', 'questions', 'questions-2']);
  });

  it('turns a table into a list of rows, without the header row', () => {
    expect(section(draft, 'what-to-expect-afterwards').blocks[1]).toEqual({
      kind: 'list',
      ordered: false,
      items: ['Sore arm: Use a cool cloth', 'High fever: Call your clinic'],
    });
  });

  it('takes the copyright in the footer as the licence and the "Adapted from" sentence as the source', () => {
    expect(draft.licence).toBe('© 2024 Example Health.');
    expect(draft.source).toBe('Adapted from public-health guidance for the importer tests.');
  });

  it('marks an import into another language as a draft translation', () => {
    expect(importFixture('vaccine-page.html', 'fr', { id: 'flu-shot' }).draft).toMatchObject({ translation: 'draft', id: 'flu-shot' });
  });
});

describe('deciding by the shape of a line', () => {
  it('takes a short line with no full stop as a possible heading, and a sentence as not', () => {
    expect(hasHeadingShape('What to bring')).toBe(true);
    expect(hasHeadingShape('How long does it take?')).toBe(true);
    expect(hasHeadingShape('It takes about an hour.')).toBe(false);
    expect(hasHeadingShape('Before the test, stop taking:')).toBe(false);
    expect(hasHeadingShape('- a list item')).toBe(false);
    expect(hasHeadingShape('This line goes on for far too many words to be a heading of any kind at all')).toBe(false);
  });

  it('needs a paragraph after a heading-shaped line for it to be a heading', () => {
    const read = readPlainText('Title here\n\nIntro paragraph.\n\nA heading\n\nIts paragraph.\n\nA lonely last line');
    expect(read.elements).toEqual([
      { kind: 'heading', level: 1, text: 'Title here' },
      { kind: 'paragraph', text: 'Intro paragraph.' },
      { kind: 'heading', level: 2, text: 'A heading' },
      { kind: 'paragraph', text: 'Its paragraph.' },
      { kind: 'heading', level: 2, text: 'A lonely last line' },
    ]);
  });

  it('splits a heading from the paragraph under it when there is no blank line, but not a wrapped line', () => {
    const read = readPlainText('Title\n\nWhy is it done?\nBecause it helps.\n\nThis paragraph was wrapped by a PDF\nand carries on in lower case here.');
    expect(read.elements.slice(1)).toEqual([
      { kind: 'heading', level: 2, text: 'Why is it done?' },
      { kind: 'paragraph', text: 'Because it helps.' },
      { kind: 'paragraph', text: 'This paragraph was wrapped by a PDF and carries on in lower case here.' },
    ]);
  });

  it('knows navigation noise from content', () => {
    expect(noiseKind('Home > Patients > Handouts')).toBe('breadcrumb');
    expect(noiseKind('Skip to content')).toBe('navigation');
    expect(noiseKind('Page 2 of 4')).toBe('navigation');
    expect(noiseKind('If your pain is > 7, call us.')).toBeNull();
    expect(noiseKind('Print your name on the form.')).toBeNull();
  });

  it('normalises line endings and odd spaces', () => {
    expect(normaliseText('\uFEFFa\r\nb\rc\u00A0d\u200Be\u00ADf')).toBe('a\nb\nc def');
  });
});

describe('ids', () => {
  it('makes kebab-case ASCII ids from headings', () => {
    expect(slugify('What is it?')).toBe('what-is-it');
    expect(slugify('Après l’opération : que faire ?')).toBe('apres-loperation-que-faire');
    expect(slugify('Straße & Œdème')).toBe('strasse-oedeme');
    expect(slugify('How long does the whole treatment usually take?')).toBe('how-long-does-whole-treatment');
    expect(slugify('这是什么？')).toBe('');
  });

  it('keeps ids unique and gives headings with no Latin letters a numbered id', () => {
    const make = createIdMaker();
    expect([make('Questions'), make('Questions'), make('这是什么？'), make('Questions')]).toEqual(['questions', 'questions-2', 'section-3', 'questions-3']);
  });

  it('leaves the common opening out of a handout id', () => {
    expect(handoutIdFrom('Learning About Nerve Ablation for Chronic Pain')).toBe('nerve-ablation-for-chronic-pain');
  });

  it('reuses the English section ids, in order, for a translation with the same number of sections', () => {
    const { draft } = importFixture('blood-test-windows.txt', 'fr', { id: 'blood-test', referenceIds: ['bring', 'eating', 'after'] });
    expect(draft.sections.map((s) => s.id)).toEqual(['bring', 'eating', 'after']);
    const mismatch = importFixture('blood-test-windows.txt', 'fr', { id: 'blood-test', referenceIds: ['only-one'] }).draft;
    expect(mismatch.sections.map((s) => s.id)).toEqual(['what-to-bring', 'eating-and-drinking-before-test', 'after-test']);
    expect(mismatch.warnings.join('\n')).toContain('the English handout has 1 sections and this one 3');
  });
});

describe('writing Markdown', () => {
  it('escapes only what Markdown would read as markup', () => {
    expect(escapeMarkdown('1. Not a list *nor* _this_ [or] `that` <b> &amp; a\\b')).toBe('1\\. Not a list \\*nor\\* \\_this\\_ \\[or\\] \\`that\\` \\<b> \\&amp; a\\\\b');
    expect(escapeMarkdown('Pain > 7 & fever < 38')).toBe('Pain > 7 & fever < 38');
    expect(escapeMarkdown('# not a heading')).toBe('\\# not a heading');
  });

  it('writes text full of Markdown punctuation so that it compiles back to exactly the same words', () => {
    const tricky = ['- starts like a list', '2) starts like a number', '> starts like a quote', '**bold** and _under_ `code` [link](x) <em>tag</em> &copy; \\ ! | ~'];
    const draft: DraftHandout = {
      id: 'tricky',
      title: '# Title with *stars*',
      summary: 'Summary: with "quotes" and a colon',
      source: "It's from here: #1",
      licence: '---',
      translation: 'original',
      sections: [
        {
          id: 'one',
          heading: 'Heading with [brackets] #',
          blocks: [...tricky.map((text) => ({ kind: 'paragraph' as const, text })), { kind: 'list', ordered: true, items: tricky }],
        },
      ],
      dropped: [],
      notes: [],
      warnings: [],
    };
    const handout = compileHandout(toMarkdown(draft), { file: 'x.md', lang: 'en', dir: 'ltr', placeholders: {}, figures: new Set() });
    const [only] = handout.sections;
    expect(handout.title).toBe(draft.title);
    expect(handout.meta).toMatchObject({ source: draft.source, licence: draft.licence });
    expect(handout.summary).toBe(draft.summary);
    expect(only?.blocks.map((b) => (b.kind === 'paragraph' ? only.text.slice(b.text.start, b.text.end) : null)).slice(0, 4)).toEqual(tricky);
    expect(only?.text.startsWith('Heading with [brackets] #')).toBe(true);
  });
});

describe('detecting the format', () => {
  it('goes by the file extension, then by the content', () => {
    expect(detectFormat('a.htm', '')).toBe('html');
    expect(detectFormat('a.md', '<p>x</p>')).toBe('markdown');
    expect(detectFormat('a.txt', '# not markdown here')).toBe('text');
    expect(detectFormat('pasted', '<!DOCTYPE html><html>')).toBe('html');
    expect(detectFormat('pasted', '# Title\n\nText')).toBe('markdown');
    expect(detectFormat('pasted', 'Title\n\nText.')).toBe('text');
  });
});

describe('importing into a project folder', () => {
  let dir: string;
  const target = () => join(dir, 'locales', 'en', 'handouts', 'allergy-skin-tests.md');
  const run = (extra: { force?: boolean; dryRun?: boolean; lang?: string; id?: string; file?: string } = {}) =>
    importHandout({ root: dir, file: extra.file ?? join(fixtures, 'skin-test-handout.txt'), lang: extra.lang ?? 'en', ...extra });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-import-'));
    // The project's own config, cut down to two languages: the importer reads only a config that passes the check.
    writeFileSync(join(dir, 'kiosk.config.json'), JSON.stringify({ ...loadConfig(root), languages: ['en', 'fr'], defaultLanguage: 'en' }));
    mkdirSync(join(dir, 'locales', 'figures'), { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes locales/<lang>/handouts/<id>.md and leaves no temporary file behind', () => {
    const result = run();
    expect(result).toMatchObject({ target: 'locales/en/handouts/allergy-skin-tests.md', written: true, replaced: false });
    expect(readFileSync(target(), 'utf8')).toBe(result.markdown);
    expect(readdirSync(join(dir, 'locales', 'en', 'handouts'))).toEqual(['allergy-skin-tests.md']);
  });

  it('never overwrites an existing handout without --force', () => {
    mkdirSync(join(dir, 'locales', 'en', 'handouts'), { recursive: true });
    writeFileSync(target(), 'staff edits');
    expect(() => run()).toThrow(ImportRefused);
    expect(() => run()).toThrow(/already exists; nothing was written.*--force/);
    expect(readFileSync(target(), 'utf8')).toBe('staff edits');
  });

  it('replaces an existing handout with --force', () => {
    mkdirSync(join(dir, 'locales', 'en', 'handouts'), { recursive: true });
    writeFileSync(target(), 'staff edits');
    expect(run({ force: true })).toMatchObject({ written: true, replaced: true });
    expect(readFileSync(target(), 'utf8')).toMatch(/^---\nid: allergy-skin-tests/);
    expect(readdirSync(join(dir, 'locales', 'en', 'handouts'))).toEqual(['allergy-skin-tests.md']);
  });

  it('writes nothing on a dry run, and says when the handout already exists', () => {
    expect(run({ dryRun: true })).toMatchObject({ written: false, exists: false });
    expect(existsSync(join(dir, 'locales', 'en'))).toBe(false);
    mkdirSync(join(dir, 'locales', 'en', 'handouts'), { recursive: true });
    writeFileSync(target(), 'staff edits');
    expect(run({ dryRun: true })).toMatchObject({ written: false, exists: true });
    expect(readFileSync(target(), 'utf8')).toBe('staff edits');
  });

  it('writes nothing when the file has no text to import', () => {
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, 'Main Content\r\n\r\nHome > Handouts\r\n');
    expect(() => run({ file: empty })).toThrow(/no text to import/);
    expect(existsSync(join(dir, 'locales', 'en'))).toBe(false);
  });

  it('gives a translation the section ids of the English handout with the same id', () => {
    run();
    const fr = run({ lang: 'fr', id: 'allergy-skin-tests' });
    expect(fr.target).toBe('locales/fr/handouts/allergy-skin-tests.md');
    expect(fr.draft.sections.map((s) => s.id)).toEqual(run({ dryRun: true, force: true }).draft.sections.map((s) => s.id));
    expect(fr.markdown).toContain('translation: draft');
  });

  it('warns about a language that the config does not list', () => {
    expect(run({ lang: 'de', dryRun: true }).draft.warnings).toContain('"de" is not in "languages" in kiosk.config.json yet');
  });
});

describe('npm run import', () => {
  it('prints the title, each section with its blocks, what it dropped, and writes nothing on --dry-run', () => {
    const copy = join(mkdtempSync(join(tmpdir(), 'kiosk-import-cli-')), 'skin.txt');
    copyFileSync(join(fixtures, 'skin-test-handout.txt'), copy);
    const out = execFileSync(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'scripts', 'import.ts'), copy, '--lang', 'en', '--dry-run'], {
      encoding: 'utf8',
    });
    expect(out).toContain('as plain text');
    expect(out).toMatch(/title\s+Learning About Allergy Skin Tests/);
    expect(out).toMatch(/how-do-you-prepare\s+"How do you prepare for the test\?"\s+2 blocks \(1 paragraph, 1 list\)/);
    expect(out).toContain('breadcrumb: "Health Library');
    expect(out).toContain('Dry run: locales/en/handouts/allergy-skin-tests.md was not written.');
    expect(existsSync(join(root, 'locales', 'en', 'handouts', 'allergy-skin-tests.md'))).toBe(false);
  });
});
