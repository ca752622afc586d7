/**
 * Cuts the silence a recording starts and ends with (the click of the record button, the reader's
 * breath before starting, the room after the last word), keeping a short margin so that no soft
 * first consonant or fading last syllable is lost. A patient who presses Play hears the first word
 * at once, as with the synthesized sections.
 */

export interface Trimmed {
  samples: Float32Array;
  /** Seconds cut from the start. */
  cutStart: number;
  cutEnd: number;
}

/** Kept before the first sound and after the last. */
export const LEAD_SECONDS = 0.15;
export const TAIL_SECONDS = 0.25;
/** Sound starts where 10 ms frames come within this many dB of the loud parts of the recording (a soft first consonant may be
 * quieter, and is kept by the lead-in margin)… */
const ONSET_DB = -25;
/** …and this many dB above the quietest tenth of the recording (its room noise)… */
const FLOOR_MARGIN_DB = 10;
/** …for at least this long (a tap or a click is shorter). */
const MIN_SOUND_SECONDS = 0.04;

export function trimSilence(samples: Float32Array, sampleRate: number): Trimmed {
  const hop = Math.max(1, Math.round(sampleRate * 0.01));
  const frames = Math.floor(samples.length / hop);
  if (frames < 3) return { samples, cutStart: 0, cutEnd: 0 };
  const db = new Float32Array(frames);
  for (let f = 0; f < frames; f++) {
    let sum = 0;
    for (let i = f * hop; i < (f + 1) * hop; i++) sum += samples[i]! * samples[i]!;
    db[f] = 10 * Math.log10(sum / hop + 1e-12);
  }
  const sorted = Float32Array.from(db).sort();
  const loud = sorted[Math.floor(frames * 0.95)]!;
  // Room noise (a fan, a hum) can be louder than loud − 35 dB: sound must also stand above it.
  const floor = sorted[Math.floor(frames * 0.1)]!;
  const threshold = Math.max(loud + ONSET_DB, floor + FLOOR_MARGIN_DB);
  const run = Math.max(1, Math.round((MIN_SOUND_SECONDS * sampleRate) / hop));
  const isSound = (f: number) => {
    for (let k = 0; k < run; k++) if (!(db[f + k]! > threshold)) return false;
    return true;
  };
  let first = 0;
  while (first <= frames - run && !isSound(first)) first++;
  // No sound anywhere: left whole, as there is nothing to trim towards.
  if (first > frames - run) return { samples, cutStart: 0, cutEnd: 0 };
  let last = frames - run;
  while (last > first && !isSound(last)) last--;
  last += run;
  // Frames are counted in samples, not in 10 ms: at 22,050 Hz a frame is 221 samples (10.02 ms), and
  // reading frames as 10 ms put the end of a five-minute recording 0.7 s early, cutting off its last words.
  const from = Math.max(0, first * hop - Math.round(LEAD_SECONDS * sampleRate));
  const to = Math.min(samples.length, last * hop + Math.round(TAIL_SECONDS * sampleRate));
  if (to <= from) return { samples, cutStart: 0, cutEnd: 0 };
  return { samples: samples.slice(from, to), cutStart: from / sampleRate, cutEnd: (samples.length - to) / sampleRate };
}
