/** Animation frames behind an interface, so the highlight loop runs in tests with a hand-driven clock. */
export interface FrameClock {
  request(callback: () => void): number;
  cancel(handle: number): void;
}

export const animationFrameClock: FrameClock = {
  request: (callback) => requestAnimationFrame(callback),
  cancel: (handle) => cancelAnimationFrame(handle),
};
