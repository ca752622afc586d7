/**
 * Integrated loudness per ITU-R BS.1770-4 (the measure EBU R128 uses), mono, and the gain that brings
 * a recording to the kiosk's one loudness target, so a patient never reaches for the volume between a
 * recorded section and a synthesized one.
 *
 * Written here because the one npm build of libebur128 (ebur128-wasm) is a bundler-only WebAssembly
 * module that Node cannot load; the filter and gating are the standard's own, and a test holds them
 * to its reference values (a 997 Hz sine at full scale reads −3.01 LUFS).
 */

/**
 * The loudness of the synthesized sections: measured once over every committed eSpeak section (six
 * languages, 78 sections decoded from their WebM files): median of the per-section values −20.8 LUFS
 * (−22.7 … −18.3; English −21.1, French −22.5, Chinese −18.5), rounded. Recordings are brought to it;
 * one target for all audio.
 */
export const TARGET_LUFS = -21;

/** Keep peaks below this (dBFS) after the gain: a quiet recording is not pushed into clipping. */
export const PEAK_CEILING_DBFS = -1;

/** BS.1770 integrated loudness of mono samples (−1…1), in LUFS; −Infinity for silence. */
export function integratedLoudness(samples: Float32Array, sampleRate: number): number {
  const weighted = kWeight(samples, sampleRate);
  const block = Math.round(0.4 * sampleRate);
  const step = Math.round(0.1 * sampleRate);
  // Running sum of squares, so each 400 ms block (75 % overlap) costs O(1).
  const cumulative = new Float64Array(weighted.length + 1);
  for (let i = 0; i < weighted.length; i++) cumulative[i + 1] = cumulative[i]! + weighted[i]! * weighted[i]!;
  const powers: number[] = [];
  for (let at = 0; at + block <= weighted.length; at += step) powers.push((cumulative[at + block]! - cumulative[at]!) / block);
  if (!powers.length && weighted.length) powers.push(cumulative[weighted.length]! / weighted.length);
  const loudness = (z: number) => -0.691 + 10 * Math.log10(z);
  const absolute = powers.filter((z) => loudness(z) > -70);
  if (!absolute.length) return -Infinity;
  const mean = (list: number[]) => list.reduce((a, b) => a + b, 0) / list.length;
  const relativeGate = loudness(mean(absolute)) - 10;
  const gated = absolute.filter((z) => loudness(z) > relativeGate);
  return loudness(mean(gated));
}

export interface LoudnessMatch {
  /** Linear gain to apply. */
  gain: number;
  measured: number;
  /** Loudness after the gain (below the target when the peak ceiling limited it). */
  result: number;
  /** True when the peak ceiling kept the gain below what the target asked for. */
  limitedByPeak: boolean;
}

export function matchLoudness(samples: Float32Array, sampleRate: number, target = TARGET_LUFS): LoudnessMatch {
  const measured = integratedLoudness(samples, sampleRate);
  if (!Number.isFinite(measured)) return { gain: 1, measured, result: measured, limitedByPeak: false };
  let peak = 0;
  for (const s of samples) peak = Math.max(peak, Math.abs(s));
  const wanted = 10 ** ((target - measured) / 20);
  const ceiling = peak > 0 ? 10 ** (PEAK_CEILING_DBFS / 20) / peak : Infinity;
  const gain = Math.min(wanted, ceiling);
  return { gain, measured, result: measured + 20 * Math.log10(gain), limitedByPeak: ceiling < wanted };
}

/** The two-stage K-weighting filter (a high shelf for the head, a high pass), for any sample rate. */
function kWeight(input: Float32Array, rate: number): Float64Array {
  // Coefficients derived for `rate` as libebur128 does; at 48 kHz they equal the table in BS.1770.
  let K = Math.tan((Math.PI * 1681.974450955533) / rate);
  let Q = 0.7071752369554196;
  const Vh = 10 ** (3.999843853973347 / 20);
  const Vb = Vh ** 0.4996667741545416;
  let a0 = 1 + K / Q + K * K;
  const shelf = {
    b: [(Vh + (Vb * K) / Q + K * K) / a0, (2 * (K * K - Vh)) / a0, (Vh - (Vb * K) / Q + K * K) / a0],
    a: [(2 * (K * K - 1)) / a0, (1 - K / Q + K * K) / a0],
  };
  K = Math.tan((Math.PI * 38.13547087602444) / rate);
  Q = 0.5003270373238773;
  a0 = 1 + K / Q + K * K;
  const highPass = { b: [1, -2, 1], a: [(2 * (K * K - 1)) / a0, (1 - K / Q + K * K) / a0] };
  return biquad(biquad(input, shelf), highPass);
}

function biquad(input: ArrayLike<number>, { b, a }: { b: number[]; a: number[] }): Float64Array {
  const out = new Float64Array(input.length);
  let x1 = 0, x2 = 0, y1 = 0, y2 = 0;
  for (let i = 0; i < input.length; i++) {
    const x = input[i]!;
    const y = b[0]! * x + b[1]! * x1 + b[2]! * x2 - a[0]! * y1 - a[1]! * y2;
    x2 = x1; x1 = x; y2 = y1; y1 = y;
    out[i] = y;
  }
  return out;
}
