/**
 * Builds a whole kiosk on the content of the test's project (through the same Vite plugin as the app),
 * for component tests: the `ui` project's fixture library (tests/fixtures/ui-content), or the real
 * content for the `unit` tests that need it. Each call gets fresh state, as each visitor does.
 *
 * Every UI string is its key, as with i18next's `cimode`: tests find a control by its key
 * (`{ name: 'reader.next' }`), its role or its data attributes, never by its English wording, so
 * editing an English string breaks no test. Unlike cimode, a string's values follow its key
 * (`shown('idle.body', { count: 30 })`), so tests still see the numbers. The real translation still
 * runs behind each key, strict, so a string missing from a language still fails.
 */
import { fireEvent, render, waitFor } from '@testing-library/preact';
import { computed } from '@preact/signals';
import { expect, onTestFinished } from 'vitest';
import { build, config as baseConfig, handoutLoaders, handoutSummaries, languages, stringLoaders } from 'virtual:kiosk/manifest';
import type { RuntimeConfig } from '../../src/config/schema';
import { App } from '../../src/app/app';
import { createKiosk, type Kiosk } from '../../src/app/kiosk';
import { createContentSource, type ContentSource } from '../../src/content/loader';
import { createI18n, type I18n } from '../../src/i18n/i18n';
import { realClock, type IdleClock } from '../../src/kiosk/idle';
import type { Translate } from '../../src/i18n/keys';
import type { Player } from '../../src/speech/player';
import { createPrompter, type Prompter } from '../../src/speech/prompter';
import { playerWithMissingAudio } from './players';

export interface TestKiosk {
  kiosk: Kiosk;
  i18n: I18n;
  view: ReturnType<typeof render>;
}

/** What the kiosk shows for a UI string under `keysOnly`: its key, then its values if it has any. */
export const shown = (key: string, values?: Record<string, string | number>): string => (values ? `${key} ${JSON.stringify(values)}` : key);

/** The kiosk's i18n with every string shown as its key (as i18next's `cimode`), translated all the same. */
export function keysOnly(i18n: I18n): I18n {
  const asKeys =
    (translate: Translate): Translate =>
    (key, values) => {
      translate(key, values);
      return shown(key, values);
    };
  return { ...i18n, t: computed(() => asKeys(i18n.t.value)), fixedT: (code) => asKeys(i18n.fixedT(code)) };
}

export async function renderKiosk(
  options: { createPlayer?: () => Player; clock?: IdleClock; prompter?: Prompter; config?: RuntimeConfig; content?: ContentSource } = {},
): Promise<TestKiosk> {
  const config = options.config ?? baseConfig;
  const loadStrings = (code: string) => (stringLoaders[code] as () => Promise<Record<string, unknown>>)();
  const i18n = keysOnly(
    createI18n({
      languages,
      defaultLanguage: config.defaultLanguage,
      defaultStrings: await loadStrings(config.defaultLanguage),
      loadStrings,
      document,
      strict: true,
    }),
  );
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
export async function openHandoutAs(lang = 'en', handoutId = baseConfig.handouts[0]!): Promise<void> {
  // The screens' code and the handout are fetched on first use, which takes seconds on a busy machine.
  const loading = { timeout: 10_000 };
  fireEvent.click(document.querySelector(`[data-language="${lang}"]`)!);
  await waitFor(() => expect(document.querySelector('.library, .section-text')).not.toBeNull(), loading);
  const card = document.querySelector(`[data-handout="${handoutId}"]`);
  if (card) fireEvent.click(card);
  await waitFor(() => expect(document.querySelector('.section-text')).not.toBeNull(), loading);
}

/** Where the reader is, from its progress strip: section `current` (from 1) of `total`. */
export function readerPosition(): { current: number; total: number } {
  const steps = [...document.querySelectorAll('.reader__progress li')];
  return { current: steps.findIndex((li) => li.classList.contains('current')) + 1, total: steps.length };
}

/** Waits until the reader shows section `current` (from 1). */
export async function untilSection(current: number): Promise<void> {
  await waitFor(() => expect(readerPosition().current).toBe(current), { timeout: 10_000 });
}

/** The welcome screen's button for a language, once it is on screen. */
export function languageButton(code: string): Promise<HTMLElement> {
  return waitFor(() => {
    const button = document.querySelector<HTMLElement>(`[data-language="${code}"]`);
    expect(button).not.toBeNull();
    return button!;
  });
}

export { baseConfig as config, languages };
