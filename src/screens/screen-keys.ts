/**
 * What the keypad does on each screen, beyond what it does everywhere (Up and Down move through the
 * items, Enter chooses, Help repeats the last prompt and explains the screen, the volume keys). Each
 * screen declares its own in its folder (`keys.ts`); the keypad bridge asks the one showing. Back is
 * not here: where it goes is the visit machine's (app/visit-machine.ts, the `back` rows), the same
 * for the keypad as for anything else that sends it.
 *
 * Kept apart from the screens' components so the bridge, on the first screen, does not pull in the
 * reader's code.
 */
import type { AppState, Screen } from '../app/app-state';
import type { UiKey } from '../i18n/keys';
import type { OneVoice } from '../speech/one-voice';
import { LIBRARY_KEYS } from './library/keys';
import { READER_KEYS } from './reader/keys';
import { WELCOME_KEYS } from './welcome/keys';

export interface ScreenKeys {
  /** What Help says on this screen (and what the Help dialog shows: the same words, said or read). */
  help(visit: AppState): UiKey;
  /**
   * Left and Right when no dialog is open and focus is not on a choice (a choice takes them to
   * change it): `forward` follows the reading direction. Without it they move focus like Down and Up.
   */
  step?: (visit: AppState, forward: boolean) => void;
  /**
   * Reaching or pressing Enter on one of the screen's own text items (`data-keypad-item`): true when
   * the screen spoke it itself (the reader reads a sentence in the handout's voice); otherwise the
   * item is described like any other.
   */
  readItem?: (visit: AppState, voice: OneVoice, item: HTMLElement) => boolean;
}

export const SCREEN_KEYS: Record<Screen, ScreenKeys> = {
  welcome: WELCOME_KEYS,
  library: LIBRARY_KEYS,
  reader: READER_KEYS,
};
