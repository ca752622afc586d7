/**
 * The same build on a patient's own phone, opened from the kiosk's "Take it home" link: a personal
 * reader, not a kiosk. main.tsx loads this module only for such a link, so none of it weighs on the
 * kiosk's first screen.
 *
 * What changes from the kiosk, and why:
 * - no lock-down (main.tsx skips it): the phone is the patient's, with its own zoom, selection, back
 *   button and links;
 * - no idle reset: nobody else will use this phone's reader, and a patient reading at home must not
 *   lose their place to a countdown meant for a waiting room;
 * - the phone's own text size (rem, not the kiosk's pixels) and dark mode (personal.css, and the
 *   dark theme when the phone asks for it);
 * - it opens at the handout, language and section the link names.
 */
import { effect } from '@preact/signals';
import type { Kiosk } from '../app/kiosk';
import { parseReaderLink } from '../app/reader-link';
import type { RuntimeConfig } from '../config/schema';
import type { I18n } from '../i18n/i18n';
import './personal.css';

export interface PersonalReaderEnv {
  kiosk: Kiosk;
  config: RuntimeConfig;
  i18n: I18n;
  root: HTMLElement;
  search: string;
  prefersDark: boolean;
}

/** Sets the page up as a personal reader and opens the linked place; resolves once it is loaded. */
export async function startPersonalReader({ kiosk, config, i18n, root, search, prefersDark }: PersonalReaderEnv): Promise<void> {
  root.dataset.mode = 'personal';
  // Held for good: the idle timer never warns and never resets.
  kiosk.idle.hold('personal reader');
  // Each visit starts in the phone's colour scheme ("Start again" included); Settings can still change it.
  effect(() => {
    const visit = kiosk.visit.value;
    if (prefersDark) visit.prefs.setTheme('dark');
  });
  const place = parseReaderLink(search, config);
  if (!place) return;
  await i18n.setLanguage(place.lang);
  await kiosk.visit.peek().openLink(place.handout, place.sectionIndex);
}
