/**
 * The keypad path, modelled on EZ Access: a few physical keys that reach everything. This module only
 * maps keys to actions (by `event.code`, which does not change with the keyboard layout); what each
 * action does on each screen is decided in app/keypad-bridge.
 */
export const KEYPAD_ACTIONS = ['up', 'down', 'left', 'right', 'enter', 'back', 'help', 'volumeUp', 'volumeDown'] as const;
export type KeypadAction = (typeof KEYPAD_ACTIONS)[number];
export type KeypadMap = Record<KeypadAction, string[]>;

/** Arrow keys, Enter, Escape/Backspace and F1 on a keyboard; F13–F24 as kiosk keypads send them. */
export const DEFAULT_KEYPAD: KeypadMap = {
  up: ['ArrowUp', 'F13'],
  down: ['ArrowDown', 'F14'],
  left: ['ArrowLeft', 'F15'],
  right: ['ArrowRight', 'F16'],
  enter: ['Enter', 'NumpadEnter', 'F17'],
  back: ['Escape', 'Backspace', 'BrowserBack', 'F18'],
  help: ['F1', 'Help', 'F19'],
  volumeUp: ['AudioVolumeUp', 'F20', 'NumpadAdd'],
  volumeDown: ['AudioVolumeDown', 'F21', 'NumpadSubtract'],
};

export function keypadActionFor(event: Pick<KeyboardEvent, 'code' | 'altKey' | 'ctrlKey' | 'metaKey'>, map: KeypadMap = DEFAULT_KEYPAD): KeypadAction | null {
  if (event.altKey || event.ctrlKey || event.metaKey) return null;
  for (const action of KEYPAD_ACTIONS) {
    if (map[action].includes(event.code)) return action;
  }
  return null;
}
