/**
 * The idle timer: after `timeoutMs` with no touch or key, and nothing holding it awake (speech that
 * is playing counts as activity), it warns; `warningMs` later it resets. Time comes from an
 * injected clock, so tests run it with fake timers and the kiosk with the real one.
 */
import { batch, signal, type ReadonlySignal } from '@preact/signals';

export type IdlePhase = 'active' | 'warning';

export interface IdleClock {
  now(): number;
  every(ms: number, callback: () => void): () => void;
}

/**
 * Time since the page loaded, from the monotonic clock: a wall-clock jump (NTP correcting a drifting
 * kiosk, a daylight-saving change on a badly set machine) must not end a patient's visit early or
 * keep the last patient's handout on screen for an hour.
 */
export const realClock: IdleClock = {
  now: () => performance.now(),
  every(ms, callback) {
    const handle = setInterval(callback, ms);
    return () => clearInterval(handle);
  },
};

export interface IdleTimer {
  readonly phase: ReadonlySignal<IdlePhase>;
  /** Whole seconds left before the reset, while warning. */
  readonly secondsLeft: ReadonlySignal<number>;
  /** How long the warning lasts. */
  readonly warningMs: number;
  /** A touch, a key, a button: the countdown starts again (and a warning is dismissed). */
  activity(): void;
  /** Something that must keep the kiosk awake (speech playing); held until released. */
  hold(reason: string): void;
  release(reason: string): void;
  dispose(): void;
}

export interface IdleOptions {
  timeoutMs: number;
  warningMs: number;
  clock: IdleClock;
  onReset: () => void;
}

export function createIdleTimer({ timeoutMs, warningMs, clock, onReset }: IdleOptions): IdleTimer {
  const phase = signal<IdlePhase>('active');
  const secondsLeft = signal(Math.ceil(warningMs / 1000));
  const holds = new Set<string>();
  let lastActivity = clock.now();

  const check = () => {
    if (holds.size > 0) {
      lastActivity = clock.now();
      return;
    }
    const quiet = clock.now() - lastActivity;
    if (quiet >= timeoutMs + warningMs) {
      lastActivity = clock.now();
      batch(() => {
        phase.value = 'active';
        secondsLeft.value = Math.ceil(warningMs / 1000);
      });
      onReset();
    } else if (quiet >= timeoutMs) {
      batch(() => {
        phase.value = 'warning';
        secondsLeft.value = Math.ceil((timeoutMs + warningMs - quiet) / 1000);
      });
    }
  };
  const stop = clock.every(250, check);

  const activity = () => {
    lastActivity = clock.now();
    if (phase.peek() !== 'active') {
      batch(() => {
        phase.value = 'active';
        secondsLeft.value = Math.ceil(warningMs / 1000);
      });
    }
  };

  return {
    phase,
    secondsLeft,
    warningMs,
    activity,
    hold(reason) {
      holds.add(reason);
      activity();
    },
    release(reason) {
      if (holds.delete(reason)) lastActivity = clock.now();
    },
    dispose: stop,
  };
}
