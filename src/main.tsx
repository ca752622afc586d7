/** Boot only: config, i18n, state, render. */
import { render } from 'preact';
import { build, config, handoutLoaders, handoutSummaries, languages, promptLoaders, stringLoaders } from 'virtual:kiosk/manifest';
import { App, preloadScreens } from './app/app';
import { createKiosk } from './app/kiosk';
import { createContentSource } from './content/loader';
import { createI18n } from './i18n/i18n';
import { realClock } from './kiosk/idle';
import { DEFAULT_KEYPAD, keypadActionFor, type KeypadMap } from './kiosk/keypad';
import { installLockdown } from './kiosk/lockdown';
import { isBetweenVisits, registerOffline } from './kiosk/offline';
import { createPromptOutput } from './speech/prompt-output';
import { createPromptClips, createPrompter } from './speech/prompter';
import { createKioskPlayer } from './speech/create-player';
import 'virtual:kiosk/fonts.css';
import './styles/base.css';

async function boot() {
  const loadStrings = (code: string) => {
    const loader = stringLoaders[code];
    if (!loader) throw new Error(`No UI strings for "${code}"`);
    return loader();
  };
  const i18n = await createI18n({
    languages,
    defaultLanguage: config.defaultLanguage,
    defaultStrings: await loadStrings(config.defaultLanguage),
    loadStrings,
    document,
    strict: import.meta.env.DEV,
  });
  const kiosk = createKiosk({
    config,
    i18n,
    content: createContentSource(handoutSummaries, handoutLoaders),
    createPlayer: () => createKioskPlayer(config.audio),
    clock: realClock,
  });
  const keypadMap = { ...DEFAULT_KEYPAD, ...config.keypad } as KeypadMap;
  const prompter = createPrompter(createPromptClips(promptLoaders), createPromptOutput(), () => kiosk.visit.peek().player.volume.peek());
  installLockdown(window, {
    onActivity: () => kiosk.idle.activity(),
    onKey: (event) => {
      const action = keypadActionFor(event, keypadMap);
      if (!action) return false;
      kiosk.keypad.dispatch(action);
      return true;
    },
    onError: (error) => {
      // Logged for the staff panel; the patient gets a fresh welcome screen, never a frozen page.
      console.error('Kiosk error; starting a fresh visit', error);
      void kiosk.resetVisit();
    },
  });
  const mount = document.getElementById('app');
  if (!mount) throw new Error('index.html has no #app element');
  render(<App kiosk={kiosk} config={config} i18n={i18n} build={build} prompter={prompter} root={document.documentElement} />, mount);
  // After the first screen is up (the worker's install competes with it on a slow kiosk): the rest
  // of the kiosk's code, so a first tap waits for nothing, then the offline copy. A new build takes
  // over only while nobody is using the kiosk.
  requestAnimationFrame(() =>
    setTimeout(() => {
      void preloadScreens();
      registerOffline({
        isSafeToUpdate: () => isBetweenVisits(kiosk.visit.value, kiosk.idle),
        onUpdateReady: () => console.info('A new kiosk build is ready; it starts when the welcome screen is next left alone.'),
      });
    }, 0),
  );
}

void boot();
