/**
 * Builds a whole kiosk on the real content and config (through the same Vite plugin as the app), for
 * component tests. Each call gets fresh state, as each visitor does.
 */
import { render } from '@testing-library/preact';
import { onTestFinished } from 'vitest';
import { build, config, handoutLoaders, handoutSummaries, languages, stringLoaders } from 'virtual:kiosk/manifest';
import { App } from '../../src/app/app';
import { createKiosk, type Kiosk } from '../../src/app/kiosk';
import { createContentSource } from '../../src/content/loader';
import { createI18n, type I18n } from '../../src/i18n/i18n';
import { realClock, type IdleClock } from '../../src/kiosk/idle';
import type { Player } from '../../src/speech/player';
import { createKioskPlayer } from '../../src/speech/create-player';
import { createPrompter, type Prompter } from '../../src/speech/prompter';

export interface TestKiosk {
  kiosk: Kiosk;
  i18n: I18n;
  view: ReturnType<typeof render>;
}

export async function renderKiosk(options: { createPlayer?: () => Player; clock?: IdleClock; prompter?: Prompter } = {}): Promise<TestKiosk> {
  const loadStrings = (code: string) => (stringLoaders[code] as () => Promise<Record<string, unknown>>)();
  const i18n = await createI18n({
    languages,
    defaultLanguage: config.defaultLanguage,
    defaultStrings: await loadStrings(config.defaultLanguage),
    loadStrings,
    document,
    strict: true,
  });
  const kiosk = createKiosk({
    config,
    i18n,
    content: createContentSource(handoutSummaries, handoutLoaders),
    // jsdom has no speech synthesis and no media playback: the real player, reporting no voice.
    createPlayer: options.createPlayer ?? (() => createKioskPlayer(config.audio)),
    clock: options.clock ?? realClock,
  });
  onTestFinished(() => kiosk.dispose());
  const prompter = options.prompter ?? createPrompter({ find: () => undefined }, { playClips: async () => {}, speak: () => false, stop: () => {} }, () => 1);
  const view = render(<App kiosk={kiosk} config={config} i18n={i18n} build={build} prompter={prompter} root={document.documentElement} />);
  return { kiosk, i18n, view };
}

export { config, languages };
