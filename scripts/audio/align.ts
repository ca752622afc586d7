/**
 * Engine events → a start and end time for every display word.
 *
 * The display's own words are the unit (whitespace words, or Intl.Segmenter words for Chinese); the
 * engine's words are not: it reports Chinese one character at a time, a number as several words, and
 * "L'ablation" as "L". So each real phoneme event is given to the display word that contains the
 * display offset of its text position, and a word's time runs:
 *  - from its first real phoneme, where it is first heard (the engine's word event comes before it by
 *    the silent start of that phoneme: a stop's closure, 53 ms for p t k, 14 ms for b d g; see `leadIns`),
 *  - to the first thing after its last real phoneme: a pause, the next word, or the end.
 * Measured this way, word starts fall within a few ms of the pauses in the waveform.
 *
 * Pure: events in, timings out, so it is tested on recorded event lists without the engine.
 */
import type { Section } from '../../src/content/model.ts';
import type { EngineEvent } from './engine.ts';
import type { SpeechText } from './normalise.ts';

export interface WordTiming {
  index: number;
  /** Seconds, 3 decimals. */
  start: number;
  end: number;
  /** The word's [start, end] UTF-16 offsets in `Section.text`, for a consistency check. */
  chars: [number, number];
}

export interface SentenceTiming {
  index: number;
  start: number;
  end: number;
}

export interface Alignment {
  words: WordTiming[];
  sentences: SentenceTiming[];
  /** Indexes of display words the engine gave no phoneme: each has a zero-length slot between its neighbours. */
  skipped: number[];
  /**
   * Per display word, the seconds from the engine's word event to the word's first phoneme: the
   * silent start of its first sound (a stop's closure), which the engine counts as part of the word
   * and a listener cannot hear after a pause. 0 where there is none, or where the word is not the
   * first of an engine word (a number read as several words). The aligner of recordings uses it.
   */
  leadIns: number[];
}

/** An engine word event further ahead of its first phoneme than this is not a closure. */
const MAX_LEAD_IN_MS = 100;

export function alignWords(
  section: Pick<Section, 'words' | 'sentences'>,
  speech: Pick<SpeechText, 'displayOffsets'>,
  events: readonly EngineEvent[],
  durationMs: number,
): Alignment {
  const words = section.words;
  const offsets = speech.displayOffsets;

  /** Index of the display word containing display offset `at`, or -1. */
  const wordAt = (at: number | undefined): number => {
    if (at === undefined) return -1;
    let lo = 0;
    let hi = words.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const word = words[mid]!;
      if (at < word.start) hi = mid - 1;
      else if (at >= word.end) lo = mid + 1;
      else return mid;
    }
    return -1;
  };

  /** The display word for an event at 1-based code point `position`. */
  const wordFor = (position: number, engineWord: EngineEvent | undefined): number => {
    const direct = wordAt(offsets[position - 1]);
    if (direct >= 0) return direct;
    // The position fell between display words (on a quote, an escape, a respelling's gap): take the
    // first display word inside the span the engine says its word covers.
    if (engineWord && engineWord.textPosition === position) {
      for (let p = position; p < position + engineWord.wordLength; p++) {
        const inside = wordAt(offsets[p - 1]);
        if (inside >= 0) return inside;
      }
    }
    return -1;
  };

  // Real phonemes (as indexes into `events`) per display word, and the engine word each came from.
  const phonemes: number[][] = words.map(() => []);
  const engineWordOf = new Map<number, number>();
  const engineWords: number[] = [];
  let current = -1;
  events.forEach((event, i) => {
    if (event.type === 'word') {
      current = i;
      engineWords.push(i);
      return;
    }
    if (event.type !== 'phoneme' || !event.id) return; // id "" is a pause
    const w = wordFor(event.textPosition, current >= 0 ? events[current] : undefined);
    if (w < 0) return;
    phonemes[w]!.push(i);
    engineWordOf.set(i, current);
  });

  splitMergedWords(words, sentenceOf(section), offsets, events, engineWords, engineWordOf, phonemes);

  const firstMs = phonemes.map((list) => (list.length ? events[list[0]!]!.audioPosition : -1));
  const leadIns = phonemes.map((list) => {
    const first = list[0];
    const engineWord = first === undefined ? undefined : engineWordOf.get(first);
    if (first === undefined || engineWord === undefined || engineWord < 0) return 0;
    for (let j = engineWord + 1; j < first; j++) if (events[j]!.type === 'phoneme' && events[j]!.id) return 0;
    const gap = events[first]!.audioPosition - events[engineWord]!.audioPosition;
    return gap > 0 && gap <= MAX_LEAD_IN_MS ? gap / 1000 : 0;
  });
  const lastEvent = phonemes.map((list) => (list.length ? list[list.length - 1]! : -1));
  // Within a split engine word, a word ends where the next one's first phoneme starts.
  const splitEnd = phonemes.map((list, w) => {
    const next = phonemes[w + 1];
    if (!list.length || !next?.length) return -1;
    const last = list[list.length - 1]!;
    return engineWordOf.get(last) === engineWordOf.get(next[0]!) && next[0]! > last ? events[next[0]!]!.audioPosition : -1;
  });

  const endMs = lastEvent.map((last, w) => {
    if (last < 0) return -1;
    if (splitEnd[w]! >= 0) return splitEnd[w]!;
    const lastStart = events[last]!.audioPosition;
    for (let j = last + 1; j < events.length; j++) {
      const e = events[j]!;
      if ((e.type === 'phoneme' || e.type === 'word' || e.type === 'end') && e.audioPosition > lastStart) {
        return Math.min(e.audioPosition, durationMs);
      }
    }
    return durationMs;
  });

  // Reading order is time order: a start never goes back, and a word ends by the next one's start.
  const present = words.map((_, i) => i).filter((i) => firstMs[i]! >= 0);
  const start = Array.from({ length: words.length }, () => -1);
  const end = Array.from({ length: words.length }, () => -1);
  let previousStart = 0;
  for (const i of present) {
    start[i] = Math.min(Math.max(firstMs[i]!, previousStart), durationMs);
    previousStart = start[i]!;
  }
  present.forEach((i, k) => {
    const next = present[k + 1];
    const limit = next === undefined ? durationMs : start[next]!;
    end[i] = Math.max(start[i]!, Math.min(endMs[i]!, limit));
  });

  const skipped: number[] = [];
  for (let i = 0; i < words.length; i++) {
    if (start[i]! >= 0) continue;
    skipped.push(i);
    const before = i > 0 ? end[i - 1]! : 0;
    let after = durationMs;
    for (let j = i + 1; j < words.length; j++) {
      if (start[j]! >= 0) {
        after = start[j]!;
        break;
      }
    }
    start[i] = end[i] = (before + after) / 2;
  }

  const seconds = (ms: number) => Math.round(ms) / 1000;
  const wordTimings: WordTiming[] = words.map((word, i) => ({
    index: word.index,
    start: seconds(start[i]!),
    end: seconds(end[i]!),
    chars: [word.start, word.end],
  }));
  const sentences: SentenceTiming[] = section.sentences.map((sentence) => {
    const first = wordTimings[sentence.firstWord];
    const last = wordTimings[sentence.firstWord + sentence.wordCount - 1];
    return { index: sentence.index, start: first?.start ?? 0, end: last?.end ?? first?.start ?? 0 };
  });
  return { words: wordTimings, sentences, skipped, leadIns };
}

function sentenceOf(section: Pick<Section, 'words' | 'sentences'>): number[] {
  const of = Array.from({ length: section.words.length }, () => -1);
  for (const sentence of section.sentences) {
    for (let w = sentence.firstWord; w < sentence.firstWord + sentence.wordCount; w++) of[w] = sentence.index;
  }
  return of;
}

/**
 * eSpeak folds an unstressed word into the word before it: "in the", "of the", "does not", "it is"
 * come as one engine word whose phonemes all carry the first word's position, so "the" gets none.
 * Where a display word got no phoneme and the engine word spoken just before its text went to one
 * display word in the same sentence, that engine word's phonemes are shared out between them in
 * proportion to their letters: "ɪ n | ð ə", "d ʌ z | n ɑː t", "f ɔːɹ | ə". Phoneme boundaries are
 * exact, so a word's start is right whenever the count is.
 */
function splitMergedWords(
  words: Section['words'],
  sentenceOfWord: number[],
  offsets: readonly number[],
  events: readonly EngineEvent[],
  engineWords: readonly number[],
  engineWordOf: ReadonlyMap<number, number>,
  phonemes: number[][],
): void {
  // First code point sent for each display word.
  const sentAt = Array.from({ length: words.length }, () => -1);
  let w = 0;
  offsets.forEach((offset, i) => {
    while (w < words.length && offset >= words[w]!.end) w++;
    const word = words[w];
    if (word && offset >= word.start && sentAt[w]! < 0) sentAt[w] = i;
  });

  for (let k = 0; k < words.length; k++) {
    if (phonemes[k]!.length || k === 0 || sentAt[k]! < 0) continue;
    // The run of display words with no phoneme, and the word before it that may have swallowed them.
    let runEnd = k;
    while (runEnd + 1 < words.length && !phonemes[runEnd + 1]!.length) runEnd++;
    const donor = k - 1;
    const donorPhonemes = phonemes[donor]!;
    const skip = () => (k = runEnd);
    if (!donorPhonemes.length) {
      skip();
      continue;
    }
    // eSpeak sometimes reports a joined word at its neighbour's position + 1 ("Most of": "of" at the
    // "o" of "Most"; "it is": "is" at the "t"), so the donor holds two engine words and the next
    // display word none: hand the trailing engine words on, one display word each.
    const donorEngineWords = [...new Set(donorPhonemes.map((p) => engineWordOf.get(p)!))];
    if (donorEngineWords.length > 1) {
      const moving = donorEngineWords.slice(1).slice(-(runEnd - k + 1));
      const receivers = Array.from({ length: moving.length }, (_, n) => k + n).filter((g) => sentenceOfWord[g] === sentenceOfWord[donor]);
      if (receivers.length === moving.length) {
        moving.forEach((e, n) => {
          phonemes[receivers[n]!] = donorPhonemes.filter((p) => engineWordOf.get(p) === e);
        });
        phonemes[donor] = donorPhonemes.filter((p) => !moving.includes(engineWordOf.get(p)!));
        k = receivers[receivers.length - 1]!;
        continue;
      }
    }
    const engineWord = engineWordOf.get(donorPhonemes[0]!);
    // The engine word that was being spoken at the skipped word's text must be the donor's only one.
    const position = sentAt[k]! + 1;
    let latest = -1;
    for (const e of engineWords) if (events[e]!.textPosition <= position) latest = e;
    if (engineWord === undefined || latest !== engineWord || donorPhonemes.some((p) => engineWordOf.get(p) !== engineWord)) {
      skip();
      continue;
    }
    const group: number[] = [donor];
    for (let g = k; g <= runEnd && sentenceOfWord[g] === sentenceOfWord[donor]; g++) group.push(g);
    if (group.length < 2 || donorPhonemes.length < group.length) {
      skip();
      continue;
    }
    const letters = group.map((g) => Math.max(1, words[g]!.end - words[g]!.start));
    const total = letters.reduce((a, b) => a + b, 0);
    const shared = donorPhonemes.slice();
    let from = 0;
    let cumulative = 0;
    group.forEach((g, n) => {
      cumulative += letters[n]!;
      const left = group.length - n - 1;
      let to = n === group.length - 1 ? shared.length : Math.round((shared.length * cumulative) / total);
      to = Math.min(Math.max(to, from + 1), shared.length - left); // at least one phoneme each
      phonemes[g] = shared.slice(from, to);
      from = to;
    });
    k = group[group.length - 1]!;
  }
}
