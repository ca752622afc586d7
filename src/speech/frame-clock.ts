/**
 * Animation frames behind an interface, so the highlight loop runs in tests with a hand-driven clock.
 * `request` passes the frame's start time (the rAF timestamp) and `now` reads the same clock: the
 * player needs both to know how long it is until the frame it is drawing reaches the screen.
 */
export interface FrameClock {
  request(callback: (frameTime: number) => void): number;
  cancel(handle: number): void;
  /** Milliseconds on the clock the frame times use (`performance.now()`). */
  now(): number;
}

export const animationFrameClock: FrameClock = {
  request: (callback) => requestAnimationFrame(callback),
  cancel: (handle) => cancelAnimationFrame(handle),
  now: () => performance.now(),
};
