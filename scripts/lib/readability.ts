/**
 * Readability warnings for `npm run check`: long sentences in every language, and a Flesch–Kincaid
 * grade estimate for English. Warnings never fail the check: they point an editor at the sentences a
 * patient with low literacy, or one listening rather than reading, is most likely to lose.
 *
 * Long sentences: English is where the kiosk's wording is decided, and it aims at plain language, so
 * it is held to 20 words (the usual plain-language ceiling; a listener has to hold the whole sentence
 * in mind). Translations follow the English sentence by sentence and some languages take more words
 * to say the same thing (French and Spanish often a fifth more; a word segmenter splits Chinese finer
 * than a reader would), so they are warned only past 25 words, the general readability ceiling: a
 * warning there means the sentence is long in any language, not that the translator kept it whole.
 *
 * Grade: Flesch–Kincaid, 0.39 × words per sentence + 11.8 × syllables per word − 15.59, with syllables
 * counted by a spelling heuristic. It is an estimate (within about a grade on ordinary prose), good
 * for spotting a section that drifted; health-literacy guidance asks for grade 6 to 8.
 */
import type { Handout, Section } from '../../src/content/model.ts';

export const LONG_SENTENCE_WORDS = { plainLanguage: 20, translation: 25 } as const;
/** Warn when an English section reads above this grade. */
export const GRADE_TARGET = 8;
/** Fewer words than this give a grade too noisy to warn about. */
export const MIN_WORDS_FOR_GRADE = 30;

export interface ReadabilityWarning {
  section: string;
  message: string;
}

export interface SectionReadability {
  id: string;
  words: number;
  sentences: number;
  /** Flesch–Kincaid grade; null for languages other than English. */
  grade: number | null;
}

export interface ReadabilityReport {
  /** Flesch–Kincaid grade of the whole handout (headings left out); null for languages other than English. */
  grade: number | null;
  sections: SectionReadability[];
  warnings: ReadabilityWarning[];
}

const isEnglish = (lang: string) => lang.split('-')[0] === 'en';

export function longSentenceLimit(lang: string): number {
  return isEnglish(lang) ? LONG_SENTENCE_WORDS.plainLanguage : LONG_SENTENCE_WORDS.translation;
}

/**
 * Syllables in an English word by its spelling: vowel groups, less a silent final e, the silent e of
 * "-es" and "-ed" and a silent e before a suffix ("likely"), plus vowel pairs said apart ("radio",
 * "area"). Numbers count as one.
 */
export function countSyllables(word: string): number {
  const w = word
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z]/g, '');
  if (!w) return /\d/.test(word) ? 1 : 0;
  if (w.length <= 3) return 1;
  let count = (w.match(/[aeiouy]+/g) ?? []).length;
  if (/[^aeiouy]e$/.test(w) && !/[^aeiouy]le$/.test(w))
    count -= 1; // make, take; not table
  else if (/[^aeiouy]es$/.test(w) && !/(s|x|z|ch|sh|c|g|[^aeiouy]l)es$/.test(w))
    count -= 1; // makes; not nurses, boxes, tables
  else if (/[^aeiouy]ed$/.test(w) && !/[td]ed$/.test(w)) count -= 1; // liked; not needed, wanted
  // A silent e before a suffix: likely, safety, careful, statement, sometimes.
  count -= (w.match(/[^aeiouy]e(?=(ly|ty|ful|less|ment|ments|ness|times)$)/g) ?? []).length;
  // Vowel pairs said as two syllables.
  count += (w.match(/ia|iu|eo|ua|uo|ea(?=$)|io(?!n|u)/g) ?? []).length;
  return Math.max(1, count);
}

export function fleschKincaidGrade(counts: { words: number; sentences: number; syllables: number }): number {
  if (!counts.words || !counts.sentences) return 0;
  return 0.39 * (counts.words / counts.sentences) + 11.8 * (counts.syllables / counts.words) - 15.59;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The sentences of a section's body: the heading is a label, not prose, so it is left out. */
function bodySentences(section: Section) {
  const headingEnd = section.heading.firstSentence + section.heading.sentenceCount;
  return section.sentences.filter((s) => s.index >= headingEnd);
}

function excerpt(text: string, words = 8): string {
  const parts = text.split(/\s+/);
  return parts.length > words ? `${parts.slice(0, words).join(' ')}…` : text;
}

export function checkReadability(handout: Handout): ReadabilityReport {
  const english = isEnglish(handout.lang);
  const limit = longSentenceLimit(handout.lang);
  const warnings: ReadabilityWarning[] = [];
  const sections: SectionReadability[] = [];
  const total = { words: 0, sentences: 0, syllables: 0 };

  for (const section of handout.sections) {
    const sentences = bodySentences(section);
    const counts = { words: 0, sentences: sentences.length, syllables: 0 };
    for (const sentence of sentences) {
      counts.words += sentence.wordCount;
      if (english) {
        for (const word of section.words.slice(sentence.firstWord, sentence.firstWord + sentence.wordCount)) {
          counts.syllables += countSyllables(section.text.slice(word.start, word.end));
        }
      }
      if (sentence.wordCount > limit) {
        warnings.push({
          section: section.id,
          message: `sentence of ${sentence.wordCount} words (aim for ${limit} or fewer): "${excerpt(section.text.slice(sentence.start, sentence.end))}"`,
        });
      }
    }
    const grade = english && counts.words ? round1(fleschKincaidGrade(counts)) : null;
    if (grade !== null && grade > GRADE_TARGET && counts.words >= MIN_WORDS_FOR_GRADE) {
      warnings.push({ section: section.id, message: `reads at about grade ${grade} (Flesch–Kincaid); aim for grade 6 to ${GRADE_TARGET}: shorter sentences, shorter words` });
    }
    sections.push({ id: section.id, words: counts.words, sentences: counts.sentences, grade });
    total.words += counts.words;
    total.sentences += counts.sentences;
    total.syllables += counts.syllables;
  }
  return { grade: english && total.words ? round1(fleschKincaidGrade(total)) : null, sections, warnings };
}
