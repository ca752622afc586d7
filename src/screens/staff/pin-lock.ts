/**
 * The staff PIN's rules, with no DOM: the right PIN opens; a wrong one is refused; five wrong in a
 * row lock the pad for a minute, so a curious visitor cannot try PINs until one works. The lock
 * belongs to the kiosk, not to one opening of the pad: closing the pad or an idle reset does not
 * hand out five fresh tries.
 *
 * The lock never sees the PIN: it asks `verify` (src/config/pin-hash.ts against the config's hash),
 * which takes a moment, so `check` answers in a promise and a try made while one is being checked
 * is not counted twice.
 */
export type PinResult = 'open' | 'wrong' | 'locked';

export interface PinLockOptions {
  /** Whether an attempt is the PIN; the staff panel's compares it with `staff.pinHash`. */
  verify: (attempt: string) => Promise<boolean>;
  now: () => number;
  maxTries?: number;
  lockMs?: number;
}

export interface PinLock {
  check(attempt: string): Promise<PinResult>;
  /** Wrong tries left before the pad locks. */
  triesLeft(): number;
  /** Whole seconds until the pad unlocks; 0 when it is not locked. */
  secondsLocked(): number;
}

export const MAX_TRIES = 5;
export const LOCK_MS = 60_000;

export function createPinLock({ verify, now, maxTries = MAX_TRIES, lockMs = LOCK_MS }: PinLockOptions): PinLock {
  let failures = 0;
  let lockedUntil = 0;
  const expireLock = () => {
    if (lockedUntil !== 0 && now() >= lockedUntil) {
      lockedUntil = 0;
      failures = 0;
    }
  };
  return {
    async check(attempt) {
      expireLock();
      // While locked even the right PIN is refused: otherwise the lock would not slow anyone down.
      if (lockedUntil !== 0) return 'locked';
      const right = attempt.length > 0 && (await verify(attempt).catch(() => false));
      // A lock that started while this one was being checked wins.
      expireLock();
      if (lockedUntil !== 0) return 'locked';
      if (right) {
        failures = 0;
        return 'open';
      }
      failures++;
      if (failures >= maxTries) {
        lockedUntil = now() + lockMs;
        return 'locked';
      }
      return 'wrong';
    },
    triesLeft() {
      expireLock();
      return lockedUntil !== 0 ? 0 : maxTries - failures;
    },
    secondsLocked() {
      expireLock();
      return lockedUntil === 0 ? 0 : Math.ceil((lockedUntil - now()) / 1000);
    },
  };
}
