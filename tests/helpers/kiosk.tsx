/**
 * Builds a whole kiosk on the real content and config (through the same Vite plugin as the app), for
 * component tests. Each call gets fresh state, as each visitor does.
 */
import { fireEvent, render, waitFor } from '@testing-library/preact';
import { expect, onTestFinished } from 'vitest';
import { build, config as baseConfig, handoutLoaders, handoutSummaries, languages, stringLoaders } from 'virtual:kiosk/manifest';
import type { RuntimeConfig } from '../../src/config/schema';
import { App } from '../../src/app/app';
import { createKiosk, type Kiosk } from '../../src/app/kiosk';
import { createContentSource, type ContentSource } from '../../src/content/loader';
import { createI18n, type I18n } from '../../src/i18n/i18n';
import { realClock, type IdleClock } from '../../src/kiosk/idle';
import type { Player } from '../../src/speech/player';
import { createPrompter, type Prompter } from '../../src/speech/prompter';
import { playerWithMissingAudio } from './players';

export interface TestKiosk {
  kiosk: Kiosk;
  i18n: I18n;
  view: ReturnType<typeof render>;
}

export async function renderKiosk(
  options: { createPlayer?: () => Player; clock?: IdleClock; prompter?: Prompter; config?: RuntimeConfig; content?: ContentSource } = {},
): Promise<TestKiosk> {
  const config = options.config ?? baseConfig;
  const loadStrings = (code: string) => (stringLoaders[code] as () => Promise<Record<string, unknown>>)();
  const i18n = createI18n({
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
    content: options.content ?? createContentSource(handoutSummaries, handoutLoaders),
    // jsdom plays no media and has no speech synthesis: the real player, finding neither.
    createPlayer: options.createPlayer ?? playerWithMissingAudio,
    clock: options.clock ?? realClock,
  });
  onTestFinished(() => kiosk.dispose());
  const prompter = options.prompter ?? createPrompter({ load: () => undefined, find: () => undefined }, { playClips: async () => {}, speak: () => false, stop: () => {} }, () => 1);
  const view = render(<App kiosk={kiosk} config={config} i18n={i18n} build={build} prompter={prompter} root={document.documentElement} />);
  return { kiosk, i18n, view };
}

/**
 * Chooses a language on the welcome screen and opens a handout, through the library when the
 * config offers more than one: the way a patient gets to the reader.
 */
export async function openHandoutAs(lang = 'en', handoutId = 'nerve-ablation'): Promise<void> {
  // The screens' code and the handout are fetched on first use, which takes seconds on a busy machine.
  const loading = { timeout: 10_000 };
  fireEvent.click(document.querySelector(`[data-language="${lang}"]`)!);
  await waitFor(() => expect(document.querySelector('.library, .section-text')).not.toBeNull(), loading);
  const card = document.querySelector(`[data-handout="${handoutId}"]`);
  if (card) fireEvent.click(card);
  await waitFor(() => expect(document.querySelector('.section-text')).not.toBeNull(), loading);
}

export { baseConfig as config, languages };
