/**
 * Is every language whole? Compares each language's UI strings and handouts with the reference
 * (English): the same keys (with the plural forms that language needs), the same interpolation
 * variables, nothing empty, nothing left in English, and the same sections and figures.
 */
import type { Handout } from '../../src/content/model.ts';
import type { InputProblem } from './input-error.ts';

const PLURAL = /_(zero|one|two|few|many|other)$/;
const VARIABLE = /\{\{\s*([\w.]+)\s*\}\}/g;

type Strings = Record<string, unknown>;

function flatten(strings: Strings, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(strings)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object' && !Array.isArray(value)) flatten(value as Strings, path, out);
    else out.set(path, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return out;
}

function variables(text: string): string {
  return [...text.matchAll(VARIABLE)]
    .map((m) => m[1] ?? '')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .join(',');
}

/** Scripts written without Latin letters: there a string identical to English was not translated. */
function usesNonLatinScript(lang: string): boolean {
  return /^(ar|fa|ur|he|zh|ja|ko|pa|hi|bn|ta|te|gu|ru|uk|el|th|am)(-|$)/.test(lang);
}

export function checkUiStrings(reference: Strings, strings: Strings, lang: string, file: string): InputProblem[] {
  const problems: InputProblem[] = [];
  const mine = flatten(strings);
  const theirs = flatten(reference);
  const rules = new Intl.PluralRules(lang);
  const needed = rules.resolvedOptions().pluralCategories;
  const baseOf = (key: string) => key.replace(PLURAL, '');
  const referenceBases = new Map<string, string>();
  for (const [key, value] of theirs) referenceBases.set(baseOf(key), value);

  for (const [base, english] of referenceBases) {
    const isPlural = [...theirs.keys()].some((key) => key !== base && baseOf(key) === base);
    const keys = isPlural ? needed.map((category) => `${base}_${category}`) : [base];
    for (const key of keys) {
      const value = mine.get(key);
      if (value === undefined) {
        problems.push({ file, where: key, message: `is missing${isPlural ? ` (${lang} needs the plural forms ${needed.join(', ')})` : ''}` });
        continue;
      }
      if (!value.trim()) problems.push({ file, where: key, message: 'is empty' });
      // Arabic "one" and "two" forms say the number in words, so they may drop {{count}}.
      const expected = variables(english);
      const actual = variables(value);
      if (expected !== actual && !(isPlural && actual === expected.replace(/(^|,)count(,|$)/, '$1').replace(/,$/, ''))) {
        problems.push({ file, where: key, message: `has variables {{${actual}}} but English has {{${expected}}}` });
      }
      if (usesNonLatinScript(lang) && value === english && /\p{L}/u.test(value.replace(VARIABLE, ''))) {
        problems.push({ file, where: key, message: `is the same as English ("${value}"): not translated?` });
      }
    }
  }
  for (const key of mine.keys()) {
    const base = baseOf(key);
    if (!referenceBases.has(base)) problems.push({ file, where: key, message: 'is not in the English strings; remove it or add it there' });
    else if (key !== base && !needed.includes(key.slice(base.length + 1) as Intl.LDMLPluralRule)) {
      problems.push({ file, where: key, message: `is a plural form ${lang} does not use (it uses ${needed.join(', ')})` });
    }
  }
  return problems;
}

/**
 * Every topic a handout lists needs a name in the language's ui.json (`topics.<id>`): the library's
 * topic tiles show and speak it. Problems name the ui.json file, the key, and a handout that uses it.
 */
export function checkTopicNames(strings: Strings, handouts: readonly { topics?: string[]; file: string }[], file: string): InputProblem[] {
  const names = (strings.topics ?? {}) as Record<string, unknown>;
  const problems: InputProblem[] = [];
  const seen = new Set<string>();
  for (const handout of handouts) {
    for (const topic of handout.topics ?? []) {
      if (seen.has(topic)) continue;
      seen.add(topic);
      const name = names[topic];
      if (typeof name !== 'string' || !name.trim()) {
        problems.push({ file, where: `topics.${topic}`, message: `is missing: ${handout.file} lists the topic "${topic}"; give its name in this language` });
      }
    }
  }
  return problems;
}

export function checkHandoutTranslation(reference: Handout, handout: Handout, file: string): InputProblem[] {
  const problems: InputProblem[] = [];
  const expected = reference.sections.map((s) => s.id).join(', ');
  const actual = handout.sections.map((s) => s.id).join(', ');
  if (expected !== actual) {
    problems.push({ file, message: `sections are [${actual}] but ${reference.lang} has [${expected}]; every translation needs the same section ids in the same order` });
  }
  const figures = (h: Handout) =>
    h.sections
      .map(
        (s) =>
          `${s.id}:${s.blocks
            .filter((b) => b.kind === 'figure')
            .map((b) => (b.kind === 'figure' ? b.image : ''))
            .join('+')}`,
      )
      .join(' ');
  if (expected === actual && figures(reference) !== figures(handout)) {
    problems.push({ file, message: `figures differ from ${reference.lang}: ${figures(handout)} vs ${figures(reference)}` });
  }
  // The library groups handouts by topic in every language alike: a patient who switches language
  // must find the same handout under the same topic.
  const topicsOf = (h: Handout) => `[${(h.topics ?? []).join(', ')}]`;
  if (topicsOf(reference) !== topicsOf(handout)) {
    problems.push({ file, where: 'topics', message: `is ${topicsOf(handout)} but ${reference.lang} has ${topicsOf(reference)}; every translation lists the same topics` });
  }
  return problems;
}
