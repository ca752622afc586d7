/**
 * Checks one timings file against the section it claims to time. Pure and DOM-free: the audio build
 * uses it before trusting an existing file, `npm run check` through `checkAudio`, and the kiosk's
 * tests may too. Every problem names the file and, where it can, the field (dotted, as zod's are:
 * `words.2.start`), so a shape mistake and a timing mistake read the same way.
 */
import type { Section } from '../../src/content/model.ts';
import type { InputProblem } from '../lib/input-error.ts';
import { sha256, timingsShapeProblems, type TimingsFile } from './timings.ts';

/** How far the timings' duration may differ from the audio file's before it counts as a mismatch. */
const DURATION_TOLERANCE_S = 0.05;
/** Times are rounded to the millisecond. */
const EPSILON = 0.0005;

/** Checks a timings file as read (any JSON): its shape first, then whether it fits the section. */
export function validateTimings(
  json: unknown,
  section: Pick<Section, 'id' | 'text' | 'words' | 'sentences'>,
  audioDurationSeconds: number,
  file = 'timings',
): InputProblem[] {
  const shape = timingsShapeProblems(json, file);
  return shape.length ? shape : timingsProblems(json as TimingsFile, section, audioDurationSeconds, file);
}

/** Whether timings of the right shape fit the section and its audio. */
export function timingsProblems(
  t: TimingsFile,
  section: Pick<Section, 'id' | 'text' | 'words' | 'sentences'>,
  audioDurationSeconds: number,
  file = 'timings',
): InputProblem[] {
  const problems: InputProblem[] = [];
  const report = (where: string | undefined, message: string) => problems.push({ file, ...(where ? { where } : {}), message });

  if (t.section !== section.id) report('section', `is ${JSON.stringify(t.section)} but the file is for section "${section.id}"`);
  if (t.textHash !== sha256(section.text)) {
    report('textHash', 'is stale: the section text has changed since this audio was made; run npm run audio');
  }
  if (Math.abs(t.duration - audioDurationSeconds) > DURATION_TOLERANCE_S) {
    report('duration', `says ${t.duration} s but the audio lasts ${audioDurationSeconds.toFixed(3)} s`);
  }
  const limit = Math.min(audioDurationSeconds, t.duration) + EPSILON;

  // Words: each display word exactly once, in reading order, one after another in time.
  const seen = new Map<number, number>();
  let previous: { start: number; end: number; index: number } | undefined;
  t.words.forEach((w, i) => {
    const where = `words.${i}`;
    const display = section.words[w.index];
    if (!display) {
      report(where, `index ${w.index} is not a word of this section (it has ${section.words.length})`);
      return;
    }
    if (seen.has(w.index)) report(where, `word ${w.index} is timed twice (also at words.${seen.get(w.index)})`);
    seen.set(w.index, i);
    const [from, to] = w.chars;
    if (from !== display.start || to !== display.end) {
      report(where, `chars [${from}, ${to}] do not match word ${w.index} "${section.text.slice(display.start, display.end)}" at [${display.start}, ${display.end}]`);
    }
    if (w.end < w.start) report(where, `ends (${w.end} s) before it starts (${w.start} s)`);
    if (w.end > limit) report(where, `ends at ${w.end} s, after the audio (${audioDurationSeconds.toFixed(3)} s)`);
    if (previous) {
      if (w.index <= previous.index) report(where, `word ${w.index} comes after word ${previous.index}: words are out of order`);
      if (w.start < previous.start) report(where, `starts at ${w.start} s, before the previous word (${previous.start} s): out of order`);
      else if (w.start < previous.end - EPSILON) report(where, `starts at ${w.start} s, before the previous word ends (${previous.end} s): overlap`);
    }
    previous = { start: w.start, end: w.end, index: w.index };
  });
  const missing = section.words.filter((w) => !seen.has(w.index)).map((w) => `${w.index} "${section.text.slice(w.start, w.end)}"`);
  if (missing.length) {
    report('words', `have no timing for ${missing.length} word${missing.length > 1 ? 's' : ''}: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`);
  }

  if (t.sentences.length !== section.sentences.length) {
    report('sentences', `has ${t.sentences.length} entries; the section has ${section.sentences.length} sentences`);
  }
  let previousEnd = 0;
  t.sentences.forEach((s, i) => {
    const where = `sentences.${i}`;
    if (s.index !== i) {
      report(`${where}.index`, `is ${s.index}; expected ${i} (sentences in order)`);
      return;
    }
    if (s.end < s.start) report(where, `ends (${s.end} s) before it starts (${s.start} s)`);
    if (s.start < previousEnd - EPSILON) report(where, `starts at ${s.start} s, before the previous sentence ends (${previousEnd} s)`);
    if (s.end > limit) report(where, `ends at ${s.end} s, after the audio (${audioDurationSeconds.toFixed(3)} s)`);
    previousEnd = s.end;
  });
  return problems;
}
