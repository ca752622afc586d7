/**
 * The last resort: the kiosk checks itself every second, and when the same invariant stays broken
 * over `confirmations` checks in a row (not a screen caught half-drawn; longer for those with their
 * own patience, such as a screen still loading), it hands the breakage on,
 * for the staff log and a clean welcome screen. Time comes from the injected clock, so tests move it.
 */
import type { IdleClock } from './idle';
import { PATIENCE, type Broken, type InvariantId } from './invariants';

export interface WatchdogOptions {
  clock: IdleClock;
  check: () => Broken[];
  onBroken: (broken: Broken[]) => void;
  everyMs?: number;
  confirmations?: number;
}

export function createWatchdog({ clock, check, onBroken, everyMs = 1000, confirmations = 3 }: WatchdogOptions): () => void {
  let streaks = new Map<string, number>();
  return clock.every(everyMs, () => {
    let broken: Broken[];
    try {
      broken = check();
    } catch (error) {
      console.warn('The kiosk could not check itself', error);
      return;
    }
    const next = new Map<string, number>();
    for (const { invariant } of broken) next.set(invariant, (streaks.get(invariant) ?? 0) + 1);
    streaks = next;
    const needed = (invariant: InvariantId) => Math.max(confirmations, Math.ceil(((PATIENCE[invariant] ?? 0) * 1000) / everyMs));
    const confirmed = broken.filter(({ invariant }) => (streaks.get(invariant) ?? 0) >= needed(invariant));
    if (!confirmed.length) return;
    streaks = new Map();
    onBroken(confirmed);
  });
}
