// @vitest-environment node
/**
 * Topics and featured handouts as clinic staff write them: `topics: [...]` in a handout's front
 * matter (the same in every language), each topic's name in every language's ui.json, and
 * `featured` in kiosk.config.json. And the generated library (bench/generate-library.ts) passes the
 * same checks as the real content.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generateLibrary } from '../../bench/generate-library.ts';
import { buildContent, summarise } from '../../scripts/lib/build-content.ts';
import { compileHandout } from '../../scripts/lib/compile-handout.ts';
import { InputError } from '../../scripts/lib/input-error.ts';
import { runtimeConfig } from '../../scripts/lib/site-files.ts';
import { kioskConfigSchema } from '../../src/config/schema.ts';
import { mergeSite } from '../../src/config/site.ts';

const project = fileURLToPath(new URL('../..', import.meta.url));
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const handout = (front: string) => `---
id: test
summary: A test handout.
${front}source: Written for the tests.
licence: None.
translation: original
---

# Test

## Part {#part}

Some text.
`;
const options = { file: 'locales/en/handouts/test.md', lang: 'en', dir: 'ltr' as const, placeholders: {}, figures: new Set<string>() };

function problemsOf(build: () => unknown): string[] {
  try {
    build();
  } catch (error) {
    if (error instanceof InputError) return error.problems.map((p) => `${p.file}: ${p.where ?? ''}: ${p.message}`);
    throw error;
  }
  return [];
}

describe('topics in a handout’s front matter', () => {
  it('are read as a list of ids, and left empty when not given', () => {
    expect(compileHandout(handout('topics: [pain, blood-tests]\n'), options).topics).toEqual(['pain', 'blood-tests']);
    expect(compileHandout(handout(''), options).topics).toEqual([]);
  });

  it('refuses a topic that is not a lower-case id, a repeated one, and a topics field that is not a list', () => {
    expect(problemsOf(() => compileHandout(handout('topics: [Pain, pain, pain]\n'), options))).toEqual([
      'locales/en/handouts/test.md: line 2: front matter field "topics.0": "Pain" is not allowed; expected a topic id in lower case with hyphens, such as "topics: [pain, procedures]"',
      'locales/en/handouts/test.md: line 2: front matter field "topics.2": "pain" is not allowed; expected each topic once; it is listed twice',
    ]);
    expect(problemsOf(() => compileHandout(handout('topics: pain\n'), options))).toHaveLength(1);
  });

  it('are given to the library with the handout’s summary', () => {
    const content = buildContent(project);
    const en = content.languages.find((l) => l.code === 'en')!;
    expect(en.handouts.map(summarise).map((s) => [s.id, s.topics])).toEqual([
      ['nerve-ablation', ['pain', 'procedures']],
      ['acetaminophen', ['pain', 'medicines']],
    ]);
  });
});

describe('the content check', () => {
  /** A generated library (small), changed by `change`, then checked. */
  function checkWith(change: (root: string) => void): string[] {
    const root = mkdtempSync(join(tmpdir(), 'kiosk-topics-'));
    dirs.push(root);
    generateLibrary(root, { handouts: 8, languages: ['en', 'ar'], featured: 2, seed: 1 });
    change(root);
    return problemsOf(() => buildContent(root));
  }
  const edit = (path: string, from: RegExp, to: string) => writeFileSync(path, readFileSync(path, 'utf8').replace(from, to));

  it('passes a generated library', () => {
    expect(checkWith(() => {})).toEqual([]);
  });

  it('refuses a translation whose topics differ from the English, naming the file and the field', () => {
    const problems = checkWith((root) => edit(join(root, 'locales/ar/handouts/back-pain-basics.md'), /^topics: .*$/m, 'topics: [pain, heart]'));
    expect(problems).toEqual(['locales/ar/handouts/back-pain-basics.md: topics: is [pain, heart] but en has [pain]; every translation lists the same topics']);
  });

  it('refuses a topic with no name in a language, naming its ui.json, the key and a handout that lists it', () => {
    const problems = checkWith((root) => {
      const path = join(root, 'locales/ar/ui.json');
      const strings = JSON.parse(readFileSync(path, 'utf8'));
      delete strings.topics.heart;
      writeFileSync(path, JSON.stringify(strings));
    });
    expect(problems).toContain(
      'locales/ar/ui.json: topics.heart: is missing: locales/ar/handouts/blood-pressure-basics.md lists the topic "heart"; give its name in this language',
    );
  });

  it('passes a generated library of 100 handouts in English and Arabic', () => {
    const root = mkdtempSync(join(tmpdir(), 'kiosk-topics-100-'));
    dirs.push(root);
    const library = generateLibrary(root, { handouts: 100, languages: ['en', 'ar'], featured: 4, seed: 5 });
    const content = buildContent(root);
    expect(content.languages.map((l) => l.handouts.length)).toEqual([100, 100]);
    expect(content.config.featured).toEqual(library.featured);
    expect(new Set(content.languages[1]!.handouts.map((h) => h.title)).size).toBe(100);
  }, 60_000);
});

describe('featured handouts in the config', () => {
  const base = JSON.parse(readFileSync(join(project, 'kiosk.config.json'), 'utf8'));
  const parse = (featured: unknown) => kioskConfigSchema.safeParse({ ...base, featured });

  it('are none when left out', () => {
    expect(kioskConfigSchema.parse(base).featured).toEqual([]);
  });

  it('must each be a configured handout, listed once', () => {
    expect(parse(['acetaminophen']).success).toBe(true);
    const issues = parse(['acetaminophen', 'nowhere', 'acetaminophen']).error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues).toEqual(['featured.1: one of the configured handouts (nerve-ablation, acetaminophen)', 'featured.2: each entry listed only once']);
  });

  it('reach the kiosk, narrowed to the handouts a site offers', () => {
    const build = runtimeConfig(kioskConfigSchema.parse({ ...base, featured: ['acetaminophen', 'nerve-ablation'] }));
    expect(build.featured).toEqual(['acetaminophen', 'nerve-ablation']);
    const merged = mergeSite(build, JSON.stringify({ handouts: ['nerve-ablation'] }), 'sites/lobby.json');
    expect(merged.ok && merged.config.featured).toEqual(['nerve-ablation']);
  });
});
