import type { IdleClock } from '../../src/kiosk/idle';

/** A clock the test moves by hand: `advance(ms)` runs every periodic callback that falls due. */
export function fakeClock(): IdleClock & { advance(ms: number): void } {
  let now = 0;
  const timers = new Set<{ every: number; due: number; callback: () => void }>();
  return {
    now: () => now,
    every(ms, callback) {
      const timer = { every: ms, due: now + ms, callback };
      timers.add(timer);
      return () => timers.delete(timer);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const next = [...timers].sort((a, b) => a.due - b.due)[0];
        if (!next || next.due > end) break;
        now = next.due;
        next.due += next.every;
        next.callback();
      }
      now = end;
    },
  };
}
