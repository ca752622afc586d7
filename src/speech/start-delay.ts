/**
 * How long this device takes, at each speed, from asking a media element to play until the sound is
 * heard at the position it was asked to play from.
 *
 * Chromium's media pipeline needs 70–115 ms on the reference machine (about 105 ms at 0.75x, 75–85 ms
 * at 1x, 80–95 ms at 1.25x–2x: it varies with the time-stretcher's buffering), and through that time
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

/** Before the device's first play, the pipeline's delay on the reference machine at 1x. */
export const PRIOR_START_DELAY_MS = 80;
/** A measured delay outside this is not a start but a stall, a seek or a hidden tab: not learned. */
const PLAUSIBLE_MS = 1000;
/** The last few delays at each speed: their median is the estimate, so one odd start cannot move it. */
const KEEP = 5;

/** Speeds are learned in steps of 0.05x: the speed control moves in larger steps than that. */
const keyOf = (rate: number) => Math.round(rate * 20) / 20;

export function createStartDelays(prior = PRIOR_START_DELAY_MS): StartDelays {
  const learned = new Map<number, number[]>();
  return {
    at(rate) {
      // A speed not yet played borrows the nearest one played: nearer the truth than the prior.
      const key = keyOf(rate);
      let nearest: number[] | undefined;
      let distance = Number.POSITIVE_INFINITY;
      for (const [other, delays] of learned) {
        const gap = Math.abs(other - key);
        if (gap < distance) {
          distance = gap;
          nearest = delays;
        }
      }
      if (!nearest) return prior;
      const sorted = [...nearest].sort((a, b) => a - b);
      const mid = sorted.length >> 1;
      return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
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
