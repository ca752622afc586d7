/**
 * The kiosk across visitors: it holds the current visit's app state and replaces it with a fresh one
 * on "Start again" or an idle reset, so no choice, position or text of one patient reaches the next.
 */
import { batch, effect, signal, type ReadonlySignal } from '@preact/signals';
import type { RuntimeConfig } from '../config/schema';
import type { ContentSource } from '../content/loader';
import type { I18n } from '../i18n/i18n';
import { createIdleTimer, type IdleClock, type IdleTimer } from '../kiosk/idle';
import { createIncidentLog, type IncidentLog } from '../kiosk/incident-log';
import type { KeypadAction } from '../kiosk/keypad';
import type { Player } from '../speech/player';
import { createAppState, type AppState } from './app-state';

export interface KioskDeps {
  config: RuntimeConfig;
  i18n: I18n;
  content: ContentSource;
  createPlayer: () => Player;
  clock: IdleClock;
}

/** Keypad actions from the window's key listener to whichever screen is showing. */
export interface KeypadHub {
  /** Whether this visit has used the keypad yet (the first press speaks how to use it). */
  readonly used: ReadonlySignal<boolean>;
  markUsed(): void;
  /** `code` is the key's `KeyboardEvent.code`: whether it was the keypad's own key matters (kiosk/speech-trigger). */
  dispatch(action: KeypadAction, code: string): void;
  subscribe(listener: (action: KeypadAction, code: string) => void): () => void;
}

export interface Kiosk {
  readonly keypad: KeypadHub;
  /** The kiosk's clock, for anything on screen that runs on time (the welcome greeting). */
  readonly clock: IdleClock;
  readonly visit: ReadonlySignal<AppState>;
  /** Counts visits; the UI is keyed by it so a new visit starts with freshly mounted components. */
  readonly visitNumber: ReadonlySignal<number>;
  readonly idle: IdleTimer;
  /** What the kiosk's self-check had to recover from, for the staff panel. */
  readonly incidents: IncidentLog;
  resetVisit(): Promise<void>;
  dispose(): void;
}

export function createKiosk(deps: KioskDeps): Kiosk {
  // Declared before the first visit, which reads its phase; it resets whichever visit is current.
  const idle: IdleTimer = createIdleTimer({
    timeoutMs: deps.config.idle.timeoutSeconds * 1000,
    warningMs: deps.config.idle.warningSeconds * 1000,
    clock: deps.clock,
    onReset: () => void resetVisit(),
  });
  const startVisit = () => createAppState({ config: deps.config, i18n: deps.i18n, content: deps.content, player: deps.createPlayer(), idle: idle.phase });
  const visit = signal(startVisit());
  const visitNumber = signal(1);
  const keypadUsed = signal(false);
  const keypadListeners = new Set<(action: KeypadAction, code: string) => void>();
  const keypad: KeypadHub = {
    used: keypadUsed,
    markUsed() {
      keypadUsed.value = true;
    },
    dispatch(action, code) {
      for (const listener of keypadListeners) listener(action, code);
    },
    subscribe(listener) {
      keypadListeners.add(listener);
      return () => keypadListeners.delete(listener);
    },
  };

  /**
   * A new visit starts at once, whatever else is pending: the next patient must never find the
   * last one's handout because a language change was still settling.
   */
  const resetVisit = (): Promise<void> => {
    const old = visit.peek();
    // The next patient's visit first: whatever goes wrong in letting go of the old one (it is
    // reported), the kiosk must not stay in a finished visit.
    batch(() => {
      visit.value = startVisit();
      visitNumber.value++;
      keypadUsed.value = false;
    });
    for (const close of [() => old.dispose(), () => old.player.dispose()]) {
      try {
        close();
      } catch (error) {
        console.error('The finished visit did not close cleanly', error);
      }
    }
    // The default language's strings are bundled, so this settles in the same task.
    return deps.i18n.setLanguage(deps.config.defaultLanguage);
  };

  // Speech that is playing is not inactivity: a patient listening with their hands in their lap
  // must not be asked whether they are still there.
  const stopHolding = effect(() => {
    if (visit.value.speaking.value) idle.hold('speech');
    else idle.release('speech');
  });

  return {
    keypad,
    clock: deps.clock,
    visit,
    visitNumber,
    idle,
    incidents: createIncidentLog(),
    resetVisit,
    dispose() {
      stopHolding();
      idle.dispose();
      visit.peek().dispose();
      visit.peek().player.dispose();
    },
  };
}
