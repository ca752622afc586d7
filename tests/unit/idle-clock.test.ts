/**
 * The idle timer runs on the monotonic clock, so the wall clock jumping (NTP correcting a kiosk that
 * drifted, a daylight-saving change) neither ends a visit early nor keeps it on screen too long.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createIdleTimer, realClock } from '../../src/kiosk/idle';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** The real clock with the page's monotonic time in the test's hands, and the wall clock faked. */
function kioskClock() {
  let monotonic = 1000;
  vi.spyOn(performance, 'now').mockImplementation(() => monotonic);
  // Only the interval and Date are faked: performance.now stays the spy above.
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
  return {
    /** Real time passing: both clocks move, and the timer's checks run. */
    pass(ms: number) {
      for (let done = 0; done < ms; done += 250) {
        monotonic += 250;
        vi.advanceTimersByTime(250);
      }
    },
    /** The wall clock jumps; no time passes. */
    jumpWallClock(ms: number) {
      vi.setSystemTime(Date.now() + ms);
    },
  };
}

describe('the idle timer on the monotonic clock', () => {
  const timeoutMs = 90_000;
  const warningMs = 30_000;

  it('does not warn or reset when the wall clock jumps forward an hour', () => {
    const clock = kioskClock();
    const onReset = vi.fn<() => void>();
    const idle = createIdleTimer({ timeoutMs, warningMs, clock: realClock, onReset });
    clock.pass(10_000);
    clock.jumpWallClock(60 * 60_000);
    clock.pass(1000);
    expect(idle.phase.value).toBe('active');
    expect(onReset).not.toHaveBeenCalled();
    idle.dispose();
  });

  it('still resets on time when the wall clock jumps back an hour', () => {
    const clock = kioskClock();
    const onReset = vi.fn<() => void>();
    const idle = createIdleTimer({ timeoutMs, warningMs, clock: realClock, onReset });
    clock.pass(10_000);
    clock.jumpWallClock(-60 * 60_000);
    clock.pass(timeoutMs - 10_000);
    expect(idle.phase.value).toBe('warning');
    clock.pass(warningMs);
    expect(onReset).toHaveBeenCalledTimes(1);
    idle.dispose();
  });
});
