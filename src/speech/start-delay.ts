/**
 * How long this device takes, at each speed, from asking a media element to play until the sound is
 * heard at the position it was asked to play from.
 *
 * Chromium's media pipeline needs 70–120 ms on the reference machine (about 110 ms at 0.75x, 75–85 ms
 * at 1x, 85–95 ms at 1.25x–2x: it varies with the time-stretcher's buffering), and through that time
 * `currentTime` is no guide: it holds the start position, then jumps some 20 ms of audio ahead of the
 * sound and holds there until the sound catches up. A highlight that followed it lit the first word
 * after Play 70–120 ms before the word was heard. The delay is a property of the device and its audio
 * output, so it is learned on the device, per speed, from the media clock once it has settled (see
 * audio-clock.ts), and kept for as long as the kiosk runs, across visits.
 */
export interface StartDelays {
  /** The expected ms from `play()` until the sound leaves its start position, at `rate`. */
  at(rate: number): number;
  /** Notes a delay measured at `rate`. */
  learn(rate: number, ms: number): void;
}

/**
 * Before the device has played at a speed: the delays of the reference machine (Chromium 156), as
 * [speed, ms]. 1x is the prior measured from `play()`; the other speeds are 1x plus the difference
 * measured there over eleven starts at each (medians: +30 ms at 0.75x, +15 at 1.25x, +14 at 1.5x,
 * +10 at 2x). The time-stretcher that keeps the pitch at other speeds buffers audio of its own, most of
 * all when slowing down, so a delay learned at one speed is off at another by about that difference.
 */
export const REFERENCE_START_DELAYS: readonly (readonly [number, number])[] = [
  [0.75, 110],
  [1, 80],
  [1.25, 95],
  [1.5, 94],
  [2, 90],
];
/** A measured delay outside this is not a start but a stall, a seek or a hidden tab: not learned. */
const PLAUSIBLE_MS = 1000;
/** The last few delays at each speed: their median is the estimate, so one odd start cannot move it. */
const KEEP = 5;

/** Speeds are learned in steps of 0.05x: the speed control moves in larger steps than that. */
const keyOf = (rate: number) => Math.round(rate * 20) / 20;

/** The reference delay at `rate`, in a straight line between the speeds measured, flat beyond them. */
function referenceAt(reference: readonly (readonly [number, number])[], rate: number): number {
  const [first] = reference;
  if (!first) throw new Error('start delays: the reference table is empty');
  if (rate <= first[0]) return first[1];
  for (let i = 1; i < reference.length; i++) {
    const [lowRate, lowMs] = reference[i - 1] as readonly [number, number];
    const [highRate, highMs] = reference[i] as readonly [number, number];
    if (rate <= highRate) return lowMs + ((rate - lowRate) / (highRate - lowRate)) * (highMs - lowMs);
  }
  return (reference[reference.length - 1] as readonly [number, number])[1];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function createStartDelays(reference: readonly (readonly [number, number])[] = REFERENCE_START_DELAYS): StartDelays {
  const learned = new Map<number, number[]>();
  return {
    at(rate) {
      const key = keyOf(rate);
      let nearestKey = Number.NaN;
      let nearest: number[] | undefined;
      let distance = Number.POSITIVE_INFINITY;
      for (const [other, delays] of learned) {
        const gap = Math.abs(other - key);
        if (gap < distance) {
          distance = gap;
          nearest = delays;
          nearestKey = other;
        }
      }
      if (!nearest) return referenceAt(reference, key);
      // A speed not yet played borrows the nearest one played, which carries this device's own delay,
      // moved by the difference the reference machine showed between the two speeds' time-stretching.
      return Math.max(0, median(nearest) + referenceAt(reference, key) - referenceAt(reference, nearestKey));
    },
    learn(rate, ms) {
      if (!Number.isFinite(ms) || ms < 0 || ms > PLAUSIBLE_MS) return;
      const key = keyOf(rate);
      const delays = learned.get(key) ?? [];
      delays.push(ms);
      if (delays.length > KEEP) delays.shift();
      learned.set(key, delays);
    },
  };
}
