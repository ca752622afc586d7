/**
 * 22,050 Hz → 48 kHz for Opus, with a windowed-sinc polyphase filter. Zero phase: output sample n is
 * input time n × 22050/48000 exactly, so word timings measured on the engine's samples hold for the
 * resampled audio too.
 */

const TAPS_PER_SIDE = 16;

export function resample(input: Int16Array, fromRate: number, toRate: number): Int16Array {
  if (fromRate === toRate) return input.slice();
  const divisor = gcd(fromRate, toRate);
  const up = toRate / divisor; // 320 for 22050 → 48000
  const down = fromRate / divisor; // 147
  // Low-pass at the lower of the two Nyquist rates, a little inside it.
  const cutoff = Math.min(1, toRate / fromRate) * 0.95;
  const taps = 2 * TAPS_PER_SIDE;
  const table = new Float64Array(up * taps);
  for (let phase = 0; phase < up; phase++) {
    const frac = phase / up;
    let sum = 0;
    for (let k = 0; k < taps; k++) {
      const x = k - TAPS_PER_SIDE + 1 - frac; // distance from the output instant, in input samples
      const w = cutoff * sinc(cutoff * x) * kaiser(x / TAPS_PER_SIDE, 8);
      table[phase * taps + k] = w;
      sum += w;
    }
    for (let k = 0; k < taps; k++) table[phase * taps + k]! /= sum;
  }
  const length = Math.floor((input.length * up) / down);
  const output = new Int16Array(length);
  for (let n = 0; n < length; n++) {
    const position = n * down;
    const base = Math.floor(position / up);
    const phase = position - base * up;
    let acc = 0;
    const row = phase * taps;
    for (let k = 0; k < taps; k++) {
      const i = base + k - TAPS_PER_SIDE + 1;
      if (i >= 0 && i < input.length) acc += input[i]! * table[row + k]!;
    }
    output[n] = acc > 32767 ? 32767 : acc < -32768 ? -32768 : Math.round(acc);
  }
  return output;
}

function sinc(x: number): number {
  if (x === 0) return 1;
  const px = Math.PI * x;
  return Math.sin(px) / px;
}

function kaiser(x: number, beta: number): number {
  if (Math.abs(x) > 1) return 0;
  return besselI0(beta * Math.sqrt(1 - x * x)) / besselI0(beta);
}

function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 30; k++) {
    term *= (x / (2 * k)) ** 2;
    sum += term;
  }
  return sum;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
