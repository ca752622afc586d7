/**
 * Puts the kiosk together from the build's manifest: strings, the visit, the prompter and the app.
 * Used by main.tsx in the browser and by prerender.tsx at build time, so the welcome screen drawn
 * into index.html is the one the browser's first render finds (Preact hydrates it as it is).
 */
import { build, config as buildConfig, handoutLoaders, handoutSummaries, languages as buildLanguages, promptLoaders, stringLoaders } from 'virtual:kiosk/manifest';
import { createContentSource } from '../content/loader';
import { createI18n } from '../i18n/i18n';
import { realClock } from '../kiosk/idle';
import type { SiteSettings } from '../kiosk/site-settings';
import type { RuntimeConfig } from '../config/schema';
import { createKioskPlayer } from '../speech/create-player';
import { createPromptOutput } from '../speech/prompt-output';
import { createPromptClips, createPrompter } from '../speech/prompter';
import { createStartDelays } from '../speech/start-delay';
import { App } from './app';
import { createKiosk } from './kiosk';

/**
 * Nothing here plays, listens or starts a timer until the app is mounted, so it is safe at build
 * time. `document` is the one whose root follows the language: none at build time. `site` is this
 * kiosk's site (kiosk/site-settings); without it, the build's own settings.
 */
export async function assembleKiosk(env: { document?: Document; site?: SiteSettings }) {
  const config: RuntimeConfig = env.site?.config ?? buildConfig;
  // The site's languages, in the site's order: a site file may only name languages the build has.
  const languages = config.languages.flatMap((code) => buildLanguages.filter((l) => l.code === code));
  const loadStrings = (code: string) => {
    const loader = stringLoaders[code];
    if (!loader) throw new Error(`No UI strings for "${code}"`);
    return loader();
  };
  const i18n = createI18n({
    languages,
    defaultLanguage: config.defaultLanguage,
    defaultStrings: await loadStrings(config.defaultLanguage),
    loadStrings,
    document: env.document,
    strict: import.meta.env.DEV,
  });
  const startDelays = createStartDelays();
  const kiosk = createKiosk({
    config,
    i18n,
    content: createContentSource(handoutSummaries, handoutLoaders),
    createPlayer: () => createKioskPlayer(config.audio, startDelays),
    clock: realClock,
  });
  const prompter = createPrompter(createPromptClips(promptLoaders), createPromptOutput(), () => kiosk.visit.peek().player.volume.peek());
  const app = <App kiosk={kiosk} config={config} i18n={i18n} build={build} prompter={prompter} root={env.document?.documentElement} site={env.site} />;
  return { config, i18n, kiosk, prompter, app };
}
