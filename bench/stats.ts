/**
 * The benchmark's arithmetic, kept pure so it is tested without a browser
 * (tests/unit/bench-stats.test.ts): percentiles, and how far the reading highlight is from the voice.
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

/** One move of the highlight, seen from outside the reader: a MutationObserver saw the class arrive. */
export interface HighlightChange {
  /** performance.now() when the observer ran (right after the frame's callbacks changed the class). */
  at: number;
  /** The playing media element's currentTime at that moment, and its playbackRate. */
  time: number;
  rate: number;
  word: number;
}

export interface GlassTiming {
  /** Per change, ms of wall-clock time: + late, − early. When the class changed in the DOM. */
  dom: number[];
  /** The same, at the estimated moment the frame holding the change reached the screen. */
  glass: number[];
  /** Words between the first and last highlighted ones that were never highlighted. */
  missed: number;
  /** Words that should have been highlighted in the span observed. */
  words: number;
}

/**
 * How far each move of the highlight is from the moment its word is heard. DOM: the media clock when
 * the class changed, against the word's start in the timings file, in wall-clock ms (audio time ÷
 * rate). Glass: the frame holding the change is shown at the next vsync, one frame interval after the
 * frame began (`frames`: the frame start times of a rAF loop in the same page); the audio runs on
 * meanwhile, so the on-glass error is the DOM error plus the time from the change to that vsync.
 * No output latency is added: Chromium reports none for media elements.
 */
export function glassTiming(starts: readonly number[], frames: readonly number[], changes: readonly HighlightChange[], intervalMs: number): GlassTiming {
  const dom: number[] = [];
  const glass: number[] = [];
  const seen = new Set<number>();
  for (const change of changes) {
    const start = starts[change.word];
    if (start === undefined || change.word < 0) continue;
    seen.add(change.word);
    const domMs = ((change.time - start) / change.rate) * 1000;
    const frameStart = frames[indexAt(frames, change.at)] ?? change.at;
    const shown = frameStart + intervalMs;
    dom.push(domMs);
    glass.push(domMs + Math.max(0, shown - change.at));
  }
  const indexes = [...seen];
  const first = Math.min(...indexes);
  const last = Math.max(...indexes);
  let missed = 0;
  for (let word = first; word <= last; word++) if (!seen.has(word)) missed++;
  return { dom, glass, missed, words: indexes.length ? last - first + 1 : 0 };
}

/** Median gap between frame start times: the screen's frame interval as the page sees it. */
export function frameInterval(frames: readonly number[]): number {
  const gaps: number[] = [];
  for (let i = 1; i < frames.length; i++) gaps.push((frames[i] as number) - (frames[i - 1] as number));
  return median(gaps);
}

export interface SignedSummary extends Summary {
  /** Mean of the signed errors: + the highlight is late on average. */
  mean: number;
}

/** p50, p95 and max of the size of the errors, and the mean of their sign. */
export function summariseSigned(values: readonly number[]): SignedSummary {
  const sizes = values.map(Math.abs);
  return { ...summarise(sizes), mean: values.length ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN };
}

/** Starts of each word in index order, from a timings file's `words` list. */
export function startsFromTimings(words: readonly { index: number; start: number }[]): number[] {
  const starts: number[] = [];
  for (const word of words) starts[word.index] = word.start;
  // A word without timing (there should be none) takes its predecessor's start, so searches stay sorted.
  for (let i = 0; i < starts.length; i++) if (starts[i] === undefined) starts[i] = i > 0 ? (starts[i - 1] as number) : 0;
  return starts;
}
