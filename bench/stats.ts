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
  /** Changes with too few clock readings around them to draw the clock's line: measured against the single reading instead. */
  unanchored: number;
}

/** One reading of the playing media element's clock, taken in every frame of the bench's own rAF loop. */
export interface ClockReading {
  /** performance.now() of the reading. */
  at: number;
  /** currentTime, s. */
  time: number;
}

/** Half the span of readings that place the clock's line at a moment: about 30 frames at 60 Hz. */
const LINE_WINDOW_MS = 250;
const MIN_READINGS = 5;

/**
 * The readings from the moment the clock starts moving. Right after play the element repeats its start
 * position while it fills its buffers: those readings say when nothing is heard yet, not where the line is.
 */
export function movingReadings(readings: readonly ClockReading[]): ClockReading[] {
  const first = readings[0];
  if (!first) return [];
  const moved = readings.findIndex((r) => r.time !== first.time);
  return moved < 0 ? [] : readings.slice(moved);
}

/**
 * The wall-clock moment (ms) the sound reached `time` s of audio. Chromium's `currentTime` wobbles
 * around the sound playing (at 2x it steps by ±5–10 ms of wall time from frame to frame; at 1x it
 * sometimes holds for a frame), while the device plays at a steady rate: the sound is a line of slope
 * `rate` in wall time. Each reading gives that line's offset; the median offset of the readings
 * within 250 ms of the moment is the line there, and one odd reading cannot move it. Null where fewer
 * than five readings are that near.
 */
export function heardAt(time: number, rate: number, readings: readonly ClockReading[]): number | null {
  if (!readings.length) return null;
  const toWall = (r: ClockReading) => r.at - (r.time * 1000) / rate;
  // A first guess from the raw readings: the first at or past `time`, else the last.
  const past = readings.find((r) => r.time >= time) ?? readings[readings.length - 1];
  if (!past) return null;
  const guess = toWall(past) + (time * 1000) / rate;
  const offsets = readings.filter((r) => Math.abs(r.at - guess) <= LINE_WINDOW_MS).map(toWall);
  if (offsets.length < MIN_READINGS) return null;
  return median(offsets) + (time * 1000) / rate;
}

/** How far single readings stray from the clock's line, ms of wall time: the noise the line removes. */
export function clockJitter(readings: readonly ClockReading[], rate: number): number[] {
  const jitter: number[] = [];
  for (const reading of readings) {
    const line = heardAt(reading.time, rate, readings);
    if (line !== null) jitter.push(reading.at - line);
  }
  return jitter;
}

/**
 * How far each move of the highlight is from the moment its word is heard. DOM: the media clock when
 * the class changed, against the word's start in the timings file, in wall-clock ms (audio time ÷
 * rate). Glass: the frame holding the change is shown at the next vsync, one frame interval after the
 * frame began (`frames`: the frame start times of a rAF loop in the same page), against the moment
 * the word is heard on the clock's line drawn through the readings around it (`heardAt`).
 * No output latency is added: Chromium reports none for media elements.
 */
export function glassTiming(
  starts: readonly number[],
  frames: readonly number[],
  changes: readonly HighlightChange[],
  intervalMs: number,
  readings: readonly ClockReading[],
): GlassTiming {
  const dom: number[] = [];
  const glass: number[] = [];
  const seen = new Set<number>();
  const moving = movingReadings(readings);
  let unanchored = 0;
  for (const change of changes) {
    const start = starts[change.word];
    if (start === undefined || change.word < 0) continue;
    seen.add(change.word);
    const domMs = ((change.time - start) / change.rate) * 1000;
    const frameStart = frames[indexAt(frames, change.at)] ?? change.at;
    const shown = Math.max(change.at, frameStart + intervalMs);
    dom.push(domMs);
    const heard = heardAt(start, change.rate, moving);
    if (heard === null) unanchored++;
    glass.push(heard === null ? domMs + (shown - change.at) : shown - heard);
  }
  const indexes = [...seen];
  const first = Math.min(...indexes);
  const last = Math.max(...indexes);
  let missed = 0;
  for (let word = first; word <= last; word++) if (!seen.has(word)) missed++;
  return { dom, glass, missed, words: indexes.length ? last - first + 1 : 0, unanchored };
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
