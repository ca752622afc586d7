/**
 * Is a recording read in the section's language, or in another of the kiosk's? A nurse who records
 * the French handout and saves it in `recordings/en/` makes a file that a warping path follows well
 * enough: eSpeak's French and English renderings of one section share its numbers, names and
 * rhythm, and the alignment's own tests (scripts/audio/force-align.ts) passed such a file. Its
 * rendering in the right language, though, matches it better than the one it was filed under.
 *
 * So the start of the recording (PREFIX_SECONDS) is compared, in 80 ms frames, with the start of the
 * same section rendered in every language the kiosk speaks. The warping path runs from both starts
 * to the end of the recording's prefix and may end anywhere in the rendering's, whose prefix is made
 * long enough for a reader half again as slow as eSpeak. Measured on Festival's readings (English and
 * Italian, clean and with noise at 20 dB SNR, 24 sections, whole sections): the right language's
 * rendering always matched best, by 0.008–0.19 of what unrelated speech scores; a French reading
 * filed as English matched the French rendering by far more.
 */
import { chanceDistance, COEFFICIENTS, mfccPair, pool, type Analysis, type Pooled } from './features.ts';

/** Another language must match better than the section's own by this much (share of chance distance) to refuse. */
export const OTHER_LANGUAGE_MARGIN = 0.02;
/** Seconds of the recording compared: enough for several sentences, and the cost does not grow with the section. */
export const PREFIX_SECONDS = 30;
/** Seconds of each rendering made for that: a reader may be this many times slower than eSpeak. */
export const RENDERING_SECONDS = PREFIX_SECONDS * 1.6;
/** 5 ms frames pooled into one: the alignment's coarsest level. */
const POOL = 16;

export interface Rendering {
  lang: string;
  /** Samples at ANALYSIS_RATE: RENDERING_SECONDS of the section, or all of it if shorter. */
  samples: Float32Array;
}

/** The language whose rendering the recording sounds like instead of `own`'s, or null when its own matches best. */
export function soundsLike(recording: Analysis, own: Rendering, others: readonly Rendering[]): { lang: string; own: number; other: number } | null {
  const ownScore = matchScore(own.samples, recording);
  let best: { lang: string; score: number } | null = null;
  for (const other of others) {
    const score = matchScore(other.samples, recording);
    if (!best || score < best.score) best = { lang: other.lang, score };
  }
  if (!best || best.score > ownScore - OTHER_LANGUAGE_MARGIN) return null;
  return { lang: best.lang, own: ownScore, other: best.score };
}

/** The recording's first PREFIX_SECONDS, as an analysis of its own (the floor is taken from that part). */
export function recordingPrefix(recording: Analysis): Analysis {
  const frames = Math.min(recording.frames, Math.round(PREFIX_SECONDS / 0.005));
  if (frames === recording.frames) return recording;
  return { ...recording, frames, mel: recording.mel.subarray(0, frames * (recording.mel.length / recording.frames)), energyDb: recording.energyDb.subarray(0, frames) };
}

/**
 * Mean frame distance along the best warping path from both starts to the end of the recording
 * (ending anywhere in the rendering), where either side speaks, as a share of what unrelated speech
 * scores.
 */
export function matchScore(rendering: Float32Array, recording: Analysis): number {
  const [a, b] = mfccPair(rendering, recordingPrefix(recording));
  const ref = pool(a, POOL);
  const rec = pool(b, POOL);
  const n = rec.frames;
  const m = ref.frames;
  const distance = (i: number, j: number) => {
    let d = 0;
    for (let c = 0; c < COEFFICIENTS; c++) d += ((rec.data[i * COEFFICIENTS + c] as number) - (ref.data[j * COEFFICIENTS + c] as number)) ** 2;
    return Math.sqrt(d);
  };
  // Rows are the recording, columns the rendering. Cost and length of the best path to each cell,
  // counting only steps where either side speaks; the best end is the lowest mean on the last row.
  const cost = new Float64Array(n * m);
  const steps = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const counted = rec.silent[i] && ref.silent[j] ? 0 : 1;
      const d = counted ? distance(i, j) : 0;
      let bestCost = 0;
      let bestSteps = 0;
      if (i > 0 || j > 0) {
        let bestMean = Infinity;
        const consider = (at: number) => {
          const c = (cost[at] as number) + d;
          const s = (steps[at] as number) + counted;
          const mean = s ? c / s : 0;
          if (mean < bestMean) {
            bestMean = mean;
            bestCost = c;
            bestSteps = s;
          }
        };
        if (i > 0) consider((i - 1) * m + j);
        if (j > 0) consider(i * m + j - 1);
        if (i > 0 && j > 0) consider((i - 1) * m + j - 1);
      } else {
        bestCost = d;
        bestSteps = counted;
      }
      cost[i * m + j] = bestCost;
      steps[i * m + j] = bestSteps;
    }
  }
  let best = Infinity;
  for (let j = 0; j < m; j++) {
    const s = steps[(n - 1) * m + j] as number;
    if (s) best = Math.min(best, (cost[(n - 1) * m + j] as number) / s);
  }
  if (!Number.isFinite(best)) return 1;
  const speaking = (f: Pooled) => Array.from({ length: f.frames }, (_, i) => i).filter((i) => !f.silent[i]);
  return best / chanceDistance(ref, speaking(ref), rec, speaking(rec), 3000);
}
