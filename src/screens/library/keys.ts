import type { ScreenKeys } from '../screen-keys';

/** The handout cards: the keys move through them; Back returns to the languages. */
export const LIBRARY_KEYS: ScreenKeys = { help: 'help.library' };
