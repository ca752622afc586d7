/**
 * Splits display text into sentences and words with `Intl.Segmenter`, so unspaced scripts (Chinese)
 * get real words rather than one highlight per sentence or per character.
 *
 * ICU's sentence rules break after every "Dr." or "p. ex."; patients would see the highlight jump
 * mid-sentence, so a sentence that ends in a known abbreviation is joined to the next one.
 */

export interface Range {
  start: number;
  end: number;
}

export interface SegmentedSentence extends Range {
  words: Range[];
}

/** Abbreviations that never end a sentence, per language (lower case, with their full stop). */
const ABBREVIATIONS: Record<string, readonly string[]> = {
  en: ['dr.', 'mr.', 'mrs.', 'ms.', 'st.', 'e.g.', 'i.e.', 'vs.', 'approx.', 'no.', 'jr.', 'sr.', 'prof.'],
  fr: ['dr.', 'm.', 'mme.', 'mlle.', 'p. ex.', 'ex.', 'env.', 'n°.', 'pr.'],
  es: ['dr.', 'dra.', 'sr.', 'sra.', 'srta.', 'p. ej.', 'ej.', 'aprox.', 'núm.', 'ud.', 'uds.'],
};

function abbreviationsFor(lang: string): readonly string[] {
  return ABBREVIATIONS[lang.split('-')[0] ?? lang] ?? [];
}

function endsWithAbbreviation(text: string, lang: string): boolean {
  const abbreviations = abbreviationsFor(lang);
  // Most languages have none: no need to lower-case every sentence to find out.
  if (!abbreviations.length) return false;
  const tail = text.trimEnd().toLowerCase();
  return abbreviations.some((abbr) => {
    if (!tail.endsWith(abbr)) return false;
    const before = tail.charAt(tail.length - abbr.length - 1);
    // "Dr." counts only as a whole word: "Sandr." is not an abbreviation.
    return before === '' || !/[\p{L}\p{N}]/u.test(before);
  });
}

const segmenters = new Map<string, { sentence: Intl.Segmenter; word: Intl.Segmenter }>();

/** One pair per language: making segmenters for every section costs more than segmenting it. */
export function segmentersFor(lang: string) {
  let pair = segmenters.get(lang);
  if (!pair) {
    pair = {
      sentence: new Intl.Segmenter(lang, { granularity: 'sentence' }),
      word: new Intl.Segmenter(lang, { granularity: 'word' }),
    };
    segmenters.set(lang, pair);
  }
  return pair;
}

/**
 * Sentences of `text` with their words. Offsets are relative to `text` plus `base`. Sentence ranges
 * exclude trailing white space; a sentence with no word in it (a lone dash) is dropped.
 */
export function segmentText(text: string, lang: string, base = 0): SegmentedSentence[] {
  const { sentence, word } = segmentersFor(lang);
  const raw: Range[] = [];
  for (const piece of sentence.segment(text)) {
    const start = piece.index;
    const end = start + piece.segment.length;
    const previous = raw[raw.length - 1];
    if (previous && endsWithAbbreviation(text.slice(previous.start, previous.end), lang)) {
      previous.end = end;
    } else {
      raw.push({ start, end });
    }
  }
  const sentences: SegmentedSentence[] = [];
  for (const range of raw) {
    const slice = text.slice(range.start, range.end);
    const trimmedEnd = range.start + slice.trimEnd().length;
    const leading = slice.length - slice.trimStart().length;
    const start = range.start + leading;
    if (trimmedEnd <= start) continue;
    const words: Range[] = [];
    for (const w of word.segment(text.slice(start, trimmedEnd))) {
      if (!w.isWordLike) continue;
      words.push({ start: base + start + w.index, end: base + start + w.index + w.segment.length });
    }
    if (words.length === 0) continue;
    sentences.push({ start: base + start, end: base + trimmedEnd, words });
  }
  return sentences;
}
