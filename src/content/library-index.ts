/**
 * How the library is browsed, as a pure function of the handouts offered, the clinic's featured list
 * and the visit's language: no DOM, so it is tested in node and the audio build can compute the same
 * labels to make their self-voicing clips.
 *
 * A few handouts are simply listed, as they always were. Past FEW_HANDOUTS the library opens on the
 * featured handouts and a tile per topic (plus "All handouts, A to Z"); a topic, or "all", shows its
 * handouts directly when they fit one screen (PER_LIST), else an A-to-Z strip of ranges, each range
 * holding at most PER_LIST handouts. So any handout is at most three touches from the library:
 * topic, range, handout; and the ranges are balanced so that a keypad user crosses at most
 * RANGES_MAX / 2 of them (see the README, "Finding a handout").
 */
import type { HandoutSummary } from './model';

/** Up to this many handouts, the library is one list of cards, as it has always been. */
export const FEW_HANDOUTS = 6;
/** At most this many handouts on one list screen: two columns of four fit the portrait reach band. */
export const PER_LIST = 8;
/** At most this many featured handouts are shown (the first ones the config lists). */
export const FEATURED_MAX = 4;
/** The tile for every handout, in alphabetical ranges. Not a topic id: those never start with "*". */
export const ALL_TOPIC = '*all';
/** Handouts that list no topic, when others do. */
export const OTHER_TOPIC = '*other';

export interface LibraryTopic {
  /** A topic id from the handouts' front matter, ALL_TOPIC or OTHER_TOPIC. */
  id: string;
  /** Its name in the visit's language. */
  name: string;
  /** Its handouts, in alphabetical order in the visit's language. */
  handouts: HandoutSummary[];
}

export interface LibraryRange {
  /** "A–C", "Ma–Mi", "安–肝": the first letters of its first and last title (one when they agree). */
  label: string;
  /** The label's ends, separately, for speech: ["A", "C"] or ["B"]. */
  ends: string[];
  handouts: HandoutSummary[];
}

export type LibraryIndex =
  | { mode: 'few'; handouts: HandoutSummary[] }
  | {
      mode: 'browse';
      featured: HandoutSummary[];
      /** ALL_TOPIC first, then the topics by name, then OTHER_TOPIC when some handout has none. */
      topics: LibraryTopic[];
    };

export interface IndexOptions {
  /** Handouts offered in the visit's language, in config order. */
  handouts: readonly HandoutSummary[];
  /** Handout ids the config features, in its order. */
  featured: readonly string[];
  lang: string;
  /** A topic's name in the visit's language; ALL_TOPIC and OTHER_TOPIC are asked for too. */
  topicName: (id: string) => string;
}

export function buildLibraryIndex({ handouts, featured, lang, topicName }: IndexOptions): LibraryIndex {
  if (handouts.length <= FEW_HANDOUTS) return { mode: 'few', handouts: [...handouts] };
  const collator = collatorFor(lang);
  const byTitle = (list: HandoutSummary[]) => [...list].sort((a, b) => collator.compare(sortKey(a.title, lang), sortKey(b.title, lang)));
  const ids = new Set<string>();
  for (const handout of handouts) for (const topic of handout.topics ?? []) ids.add(topic);
  const topics: LibraryTopic[] = [...ids]
    .map((id) => ({ id, name: topicName(id), handouts: byTitle(handouts.filter((h) => h.topics?.includes(id))) }))
    .sort((a, b) => collator.compare(a.name, b.name));
  const untopical = handouts.filter((h) => !h.topics?.length);
  if (untopical.length && topics.length) topics.push({ id: OTHER_TOPIC, name: topicName(OTHER_TOPIC), handouts: byTitle(untopical) });
  topics.unshift({ id: ALL_TOPIC, name: topicName(ALL_TOPIC), handouts: byTitle([...handouts]) });
  const offered = new Map(handouts.map((h) => [h.id, h]));
  return {
    mode: 'browse',
    featured: featured.flatMap((id) => offered.get(id) ?? []).slice(0, FEATURED_MAX),
    topics,
  };
}

/**
 * A topic's handouts in alphabetical ranges of at most `perList`: as few ranges as can hold them,
 * with their boundaries between letters wherever that costs no extra range, so most ranges read
 * "A–C" rather than "Ma–Me". One range (no strip at all) when they fit one screen.
 */
export function rangesOf(handouts: readonly HandoutSummary[], lang: string, perList = PER_LIST): LibraryRange[] {
  const n = handouts.length;
  if (n === 0) return [];
  const count = Math.ceil(n / perList);
  const keys = handouts.map((h) => graphemes(sortKey(h.title, lang)));
  const collator = collatorFor(lang);
  const keyOf = (i: number): readonly string[] => keys[i] ?? [];
  const sameStart = (a: number, b: number, length = 1) => collator.compare(keyOf(a).slice(0, length).join(''), keyOf(b).slice(0, length).join('')) === 0;
  // Splits the sorted list into exactly `count` runs of at most `perList`, cutting where the first
  // letter changes (2 points), else where the first two do (1 point), as often as possible:
  // best[i][j] is the best score for the first i handouts in j runs (-Infinity: impossible), held
  // row by row in one array of (n + 1) × (count + 1).
  const width = count + 1;
  const best = new Float64Array((n + 1) * width).fill(-Infinity);
  const from = new Int32Array((n + 1) * width);
  best[0] = 0;
  for (let j = 1; j <= count; j++) {
    for (let i = 1; i <= n; i++) {
      for (let start = Math.max(0, i - perList); start < i; start++) {
        const before = best[start * width + j - 1] ?? -Infinity;
        if (before === -Infinity) continue;
        const points = i === n ? 0 : !sameStart(i - 1, i) ? 2 : !sameStart(i - 1, i, 2) ? 1 : 0;
        // Between equal cuts, runs of even length: a range of two beside one of eight looks odd.
        const score = before + points * 1000 - Math.abs(i - start - n / count);
        if (score > (best[i * width + j] ?? -Infinity)) {
          best[i * width + j] = score;
          from[i * width + j] = start;
        }
      }
    }
  }
  const cuts: [number, number][] = [];
  for (let i = n, j = count; j > 0; j--) {
    const start = from[i * width + j] ?? 0;
    cuts.unshift([start, i]);
    i = start;
  }
  // One letter, unless a neighbouring range starts with the same one: then as many as tell them apart.
  const lettersToTellApart = (start: number, end: number): number => {
    for (let length = 1; length < 3; length++) {
      const sharedBefore = start > 0 && sameStart(start - 1, start, length);
      const sharedAfter = end < n && sameStart(end - 1, end, length);
      if (!sharedBefore && !sharedAfter) return length;
    }
    return 3;
  };
  return cuts.map(([start, end]) => {
    const length = lettersToTellApart(start, end);
    const first = prefix(keyOf(start), length, lang);
    const last = prefix(keyOf(end - 1), length, lang);
    const ends = collator.compare(first, last) === 0 ? [first] : [first, last];
    return { label: ends.join('–'), ends, handouts: handouts.slice(start, end) };
  });
}

/**
 * Whose dictionary order a language's titles follow, where the browser has none of its own:
 * Cantonese is written in Traditional characters, ordered by stroke count as Hong Kong indexes are
 * (ICU has no "yue" collation, and would fall back to code-point order).
 */
const COLLATION: Record<string, string> = { yue: 'zh-Hant' };

/** The language's own alphabetical order, ignoring case and accents (É files under E). */
function collatorFor(lang: string): Intl.Collator {
  return new Intl.Collator(COLLATION[lang] ?? lang, { sensitivity: 'base', numeric: true });
}

/**
 * What a title is filed under. Arabic indexes leave out the article "ال" (al-), which begins most
 * titles and would put them all under one letter.
 */
export function sortKey(title: string, lang: string): string {
  const trimmed = title.trim();
  if (/^ar\b/.test(lang)) return trimmed.replace(/^ال(?=\S{2})/u, '');
  return trimmed;
}

function graphemes(text: string): string[] {
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return [...segmenter.segment(text)].map((s) => s.segment).filter((g) => /[\p{L}\p{N}]/u.test(g));
}

/** "ma" → "Ma": the first letter as a capital where the script has them. */
function prefix(letters: readonly string[], length: number, lang: string): string {
  const [first = '', ...rest] = letters.slice(0, length);
  return first.toLocaleUpperCase(lang) + rest.join('').toLocaleLowerCase(lang);
}
