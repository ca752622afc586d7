/**
 * Which key presses start touch-to-hear. A sighted patient who leans a bag on a keyboard, or a child
 * who presses Escape, must not find that the touch screen has quietly stopped choosing things; a
 * patient who reaches for the kiosk's own keypad, or asks for help, is asking for speech.
 *
 * - The keypad's own keys start it: F13–F24 (what kiosk keypads send) and the keys a clinic mapped
 *   in `keypad` in kiosk.config.json (it said those are its keypad).
 * - Help starts it from any key (F1, Help): asking for help out loud is a deliberate request for
 *   speech, as the Help key is on EZ Access kiosks.
 * - Ordinary keyboard keys (arrows, Enter, Escape, Backspace, +/−) never change what a touch does.
 *   They still work and still speak what they reach: sound is not a hidden change of mode.
 *
 * Whatever starts it, the screen says it is on and offers one touch to turn it off
 * (screens/touch-mode), as 14 CFR 382.57(c)(3)(iii) asks of any toggle: discernible visually.
 */
import type { KeypadAction, KeypadMap } from './keypad';

const KEYPAD_HARDWARE_CODE = /^F(1[3-9]|2[0-4])$/;

export interface SpeechTrigger {
  startsTouchToHear(action: KeypadAction, code: string): boolean;
}

/** `configured` is the `keypad` part of the config as the clinic wrote it (not the defaults). */
export function createSpeechTrigger(configured: Partial<KeypadMap> = {}): SpeechTrigger {
  const clinicKeys = new Set(Object.values(configured).flat());
  return {
    startsTouchToHear(action, code) {
      return action === 'help' || KEYPAD_HARDWARE_CODE.test(code) || clinicKeys.has(code);
    },
  };
}
