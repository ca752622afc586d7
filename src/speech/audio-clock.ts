/**
 * Where the audio is now, from the media element's clock with its jitter taken out.
 *
 * Chromium's `currentTime` is an estimate that wobbles around the sound actually playing: at 1x it
 * holds still for a frame now and then and catches up on the next; at 2x and other speeds the
 * time-stretcher moves it in steps, so a single reading is off by ±5–10 ms of wall time (measured by
 * the benchmark against a fit of hundreds of readings). The device plays at a steady rate, so the
 * sound's position is a straight line in wall time with slope `rate`; each reading gives that line's
 * offset, and the median of the last few offsets is the line, where one odd reading cannot move it.
 * A reading far off the line is a real jump (a seek, a stall to buffer, a rate change the player did
 * not report): the history is dropped and the new reading taken as it is.
 *
 * Right after a start the readings are no guide (start-delay.ts): they hold the start position, then
 * run ahead of the sound. So for the device's start delay after `start`, and a little beyond while the
 * readings settle, the clock is the line the delay predicts, or the reading where that is earlier (a
 * start slower than usual). Before the sound is heard that line is before the start position, which
 * tells the player to show nothing new yet. Once the readings have settled, the line they give says
 * when the sound really left the start, and that delay is learned for the next start.
 *
 * Without a `start` (and after a stall), readings that repeat the first one say nothing about the
 * line and are used as they are.
 */
import { createStartDelays, type StartDelays } from './start-delay';

export interface AudioClock {
  /** The element was asked to play from `position` (s) at `now` (ms), at `rate`. */
  start(position: number, now: number, rate: number): void;
  /**
   * The audio position (s) at `now` (ms), given a reading of the element's clock taken at `now`. Just
   * after a start it may be before the start position: the sound is not heard yet.
   */
  read(position: number, now: number, rate: number): number;
  /** Forgets the line: after a start, a seek or a pause, the old offsets no longer apply. */
  reset(): void;
}

/** About 130 ms of frames at 60 Hz: long enough to outvote a stuck or stepped reading, short enough to follow drift. */
const WINDOW = 8;
/** Seconds of audio off the line that can only be a jump, never jitter (jitter is under 0.03 s even at 2x). */
const JUMP_S = 0.12;
/** How long past the start delay the readings may still run ahead of the sound: 35 ms at most, measured. */
const SETTLE_MS = 60;

export function createAudioClock(delays: StartDelays = createStartDelays()): AudioClock {
  // A ring of offsets (audio seconds at wall time 0) and a scratch copy for the median: nothing is
  // allocated per frame.
  const offsets = new Float64Array(WINDOW);
  const scratch = new Float64Array(WINDOW);
  let count = 0;
  let next = 0;
  let lastRate = Number.NaN;
  let firstReading: number | null = null;
  let moving = false;
  // The start being followed: where from, when play was asked for, and the delay expected then.
  let starting = false;
  let learning = false;
  let startPosition = 0;
  let startedAt = 0;
  let startDelay = 0;

  const clear = () => {
    count = 0;
    next = 0;
    firstReading = null;
    moving = false;
    starting = false;
    learning = false;
  };

  const push = (offset: number) => {
    offsets[next] = offset;
    next = (next + 1) % WINDOW;
    if (count < WINDOW) count++;
  };

  const median = () => {
    // An insertion sort of at most eight numbers: no view or array made on every frame.
    for (let i = 0; i < count; i++) {
      const value = offsets[i] as number;
      let j = i;
      for (; j > 0 && (scratch[j - 1] as number) > value; j--) scratch[j] = scratch[j - 1] as number;
      scratch[j] = value;
    }
    const mid = count >> 1;
    return count % 2 ? (scratch[mid] as number) : ((scratch[mid - 1] as number) + (scratch[mid] as number)) / 2;
  };

  return {
    start(position, now, rate) {
      clear();
      lastRate = rate;
      starting = true;
      learning = true;
      startPosition = position;
      startedAt = now;
      startDelay = delays.at(rate);
    },
    read(position, now, rate) {
      if (rate !== lastRate) {
        clear();
        lastRate = rate;
      }
      if (starting) {
        const expected = startPosition + ((now - startedAt - startDelay) / 1000) * rate;
        if (now < startedAt + startDelay + SETTLE_MS) return Math.min(expected, position);
        // Settled: from here the readings draw the line, the early ones left out.
        starting = false;
        firstReading = startPosition;
      }
      if (!moving) {
        if (firstReading === null) firstReading = position;
        if (position === firstReading) return position;
        moving = true;
      }
      const offset = position - (now / 1000) * rate;
      if (count > 0 && Math.abs(offset - median()) > JUMP_S) {
        count = 0;
        next = 0;
        // A line after a jump says nothing about when the start was heard.
        learning = false;
      }
      push(offset);
      const line = median();
      if (learning && count === WINDOW) {
        learning = false;
        // When the line passed the start position, measured from the moment play was asked for.
        delays.learn(rate, ((startPosition - line) / rate) * 1000 - startedAt);
      }
      return line + (now / 1000) * rate;
    },
    reset: clear,
  };
}
