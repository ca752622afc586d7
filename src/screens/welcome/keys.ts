import type { ScreenKeys } from '../screen-keys';

/** The language picker: the keys move through the languages; Back has nowhere to go from here. */
export const WELCOME_KEYS: ScreenKeys = { help: () => 'help.welcome' };
