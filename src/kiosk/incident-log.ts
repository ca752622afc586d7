/**
 * What the kiosk had to recover from, for staff: which invariant broke, on which screen, when. Kept
 * in memory across visits (a reload clears it) and never holds anything a patient chose or read:
 * no language, handout or position, only the names of screens and dialogs.
 */
import { signal, type ReadonlySignal } from '@preact/signals';
import type { Broken } from './invariants';

export interface Incident {
  /** Wall-clock time, for staff to match with what they saw. */
  at: string;
  screen: string;
  dialogs: string[];
  broken: Broken[];
}

export interface IncidentLog {
  readonly entries: ReadonlySignal<readonly Incident[]>;
  add(incident: Incident): void;
}

export function createIncidentLog(limit = 50): IncidentLog {
  const entries = signal<readonly Incident[]>([]);
  return {
    entries,
    add(incident) {
      entries.value = [incident, ...entries.peek()].slice(0, limit);
    },
  };
}
