import { FEW_HANDOUTS } from '../../content/library-index';
import type { ScreenKeys } from '../screen-keys';

/**
 * The handout cards: the keys move through them; Back returns to the languages. A library too large
 * to show at once is browsed by topic and by first letters, which its help explains.
 */
export const LIBRARY_KEYS: ScreenKeys = {
  help: (visit) => (visit.library.peek().length > FEW_HANDOUTS ? 'help.libraryBrowse' : 'help.library'),
};
