/**
 * Checks one timings file against the section it claims to time. Pure and DOM-free: the audio build
 * uses it before trusting an existing file, `npm run check` through `checkAudio`, and the kiosk's
 * tests may too. Every problem names the file and, where it can, the field.
 */
import type { Section } from '../../src/content/model.ts';
import type { InputProblem } from '../lib/input-error.ts';
import { sha256 } from './timings.ts';

/** How far the timings' duration may differ from the audio file's before it counts as a mismatch. */
const DURATION_TOLERANCE_S = 0.05;
/** Times are rounded to the millisecond. */
const EPSILON = 0.0005;

export function validateTimings(
  json: unknown,
  section: Pick<Section, 'id' | 'text' | 'words' | 'sentences'>,
  audioDurationSeconds: number,
  file = 'timings',
): InputProblem[] {
  const problems: InputProblem[] = [];
  const report = (where: string | undefined, message: string) => problems.push({ file, ...(where ? { where } : {}), message });

  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    report(undefined, 'is not a timings object; run npm run audio');
    return problems;
  }
  const t = json as Record<string, unknown>;
  const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

  if (t.version !== 1) report('version', `is ${JSON.stringify(t.version)}; expected 1`);
  if (t.section !== section.id) report('section', `is ${JSON.stringify(t.section)} but the file is for section "${section.id}"`);
  if (typeof t.textHash !== 'string') report('textHash', 'is missing');
  else if (t.textHash !== sha256(section.text)) {
    report('textHash', 'is stale: the section text has changed since this audio was made; run npm run audio');
  }
  if (!isTime(t.duration)) report('duration', 'is missing or not a number of seconds');
  else if (Math.abs(t.duration - audioDurationSeconds) > DURATION_TOLERANCE_S) {
    report('duration', `says ${t.duration} s but the audio lasts ${audioDurationSeconds.toFixed(3)} s`);
  }
  const limit = Math.min(audioDurationSeconds, isTime(t.duration) ? t.duration : Infinity) + EPSILON;

  // Words: each display word exactly once, in reading order, one after another in time.
  if (!Array.isArray(t.words)) {
    report('words', 'is missing');
  } else {
    const seen = new Map<number, number>();
    let previous: { start: number; end: number; index: number } | undefined;
    t.words.forEach((raw: unknown, i) => {
      const where = `words[${i}]`;
      const w = raw as Record<string, unknown> | null;
      if (!w || typeof w !== 'object' || !Number.isInteger(w.index) || !isTime(w.start) || !isTime(w.end) || !isRange(w.chars)) {
        report(where, 'needs { index, start, end, chars: [start, end] } with times in seconds');
        return;
      }
      const index = w.index as number;
      const display = section.words[index];
      if (!display) {
        report(where, `index ${index} is not a word of this section (it has ${section.words.length})`);
        return;
      }
      if (seen.has(index)) report(where, `word ${index} is timed twice (also at words[${seen.get(index)}])`);
      seen.set(index, i);
      const [from, to] = w.chars as [number, number];
      if (from !== display.start || to !== display.end) {
        report(where, `chars [${from}, ${to}] do not match word ${index} "${section.text.slice(display.start, display.end)}" at [${display.start}, ${display.end}]`);
      }
      if (w.end < w.start) report(where, `ends (${w.end} s) before it starts (${w.start} s)`);
      if (w.end > limit) report(where, `ends at ${w.end} s, after the audio (${audioDurationSeconds.toFixed(3)} s)`);
      if (previous) {
        if (index <= previous.index) report(where, `word ${index} comes after word ${previous.index}: words are out of order`);
        if (w.start < previous.start) report(where, `starts at ${w.start} s, before the previous word (${previous.start} s): out of order`);
        else if (w.start < previous.end - EPSILON) report(where, `starts at ${w.start} s, before the previous word ends (${previous.end} s): overlap`);
      }
      previous = { start: w.start, end: w.end, index };
    });
    const missing = section.words.filter((w) => !seen.has(w.index)).map((w) => `${w.index} "${section.text.slice(w.start, w.end)}"`);
    if (missing.length) {
      report('words', `have no timing for ${missing.length} word${missing.length > 1 ? 's' : ''}: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`);
    }
  }

  if (!Array.isArray(t.sentences)) {
    report('sentences', 'is missing');
  } else {
    if (t.sentences.length !== section.sentences.length) {
      report('sentences', `has ${t.sentences.length} entries; the section has ${section.sentences.length} sentences`);
    }
    let previousEnd = 0;
    t.sentences.forEach((raw: unknown, i) => {
      const where = `sentences[${i}]`;
      const s = raw as Record<string, unknown> | null;
      if (!s || typeof s !== 'object' || s.index !== i || !isTime(s.start) || !isTime(s.end)) {
        report(where, `needs { index: ${i}, start, end } with times in seconds`);
        return;
      }
      if (s.end < s.start) report(where, `ends (${s.end} s) before it starts (${s.start} s)`);
      if (s.start < previousEnd - EPSILON) report(where, `starts at ${s.start} s, before the previous sentence ends (${previousEnd} s)`);
      if (s.end > limit) report(where, `ends at ${s.end} s, after the audio (${audioDurationSeconds.toFixed(3)} s)`);
      previousEnd = s.end;
    });
  }
  return problems;
}

function isRange(value: unknown): value is [number, number] {
  return Array.isArray(value) && value.length === 2 && value.every((n) => Number.isInteger(n));
}
