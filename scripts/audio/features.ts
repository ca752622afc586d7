/**
 * Speech → one feature vector every 5 ms, for aligning a recording to the eSpeak rendering of the
 * same text: MFCCs (the features aeneas and Echogarden align with), with the mean and variance of each
 * coefficient taken out per signal, so a nurse's voice, a microphone's colour and the room's level
 * weigh less than what is being said. The FFT is fft.js; the mel filters and the DCT are the textbook
 * ones (meyda computes the same features but measured 218 µs a frame here, 25 times slower).
 */
import { createRequire } from 'node:module';
import { resample } from './resample.ts';

/** Both signals are analysed at this rate: speech is below 8 kHz, and the FFT stays small. */
export const ANALYSIS_RATE = 16_000;
/** 5 ms: the alignment's finest step. */
export const HOP_SECONDS = 0.005;
const HOP = ANALYSIS_RATE * HOP_SECONDS; // 80 samples
const WINDOW = 400; // 25 ms
const FFT_SIZE = 512;
const MEL_BANDS = 26;
const CEPSTRA = 13;
/** Per frame: c0…c12. Deltas were tried and made the alignment worse (median 17 ms against 15). */
export const COEFFICIENTS = CEPSTRA;

export interface Features {
  /** `frames` × COEFFICIENTS, row-major, normalised per coefficient. */
  data: Float32Array;
  frames: number;
  /** Log energy of each frame in dB relative to the loudest 5 % of frames (0 = loud speech). */
  energyDb: Float32Array;
  /** Below this (dB, as energyDb) a frame is a pause: 40 dB under loud speech, or just above the room's noise where that is louder. */
  silenceDb: number;
  /** Above this a frame is surely speech. */
  speechDb: number;
  /** 1 where the frame is a pause (energyDb < silenceDb). */
  silent: Uint8Array;
}

/** Pause and speech levels of a clean signal; a noisy one gets levels set from its noise. */
const SILENCE_DB = -40;
const SPEECH_DB = -28;
/** A frame within this many dB of the quietest tenth of the frames (the room's noise) is a pause. */
const NOISE_MARGIN_DB = 3;

type FftLike = { createComplexArray(): number[]; realTransform(out: number[], input: ArrayLike<number>): void };
const FFT = createRequire(import.meta.url)('fft.js') as new (size: number) => FftLike;

/**
 * How fast the spectrum is changing at frame `i`: the distance between the frames either side of it,
 * c0 (loudness) left out, so a sound getting louder is not taken for another sound beginning.
 */
export function spectralChange(f: Pick<Features, 'data' | 'frames'>, i: number): number {
  if (i < 1 || i >= f.frames - 1) return 0;
  let sum = 0;
  for (let c = 1; c < COEFFICIENTS; c++) sum += (f.data[(i + 1) * COEFFICIENTS + c]! - f.data[(i - 1) * COEFFICIENTS + c]!) ** 2;
  return Math.sqrt(sum);
}

export function toAnalysisRate(samples: Float32Array, sampleRate: number): Float32Array {
  if (sampleRate === ANALYSIS_RATE) return samples;
  const int16 = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) int16[i] = Math.max(-32768, Math.min(32767, Math.round(samples[i]! * 32767)));
  const out = resample(int16, sampleRate, ANALYSIS_RATE);
  return Float32Array.from(out, (s) => s / 32767);
}

/**
 * MFCCs of two signals to be aligned, with one spectral floor for both: per mel band, the louder of
 * their noise floors relative to their own loud speech (and at least 50 dB under it). eSpeak's
 * digital silence and a room's hiss then become the same flat "pause", and a soft "f" that the
 * recording's noise covers is covered in the rendering too, so the two voices are compared on what
 * both let through. Without a floor a pause in the rendering resembles a nasal in the recording.
 */
export function mfccPair(a: Float32Array | Analysis, b: Float32Array | Analysis): [Features, Features] {
  const x = a instanceof Float32Array ? analyse(a) : a;
  const y = b instanceof Float32Array ? analyse(b) : b;
  const fx = noiseFloor(x);
  const fy = noiseFloor(y);
  const relative = fx.map((v, band) => Math.max(v / x.loudBand, (fy[band] as number) / y.loudBand));
  return [cepstra(x, relative.map((r) => r * x.loudBand)), cepstra(y, relative.map((r) => r * y.loudBand))];
}

/** A signal's spectrum frame by frame, before the floor shared with another signal is known: made once, paired with several. */
export interface Analysis {
  frames: number;
  /** frames × MEL_BANDS power. */
  mel: Float64Array;
  energyDb: Float32Array;
  /** Mean band power of the loud frames. */
  loudBand: number;
  /** The quietest tenth of the frames' energy, dB as energyDb: the room's noise where it has pauses. */
  noiseDb: number;
}

export function analyse(signal: Float32Array): Analysis {
  const frames = Math.max(1, Math.ceil(signal.length / HOP));
  const fft = new FFT(FFT_SIZE);
  const out = fft.createComplexArray();
  const frame = new Float64Array(FFT_SIZE);
  const window = Float64Array.from({ length: WINDOW }, (_, n) => 0.54 - 0.46 * Math.cos((2 * Math.PI * n) / (WINDOW - 1)));
  const bank = melBank();
  const energy = new Float32Array(frames);
  const melEnergy = new Float64Array(frames * MEL_BANDS);
  const power = new Float64Array(FFT_SIZE / 2 + 1);
  for (let f = 0; f < frames; f++) {
    // Frames are centred on f × hop, so frame f describes time f × 5 ms on both signals alike.
    const start = f * HOP - WINDOW / 2;
    let previous = start - 1 >= 0 && start - 1 < signal.length ? signal[start - 1]! : 0;
    let sum = 0;
    frame.fill(0);
    for (let n = 0; n < WINDOW; n++) {
      const i = start + n;
      const x = i >= 0 && i < signal.length ? signal[i]! : 0;
      frame[n] = (x - 0.97 * previous) * window[n]!; // pre-emphasis: consonants count as much as vowels
      previous = x;
      sum += x * x;
    }
    energy[f] = 10 * Math.log10(sum / WINDOW + 1e-10);
    fft.realTransform(out, frame);
    for (let k = 0; k <= FFT_SIZE / 2; k++) power[k] = out[2 * k]! ** 2 + out[2 * k + 1]! ** 2;
    for (let b = 0; b < MEL_BANDS; b++) {
      const { from, weights } = bank[b]!;
      let e = 0;
      for (let k = 0; k < weights.length; k++) e += weights[k]! * power[from + k]!;
      melEnergy[f * MEL_BANDS + b] = e;
    }
  }
  const sorted = Float32Array.from(energy).sort();
  const loud = sorted[Math.floor(sorted.length * 0.95)] ?? 0;
  for (let f = 0; f < frames; f++) energy[f] = energy[f]! - loud;
  let loudBand = 0;
  let loudFrames = 0;
  for (let f = 0; f < frames; f++) {
    if (energy[f]! < -6) continue;
    for (let b = 0; b < MEL_BANDS; b++) loudBand += melEnergy[f * MEL_BANDS + b]!;
    loudFrames++;
  }
  const noiseDb = (sorted[Math.floor(frames * 0.1)] ?? loud) - loud;
  return { frames, mel: melEnergy, energyDb: energy, loudBand: loudBand / Math.max(1, loudFrames * MEL_BANDS) + 1e-12, noiseDb };
}

/** Per band: 50 dB under loud speech, or the signal's own noise (its quietest tenth of frames) where louder. */
function noiseFloor({ frames, mel, loudBand }: Analysis): number[] {
  const floors: number[] = [];
  const column = new Float64Array(frames);
  for (let b = 0; b < MEL_BANDS; b++) {
    for (let f = 0; f < frames; f++) column[f] = mel[f * MEL_BANDS + b]!;
    column.sort();
    floors.push(Math.max(loudBand * 1e-5, column[Math.floor(frames * 0.1)]!));
  }
  return floors;
}

function cepstra({ frames, mel, energyDb, noiseDb }: Analysis, floor: readonly number[]): Features {
  const dct = dctTable();
  const data = new Float32Array(frames * COEFFICIENTS);
  const bands = new Float64Array(MEL_BANDS);
  for (let f = 0; f < frames; f++) {
    for (let b = 0; b < MEL_BANDS; b++) bands[b] = Math.log(mel[f * MEL_BANDS + b]! + floor[b]! + 1e-12);
    for (let c = 0; c < CEPSTRA; c++) {
      let v = 0;
      for (let b = 0; b < MEL_BANDS; b++) v += dct[c * MEL_BANDS + b]! * bands[b]!;
      data[f * COEFFICIENTS + c] = v;
    }
  }
  normalise(data, frames);
  const silenceDb = Math.max(SILENCE_DB, noiseDb + NOISE_MARGIN_DB);
  const speechDb = Math.max(SPEECH_DB, silenceDb + 6);
  const silent = Uint8Array.from(energyDb, (e) => (e < silenceDb ? 1 : 0));
  return { data, frames, energyDb, silenceDb, speechDb, silent };
}

/** Zero mean and unit variance per coefficient (cepstral mean and variance normalisation). */
function normalise(data: Float32Array, frames: number): void {
  for (let c = 0; c < COEFFICIENTS; c++) {
    let mean = 0;
    for (let f = 0; f < frames; f++) mean += data[f * COEFFICIENTS + c]!;
    mean /= frames;
    let variance = 0;
    for (let f = 0; f < frames; f++) variance += (data[f * COEFFICIENTS + c]! - mean) ** 2;
    const scale = 1 / Math.sqrt(variance / frames + 1e-9);
    for (let f = 0; f < frames; f++) data[f * COEFFICIENTS + c] = (data[f * COEFFICIENTS + c]! - mean) * scale;
  }
}

/** Average `factor` consecutive frames into one: the coarse levels of the alignment. */
export function pool(features: Pooled, factor: number): Pooled {
  if (factor === 1) return features;
  const frames = Math.ceil(features.frames / factor);
  const data = new Float32Array(frames * COEFFICIENTS);
  const silent = new Uint8Array(frames);
  for (let f = 0; f < frames; f++) {
    const from = f * factor;
    const to = Math.min(features.frames, from + factor);
    // A pooled frame is a pause when most of it is.
    let quiet = 0;
    for (let g = from; g < to; g++) quiet += features.silent[g]!;
    silent[f] = 2 * quiet > to - from ? 1 : 0;
    for (let c = 0; c < COEFFICIENTS; c++) {
      let sum = 0;
      for (let g = from; g < to; g++) sum += features.data[g * COEFFICIENTS + c]!;
      data[f * COEFFICIENTS + c] = sum / (to - from);
    }
  }
  return { data, frames, silent };
}

export type Pooled = Pick<Features, 'data' | 'frames' | 'silent'>;

/**
 * The mean distance between frames of `a` and `b` taken at random from the speaking frames given:
 * what "no match" scores, the unit the aligner's and the language check's match ratios are in. A
 * fixed sequence, so a result is reproducible.
 */
export function chanceDistance(a: Pick<Features, 'data'>, speakingA: readonly number[], b: Pick<Features, 'data'>, speakingB: readonly number[], samples: number): number {
  if (!speakingA.length || !speakingB.length) return 1;
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  let sum = 0;
  for (let s = 0; s < samples; s++) {
    const i = speakingA[Math.floor(random() * speakingA.length)]!;
    const j = speakingB[Math.floor(random() * speakingB.length)]!;
    let d = 0;
    for (let c = 0; c < COEFFICIENTS; c++) d += (a.data[i * COEFFICIENTS + c]! - b.data[j * COEFFICIENTS + c]!) ** 2;
    sum += Math.sqrt(d);
  }
  return sum / samples;
}

function melBank(): { from: number; weights: Float64Array }[] {
  const mel = (hz: number) => 2595 * Math.log10(1 + hz / 700);
  const hz = (m: number) => 700 * (10 ** (m / 2595) - 1);
  const low = mel(60);
  const high = mel(7600);
  const edges = Array.from({ length: MEL_BANDS + 2 }, (_, i) => (hz(low + ((high - low) * i) / (MEL_BANDS + 1)) * FFT_SIZE) / ANALYSIS_RATE);
  return Array.from({ length: MEL_BANDS }, (_, b) => {
    const [left, centre, right] = [edges[b]!, edges[b + 1]!, edges[b + 2]!];
    const from = Math.ceil(left);
    const to = Math.floor(right);
    const weights = new Float64Array(Math.max(0, to - from + 1));
    for (let k = from; k <= to; k++) weights[k - from] = k <= centre ? (k - left) / (centre - left) : (right - k) / (right - centre);
    return { from, weights };
  });
}

function dctTable(): Float64Array {
  const table = new Float64Array(CEPSTRA * MEL_BANDS);
  for (let c = 0; c < CEPSTRA; c++) {
    for (let b = 0; b < MEL_BANDS; b++) table[c * MEL_BANDS + b] = Math.cos((Math.PI * c * (b + 0.5)) / MEL_BANDS) * Math.sqrt(2 / MEL_BANDS);
  }
  return table;
}
