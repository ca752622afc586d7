// @vitest-environment node
/**
 * Trimming a recording's silence (scripts/audio/trim.ts) keeps every sound and the margins around
 * it, at any sample rate and any length: the audio build trims each recording and each eSpeak
 * rendering it aligns a recording to.
 */
import { describe, expect, it } from 'vitest';
import { LEAD_SECONDS, TAIL_SECONDS, trimSilence } from '../../scripts/audio/trim.ts';

/** Faint hiss with a tone wherever `sounds` says (seconds), at `rate`. */
function recording(rate: number, seconds: number, sounds: [number, number][]): Float32Array {
  const samples = new Float32Array(Math.round(rate * seconds));
  let seed = 7;
  for (let i = 0; i < samples.length; i++) {
    seed = (seed * 16807) % 2147483647;
    samples[i] = ((seed / 2147483647) * 2 - 1) * 0.0005;
  }
  for (const [from, to] of sounds) {
    for (let i = Math.round(from * rate); i < Math.round(to * rate); i++) samples[i]! += 0.3 * Math.sin((2 * Math.PI * 220 * i) / rate);
  }
  return samples;
}

describe('trimSilence', () => {
  // 22,050 and 11,025 Hz have no whole number of samples in 10 ms, the trimmer's frame.
  it.each([22_050, 11_025, 44_100, 48_000])('keeps the last word of a five-minute recording at %i Hz, with its margins', (rate) => {
    const first = 2;
    const lastEnd = 299.5;
    const trimmed = trimSilence(
      recording(rate, 301, [
        [first, 3],
        [298.6, lastEnd],
      ]),
      rate,
    );
    const frame = Math.ceil(rate / 100) / rate;
    expect(trimmed.cutStart).toBeGreaterThan(first - LEAD_SECONDS - frame);
    expect(trimmed.cutStart).toBeLessThanOrEqual(first - LEAD_SECONDS + frame);
    const end = trimmed.cutStart + trimmed.samples.length / rate;
    expect(end, 'where the trimmed recording ends (s)').toBeGreaterThanOrEqual(lastEnd + TAIL_SECONDS - frame);
    expect(end).toBeLessThanOrEqual(lastEnd + TAIL_SECONDS + frame);
    expect(trimmed.cutEnd).toBeCloseTo(301 - end, 6);
  });

  it('leaves a recording with no sound in it as it is', () => {
    const silent = recording(22_050, 2, []);
    expect(trimSilence(silent, 22_050)).toEqual({ samples: silent, cutStart: 0, cutEnd: 0 });
  });
});
