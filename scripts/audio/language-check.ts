/**
 * Is a recording read in the section's language, or in another of the kiosk's? A nurse who records
 * the French handout and saves it in `recordings/en/` makes a file that a warping path follows well
 * enough: eSpeak's French and English renderings of one section share its numbers, names and
 * rhythm, and the alignment's own tests (scripts/audio/force-align.ts) passed such a file. Its
 * rendering in the right language, though, matches it better than the one it was filed under.
 *
 * So the recording is compared, on the coarsest warping level alone (80 ms frames), with the same
 * section rendered in every language the kiosk speaks. Measured on Festival's readings (English and
 * Italian, clean and with noise at 20 dB SNR, 24 sections): the right language's rendering always
 * matched best, by 0.008–0.19 of what unrelated speech scores, and a French reading filed as English
 * matched the French rendering by far more.
 */
import { coarseWarp } from './dtw.ts';
import { COEFFICIENTS, mfccPair, type Analysis, type Features, type Pooled } from './features.ts';

/** Another language must match better than the section's own by this much (share of chance distance) to refuse. */
export const OTHER_LANGUAGE_MARGIN = 0.02;

export interface Rendering {
  lang: string;
  /** Samples at ANALYSIS_RATE. */
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

/** Mean frame distance along the coarse warping path where either side speaks, as a share of what unrelated speech scores. */
export function matchScore(rendering: Float32Array, recording: Analysis): number {
  const [a, b] = mfccPair(rendering, recording);
  const { path, reference, recording: pooled } = coarseWarp(a, b);
  let cost = 0;
  let steps = 0;
  for (let s = 0; s < path.ref.length; s++) {
    if (reference.silent[path.ref[s] as number] && pooled.silent[path.rec[s] as number]) continue;
    cost += path.cost[s] as number;
    steps++;
  }
  return steps ? cost / steps / chance(reference, pooled) : 1;
}

/** Mean distance between speaking frames of the two taken at random (a fixed sequence: the result is reproducible). */
function chance(a: Pooled, b: Pooled): number {
  const speaking = (f: Pick<Features, 'silent' | 'frames'>) => Array.from({ length: f.frames }, (_, i) => i).filter((i) => !f.silent[i]);
  const A = speaking(a);
  const B = speaking(b);
  if (!A.length || !B.length) return 1;
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const samples = 3000;
  let sum = 0;
  for (let s = 0; s < samples; s++) {
    const i = A[Math.floor(random() * A.length)] as number;
    const j = B[Math.floor(random() * B.length)] as number;
    let d = 0;
    for (let c = 0; c < COEFFICIENTS; c++) d += ((a.data[i * COEFFICIENTS + c] as number) - (b.data[j * COEFFICIENTS + c] as number)) ** 2;
    sum += Math.sqrt(d);
  }
  return sum / samples;
}
