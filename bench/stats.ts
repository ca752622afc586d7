/**
 * The benchmark's arithmetic, kept pure so it is tested without a browser
 * (tests/unit/bench-stats.test.ts): percentiles, and how far the reading highlight is from the audio.
 */
import { indexAt } from '../src/speech/timeline';

/** The p-th percentile (0–100) by linear interpolation between closest ranks; NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (Math.min(Math.max(p, 0), 100) / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const a = sorted[low] as number;
  const b = sorted[high] as number;
  return a + (b - a) * (rank - low);
}

export const median = (values: readonly number[]) => percentile(values, 50);

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export function summarise(values: readonly number[]): Summary {
  return {
    n: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    max: values.length ? Math.max(...values) : Number.NaN,
  };
}

/** The word being spoken at `time`: the kiosk's own binary search over word starts. */
export const wordAt = indexAt;

/**
 * How wrong the highlight is on one frame, in milliseconds of wall-clock time: 0 when the highlighted
 * word is the one the timings say is being spoken at `time` (seconds of audio), otherwise the distance
 * from `time` to the nearest moment at which the highlighted word would have been right (for
 * neighbouring words, the boundary between them), divided by the playback rate. `highlighted` is -1
 * when no word is highlighted, which is right only before the first word starts.
 */
export function highlightError(starts: readonly number[], time: number, highlighted: number, rate: number): number {
  if (highlighted === wordAt(starts, time)) return 0;
  const from = highlighted < 0 ? Number.NEGATIVE_INFINITY : (starts[highlighted] ?? Number.POSITIVE_INFINITY);
  const to = highlighted + 1 < starts.length ? (starts[highlighted + 1] as number) : Number.POSITIVE_INFINITY;
  const seconds = time < from ? from - time : time >= to ? time - to : 0;
  return (seconds / rate) * 1000;
}

export interface FrameSample {
  /** The audio clock (media.currentTime) read in the frame's animation-frame callback. */
  time: number;
  /** The word with the highlight class once that frame's callbacks had run; -1 for none. */
  word: number;
}

export interface ChangeTiming {
  /** Expected word changes seen (the timings' word changed between two consecutive frames). */
  changes: number;
  /** The highlight had already moved to the new word a frame or more before (the kiosk leads on purpose). */
  early: number;
  /** The highlight moved on the same frame as the expected word. */
  sameFrame: number;
  oneFrameLate: number;
  /** Two or more frames late, or never in this run of frames. */
  later: number;
}

/**
 * For every frame on which the timings' word changes, whether the highlight changed on that frame,
 * before it, one frame after, or later. Only forward changes of one or more words are counted.
 */
export function changeTiming(starts: readonly number[], frames: readonly FrameSample[]): ChangeTiming {
  const result: ChangeTiming = { changes: 0, early: 0, sameFrame: 0, oneFrameLate: 0, later: 0 };
  for (let i = 1; i < frames.length; i++) {
    const before = wordAt(starts, (frames[i - 1] as FrameSample).time);
    const now = wordAt(starts, (frames[i] as FrameSample).time);
    if (now <= before) continue;
    result.changes++;
    const previous = frames[i - 1] as FrameSample;
    const current = frames[i] as FrameSample;
    if (previous.word >= now) result.early++;
    else if (current.word >= now) result.sameFrame++;
    else if ((frames[i + 1]?.word ?? -1) >= now) result.oneFrameLate++;
    else result.later++;
  }
  return result;
}

/** Starts of each word in index order, from a timings file's `words` list. */
export function startsFromTimings(words: readonly { index: number; start: number }[]): number[] {
  const starts: number[] = [];
  for (const word of words) starts[word.index] = word.start;
  // A word without timing (there should be none) takes its predecessor's start, so searches stay sorted.
  for (let i = 0; i < starts.length; i++) if (starts[i] === undefined) starts[i] = i > 0 ? (starts[i - 1] as number) : 0;
  return starts;
}
