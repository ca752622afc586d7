/**
 * Does a translation state the same facts as its original? Section by section: the same numbers with
 * the same units (a dose, a number of days, an age), the same phone placeholders, and a counterpart
 * for every sentence the original marks `{!safety}`. This is the check that catches "10 days" left in
 * one language after the original became "5 days", or a translation that lost the poison centre.
 *
 * It compares what can be compared without understanding the language; whether the words around
 * the numbers say the same thing is for the translation's reviewer (see review.ts).
 */
import type { CompiledHandout, SectionSource, SourceUnit } from './compile-handout.ts';
import type { InputProblem } from './input-error.ts';
import { describeNumber, numbersIn, type NumberVocabulary } from './numbers.ts';
import { placeholdersIn } from './placeholders.ts';

interface Fact {
  /** "4000 mg", "{poisonCentre}": what must match. */
  key: string;
  /** As written, for the message. */
  written: string;
  line: number;
}

type Facts = { numbers: Fact[]; placeholders: Fact[] };
/**
 * The original's facts, kept while its units live: every translation is compared with the same
 * original, and reading its numbers again for each one was a tenth of `npm run check` on a big library.
 */
const known = new WeakMap<SourceUnit, { lang: string; vocabulary?: NumberVocabulary; facts: Facts }>();

function factsOf(unit: SourceUnit, lang: string, vocabulary?: NumberVocabulary): Facts {
  const kept = known.get(unit);
  if (kept && kept.lang === lang && kept.vocabulary === vocabulary) return kept.facts;
  const facts = readFacts(unit, lang, vocabulary);
  known.set(unit, { lang, vocabulary, facts });
  return facts;
}

function readFacts(unit: SourceUnit, lang: string, vocabulary?: NumberVocabulary): Facts {
  // Placeholders are phone numbers: take them out before reading numbers, and compare them by name.
  const withoutPlaceholders = unit.text.replace(/\{[A-Za-z][A-Za-z0-9]*\}/g, ' ');
  return {
    numbers: numbersIn(withoutPlaceholders, lang, vocabulary).map((n) => ({ key: describeNumber(n), written: n.written, line: unit.line })),
    placeholders: placeholdersIn(unit.text).map((name) => ({ key: `{${name}}`, written: `{${name}}`, line: unit.line })),
  };
}

/** Facts in `mine` with no counterpart in `theirs`, each counterpart used once. */
function unmatched(mine: Fact[], theirs: Fact[]): Fact[] {
  const left = new Map<string, number>();
  for (const fact of theirs) left.set(fact.key, (left.get(fact.key) ?? 0) + 1);
  return mine.filter((fact) => {
    const count = left.get(fact.key) ?? 0;
    if (count > 0) {
      left.set(fact.key, count - 1);
      return false;
    }
    return true;
  });
}

function quote(text: string, max = 70): string {
  const short = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return `"${short}"`;
}

/** What a safety sentence must keep: its numbers and placeholders. */
function signature(unit: SourceUnit, lang: string, vocabulary?: NumberVocabulary): string {
  const { numbers, placeholders } = factsOf(unit, lang, vocabulary);
  return [...numbers, ...placeholders]
    .map((f) => f.key)
    .sort()
    .join(', ');
}

/** `vocabularies`: each language's own number words and units (locales/<lang>/language.json), by code. */
export function checkTranslatedFacts(original: CompiledHandout, translation: CompiledHandout, vocabularies: ReadonlyMap<string, NumberVocabulary> = new Map()): InputProblem[] {
  const problems: InputProblem[] = [];
  const file = translation.file;
  const fromLang = original.handout.lang;
  const toLang = translation.handout.lang;
  const fromWords = vocabularies.get(fromLang);
  const toWords = vocabularies.get(toLang);
  const theirs = new Map<string, SectionSource>(original.sections.map((s) => [s.id, s]));

  for (const section of translation.sections) {
    const reference = theirs.get(section.id);
    // A section the original lacks is reported by the structure check.
    if (!reference) continue;
    const where = `section "${section.id}"`;
    const mine = section.units.map((u) => factsOf(u, toLang, toWords));
    const ref = reference.units.map((u) => factsOf(u, fromLang, fromWords));

    for (const kind of ['numbers', 'placeholders'] as const) {
      const here = mine.flatMap((f) => f[kind]);
      const there = ref.flatMap((f) => f[kind]);
      const what = kind === 'numbers' ? 'number' : 'placeholder';
      for (const fact of unmatched(there, here)) {
        problems.push({
          file,
          where,
          message: `the ${what} ${fact.key} of ${original.file} (line ${fact.line}, ${quote(fact.written)}) is missing here`,
        });
      }
      for (const fact of unmatched(here, there)) {
        problems.push({
          file,
          where: `${where}, line ${fact.line}`,
          message: `the ${what} ${fact.key} (${quote(fact.written)}) is not in this section of ${original.file}`,
        });
      }
    }

    // Pair each marked sentence of the original with the next marked one here that keeps its numbers
    // and placeholders; what is left over on either side is a missing or an extra safety sentence.
    const wanted = reference.units.filter((u) => u.safety);
    const offered = section.units.filter((u) => u.safety);
    const used = new Set<SourceUnit>();
    for (const unit of wanted) {
      const needs = signature(unit, fromLang, fromWords);
      const match = offered.find((candidate) => !used.has(candidate) && signature(candidate, toLang, toWords) === needs);
      if (match) {
        used.add(match);
        continue;
      }
      problems.push({
        file,
        where,
        message: `no counterpart for the safety sentence ${quote(unit.text)} (${original.file}, line ${unit.line}); end the translated sentence with {!safety}${needs ? ` and keep its ${needs}` : ''}`,
      });
    }
    for (const unit of offered) {
      if (used.has(unit)) continue;
      problems.push({
        file,
        where: `${where}, line ${unit.line}`,
        message: `${quote(unit.text)} is marked {!safety} but matches no safety sentence in this section of ${original.file}`,
      });
    }
  }
  return problems;
}
