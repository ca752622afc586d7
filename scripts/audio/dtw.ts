/**
 * Dynamic time warping between two feature sequences, coarse to fine (as FastDTW and aeneas do): an
 * unconstrained DTW on 80 ms averages finds the route through the whole section, whatever the pauses
 * and the reader's speed; each finer level (20 ms, then 5 ms) searches only a band around the route
 * found above it. A five-minute section is then a few million cells instead of 3.6 billion.
 *
 * Rows are the reference (the eSpeak rendering), columns the recording.
 */
import { COEFFICIENTS, pool, type Pooled } from './features.ts';

export interface WarpPath {
  /** Reference frame and recording frame of each step, both non-decreasing. */
  ref: Int32Array;
  rec: Int32Array;
  /** The frame distance at each step. */
  cost: Float32Array;
}

/**
 * Pooling factor of each level, coarse to fine, and the band half-width (in that level's frames).
 * The finest band is 120 ms each way: a short word after a pause ("medicine. A kitchen", read in room
 * noise) can vanish into a 20 ms average, and with 60 ms the 5 ms level could not win it back (-159
 * ms). Wider than 120 ms changed no word start on the bench's sections, and the alignment's time grew
 * by about 2 %.
 */
const LEVELS: readonly { factor: number; radius: number }[] = [
  { factor: 16, radius: 0 },
  { factor: 4, radius: 8 },
  { factor: 1, radius: 24 },
];

/**
 * What one side pays per frame to wait while the other goes through a pause of its own (a breath, a
 * comma read as a stop, a list's line break one voice pauses at and the other reads through): about
 * what two pauses matched together cost. Charged as the distance of a pause to speech instead, the
 * pause went wherever the other voice was weakest (an "h" a word or two on) and carried the words in
 * between out of place: 250–430 ms errors against Festival's word times.
 */
const PAUSE_COST = 1.3;

export function warp(reference: Pooled, recording: Pooled): WarpPath {
  let path: WarpPath | undefined;
  let previousFactor = 0;
  for (const { factor, radius } of LEVELS) {
    const a = pool(reference, factor);
    const b = pool(recording, factor);
    const band = path ? project(path, previousFactor / factor, a.frames, b.frames, radius) : full(a.frames, b.frames);
    path = windowedDtw(a, b, band.lo, band.hi);
    previousFactor = factor;
  }
  return path!;
}

function full(n: number, m: number): { lo: Int32Array; hi: Int32Array } {
  return { lo: new Int32Array(n), hi: new Int32Array(n).fill(m - 1) };
}

/** The cells of a coarser path at this level, widened by `radius` frames in both directions. */
function project(path: WarpPath, scale: number, n: number, m: number, radius: number): { lo: Int32Array; hi: Int32Array } {
  const lo = new Int32Array(n).fill(m);
  const hi = new Int32Array(n).fill(-1);
  for (let s = 0; s < path.ref.length; s++) {
    const i0 = path.ref[s]! * scale;
    const j0 = path.rec[s]! * scale;
    for (let i = i0; i < Math.min(n, i0 + scale); i++) {
      lo[i] = Math.min(lo[i]!, j0);
      hi[i] = Math.max(hi[i]!, Math.min(m - 1, j0 + scale - 1));
    }
  }
  const wideLo = new Int32Array(n);
  const wideHi = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let l = m;
    let h = -1;
    for (let k = Math.max(0, i - radius); k <= Math.min(n - 1, i + radius); k++) {
      l = Math.min(l, lo[k]!);
      h = Math.max(h, hi[k]!);
    }
    wideLo[i] = Math.max(0, l - radius);
    wideHi[i] = Math.min(m - 1, h + radius);
  }
  wideLo[0] = 0;
  wideHi[n - 1] = m - 1;
  // Each row's band must touch the previous row's, or no path could pass.
  for (let i = 1; i < n; i++) {
    if (wideLo[i]! > wideHi[i - 1]! + 1) wideLo[i] = wideHi[i - 1]! + 1;
    if (wideLo[i]! < wideLo[i - 1]!) wideLo[i] = wideLo[i - 1]!;
    if (wideHi[i]! < wideHi[i - 1]!) wideHi[i] = wideHi[i - 1]!;
  }
  return { lo: wideLo, hi: wideHi };
}

const UP = 1; // reference advances, recording waits
const LEFT = 2; // recording advances, reference waits
const DIAGONAL = 3;

function windowedDtw(a: Pooled, b: Pooled, lo: Int32Array, hi: Int32Array): WarpPath {
  const n = a.frames;
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i]! + (hi[i]! - lo[i]! + 1);
  const total = offsets[n]!;
  const D = new Float64Array(total);
  const local = new Float32Array(total);
  const back = new Uint8Array(total);
  const C = COEFFICIENTS;
  for (let i = 0; i < n; i++) {
    const row = offsets[i]!;
    const l = lo[i]!;
    const h = hi[i]!;
    const prevRow = i > 0 ? offsets[i - 1]! : 0;
    const pl = i > 0 ? lo[i - 1]! : 0;
    const ph = i > 0 ? hi[i - 1]! : -1;
    for (let j = l; j <= h; j++) {
      let d = 0;
      for (let c = 0; c < C; c++) {
        const x = a.data[i * C + c]! - b.data[j * C + c]!;
        d += x * x;
      }
      d = Math.sqrt(d);
      const at = row + j - l;
      local[at] = d;
      if (i === 0 && j === 0) {
        D[at] = d;
        continue;
      }
      let best = Infinity;
      let from = 0;
      if (i > 0 && j >= pl && j <= ph) {
        const up = D[prevRow + j - pl]! + (a.silent[i] ? Math.min(d, PAUSE_COST) : d);
        if (up < best) {
          best = up;
          from = UP;
        }
      }
      if (j > l) {
        const left = D[at - 1]! + (b.silent[j] ? Math.min(d, PAUSE_COST) : d);
        if (left < best) {
          best = left;
          from = LEFT;
        }
      }
      if (i > 0 && j - 1 >= pl && j - 1 <= ph) {
        // Weight 1 on the diagonal (symmetric1): with weight 2 a route of equal cost could trade a
        // diagonal for a long stall and a jump, and did (a 140 ms late "Most"); measured against
        // Festival's word times, weight 1 halved the 95th percentile.
        const diagonal = D[prevRow + j - 1 - pl]! + d;
        if (diagonal < best) {
          best = diagonal;
          from = DIAGONAL;
        }
      }
      D[at] = best;
      back[at] = from;
      // The distance this step paid: a pause waited through counts as matched.
      if ((from === UP && a.silent[i]) || (from === LEFT && b.silent[j])) local[at] = Math.min(d, PAUSE_COST);
    }
  }
  const ref: number[] = [];
  const rec: number[] = [];
  const cost: number[] = [];
  let i = n - 1;
  let j = b.frames - 1;
  for (;;) {
    const at = offsets[i]! + j - lo[i]!;
    ref.push(i);
    rec.push(j);
    cost.push(local[at]!);
    const from = back[at]!;
    if (from === 0) break;
    if (from === UP) i--;
    else if (from === LEFT) j--;
    else {
      i--;
      j--;
    }
  }
  ref.reverse();
  rec.reverse();
  cost.reverse();
  return { ref: Int32Array.from(ref), rec: Int32Array.from(rec), cost: Float32Array.from(cost) };
}
