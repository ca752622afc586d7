/**
 * The kiosk's self-check: what the visit's state believes is on screen, held against the page
 * (kiosk/invariants). The watchdog runs it every second in service; the soak's random patient calls
 * it after every step through `window.kioskSelfCheck`, the one hook the kiosk offers its tests.
 */
import { checkInvariants, type Believed, type Broken, type Probes } from '../kiosk/invariants';
import type { Kiosk } from './kiosk';

/** Derived from the visit machine's state (app/visit-machine), like everything else the kiosk asks of a visit. */
export function believedState(kiosk: Kiosk): Believed {
  return kiosk.visit.peek().believed.peek();
}

export function selfCheck(kiosk: Kiosk, doc: Document, probes: Probes = {}): Broken[] {
  return checkInvariants(doc, believedState(kiosk), probes);
}

export interface SelfCheckHook {
  kioskSelfCheck?: (probes?: Probes) => Broken[];
  /** How many times the watchdog has had to start a fresh visit since the page loaded. */
  kioskIncidents?: () => number;
}
