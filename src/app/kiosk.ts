/**
 * The kiosk across visitors: it holds the current visit's app state and replaces it with a fresh one
 * on "Start again" or an idle reset, so no choice, position or text of one patient reaches the next.
 */
import { batch, signal, type ReadonlySignal } from '@preact/signals';
import type { RuntimeConfig } from '../config/schema';
import type { ContentSource } from '../content/loader';
import type { I18n } from '../i18n/i18n';
import type { Player } from '../speech/player';
import { createAppState, type AppState } from './app-state';

export interface KioskDeps {
  config: RuntimeConfig;
  i18n: I18n;
  content: ContentSource;
  createPlayer: () => Player;
}

export interface Kiosk {
  readonly visit: ReadonlySignal<AppState>;
  /** Counts visits; the UI is keyed by it so a new visit starts with freshly mounted components. */
  readonly visitNumber: ReadonlySignal<number>;
  resetVisit(): Promise<void>;
}

export function createKiosk(deps: KioskDeps): Kiosk {
  const startVisit = () =>
    createAppState({ config: deps.config, i18n: deps.i18n, content: deps.content, player: deps.createPlayer() });
  const visit = signal(startVisit());
  const visitNumber = signal(1);
  return {
    visit,
    visitNumber,
    async resetVisit() {
      const old = visit.value;
      old.dispose();
      old.player.dispose();
      await deps.i18n.setLanguage(deps.config.defaultLanguage);
      batch(() => {
        visit.value = startVisit();
        visitNumber.value++;
      });
    },
  };
}
