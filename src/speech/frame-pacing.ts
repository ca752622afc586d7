/**
 * How long the screen shows each frame, measured from the frames themselves: 16.7 ms on a 60 Hz
 * panel, 8.3 ms at 120 Hz, 33 ms on a kiosk computer that can only keep up with every other frame.
 * The highlight needs it to aim at the moment a frame reaches the glass, and a constant would be
 * right on one screen only.
 *
 * A running average of the gaps between frame times. A gap far longer than the estimate (a frame the
 * browser skipped, a tab that was hidden) moves it only a little, so one stall does not throw the
 * highlight off; a screen that really is slower pulls it over a handful of frames.
 */
export interface FramePacer {
  /** Notes a frame's start time (ms) and returns the frame interval estimate in ms. */
  frame(frameTime: number): number;
  /** Forgets the last frame: after a pause, the next gap says nothing about the screen. */
  reset(): void;
}

const SIXTY_HERTZ_MS = 1000 / 60;

export function createFramePacer(initialMs = SIXTY_HERTZ_MS): FramePacer {
  let interval = initialMs;
  let last: number | null = null;
  return {
    frame(frameTime) {
      if (last !== null && frameTime > last) {
        const gap = Math.min(Math.max(frameTime - last, interval * 0.5), interval * 1.5);
        interval += (gap - interval) * 0.2;
      }
      last = frameTime;
      return interval;
    },
    reset() {
      last = null;
    },
  };
}
