/**
 * The glossary of each language, `locales/<lang>/glossary.json`: a short plain definition for each
 * word a patient may not know, by a term id that is the same in every language. Handouts mark a term
 * with `{?term-id|the words shown}` (scripts/lib/compile-handout.ts); the kiosk opens its definition
 * when the words are touched and reads it aloud from a clip made by `npm run audio`.
 *
 * A definition is medical content like a handout's: the same checks hold. Every translation has the
 * original's terms and no others, with the same numbers; and each glossary is laid out as a small
 * handout (one section per term) so the readability check reads it the way it reads a handout.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GlossaryEntry, TextDirection } from '../../src/content/model.ts';
import { checkTranslatedFacts } from './check-facts.ts';
import { compileHandoutSource, type CompiledHandout } from './compile-handout.ts';
import { InputError, type InputProblem } from './input-error.ts';
import type { NumberVocabulary } from './numbers.ts';

export const GLOSSARY_FILE = 'glossary.json';
const TERM_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export interface Glossary {
  /** Path from the project root, for messages. */
  file: string;
  entries: Record<string, GlossaryEntry>;
}

/** The language's glossary; an empty one when the file does not exist (then no term may be marked). */
export function readGlossary(root: string, lang: string): Glossary {
  const file = `locales/${lang}/${GLOSSARY_FILE}`;
  const path = join(root, file);
  if (!existsSync(path)) return { file, entries: {} };
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InputError([{ file, message: `is not valid JSON: ${(error as Error).message}` }]);
  }
  const problems: InputProblem[] = [];
  const terms = (data as { terms?: unknown } | null)?.terms;
  if (!terms || typeof terms !== 'object' || Array.isArray(terms)) {
    throw new InputError([{ file, message: 'needs "terms": { "<term-id>": { "term": "…", "definition": "…" } }' }]);
  }
  const entries: Record<string, GlossaryEntry> = {};
  for (const [id, value] of Object.entries(terms as Record<string, unknown>)) {
    const where = `terms.${id}`;
    if (!TERM_ID.test(id)) problems.push({ file, where, message: 'a term id is lower case with hyphens, such as "local-anaesthetic"' });
    const entry = (value ?? {}) as Record<string, unknown>;
    for (const field of ['term', 'definition'] as const) {
      if (typeof entry[field] !== 'string' || !entry[field].trim()) problems.push({ file, where: `${where}.${field}`, message: 'is missing or empty' });
    }
    for (const key of Object.keys(entry)) {
      if (key !== 'term' && key !== 'definition') problems.push({ file, where: `${where}.${key}`, message: 'unknown field; a term has "term" and "definition"' });
    }
    // The definition is shown as text and read aloud: no placeholders or marks, which would be shown raw.
    if (typeof entry.definition === 'string' && /[{}]/.test(entry.definition)) {
      problems.push({ file, where: `${where}.definition`, message: 'has "{" or "}"; a definition is plain text (no placeholders, marks or terms)' });
    }
    if (typeof entry.term === 'string' && typeof entry.definition === 'string') {
      entries[id] = { term: entry.term.trim(), definition: entry.definition.replace(/\s+/g, ' ').trim() };
    }
  }
  if (problems.length) throw new InputError(problems);
  return { file, entries };
}

/**
 * The glossary as a handout, one section per term (heading: the term; text: its definition), for the
 * readability and facts checks, which already know how to read a handout.
 */
export function glossaryAsHandout(glossary: Glossary, lang: string, dir: TextDirection): CompiledHandout {
  const body = Object.entries(glossary.entries)
    .map(([id, entry]) => `## ${entry.term} {#${id}}\n\n${entry.definition}\n`)
    .join('\n');
  const source = [
    '---',
    'id: glossary',
    'summary: glossary',
    'source: glossary',
    'licence: glossary',
    `translation: ${lang === 'en' ? 'original' : 'draft'}`,
    '---',
    '',
    '# Glossary',
    '',
    body || '## Empty {#empty}\n\nNo terms.\n',
  ].join('\n');
  return compileHandoutSource(source, { file: glossary.file, lang, dir, placeholders: {}, figures: new Set() });
}

/**
 * A translation's glossary against the original's: the same terms, and each definition with the
 * same numbers (a definition that said "a few hours" here and "2 hours" there is a different fact).
 */
export function checkGlossaryTranslation(
  original: { glossary: Glossary; lang: string; dir: TextDirection },
  translation: { glossary: Glossary; lang: string; dir: TextDirection },
  vocabularies: ReadonlyMap<string, NumberVocabulary> = new Map(),
): InputProblem[] {
  const problems: InputProblem[] = [];
  const file = translation.glossary.file;
  const theirs = Object.keys(original.glossary.entries);
  const mine = Object.keys(translation.glossary.entries);
  for (const id of theirs) {
    if (!mine.includes(id)) problems.push({ file, where: `terms.${id}`, message: `is missing; ${original.glossary.file} defines it, so every language does` });
  }
  for (const id of mine) {
    if (!theirs.includes(id))
      problems.push({ file, where: `terms.${id}`, message: `is not in ${original.glossary.file}; add it there first, so every language has the same terms` });
  }
  if (!theirs.length || !mine.length) return problems;
  const facts = checkTranslatedFacts(
    glossaryAsHandout(original.glossary, original.lang, original.dir),
    glossaryAsHandout(translation.glossary, translation.lang, translation.dir),
    vocabularies,
  );
  // The facts check speaks of sections; here each section is a term.
  return [...problems, ...facts.map((p) => ({ ...p, where: p.where?.replace(/^section "([^"]+)"(, line \d+)?/, 'terms.$1') }))];
}
