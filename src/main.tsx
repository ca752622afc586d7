/** Boot only: the kiosk, the window's guards, the first screen, then the rest in the background. */
import { hydrate, render } from 'preact';
import { preloadScreens } from './app/app';
import { assembleKiosk } from './app/assemble';
import { DEFAULT_KEYPAD, keypadActionFor, type KeypadMap } from './kiosk/keypad';
import { installLockdown } from './kiosk/lockdown';
import { registerOffline } from './kiosk/offline';
import { replayEarlyTaps } from './kiosk/early-taps';
import { realClock } from './kiosk/idle';
import { createWatchdog } from './kiosk/watchdog';
import { believedState, selfCheck, type SelfCheckHook } from './app/self-check';
import { loadSiteSettings } from './kiosk/site-settings';
import { formatSettingsProblem } from './config/describe-issue';
import { config as buildConfig } from 'virtual:kiosk/manifest';
import { isPersonalReader } from './app/reader-link';
import 'virtual:kiosk/fonts.css';
import './styles/base.css';

/** After the next frame has been drawn (a task queued from a frame callback runs after its paint). */
const afterPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

async function boot() {
  const mount = document.getElementById('app');
  if (!mount) throw new Error('index.html has no #app element');
  // The build draws the welcome screen into index.html (src/prerender.tsx): let the browser show it
  // before the app takes it over, so a patient sees it without waiting for any of this code.
  let prerendered = mount.firstElementChild !== null;
  if (prerendered) await afterPaint();
  // Which site this kiosk is (`?site=`), before anything is drawn by the app: never throws.
  const site = await loadSiteSettings({ build: buildConfig, url: location.href });
  if (site.problems.length) console.warn(`Site settings (the staff panel shows them): ${site.problems.map(formatSettingsProblem).join('; ')}`);
  // The drawn screen is the build's; a site with its own languages gets a screen of its own.
  if (site.config !== buildConfig) {
    mount.replaceChildren();
    prerendered = false;
  }
  const { config, i18n, kiosk, app, prompter } = await assembleKiosk({ document, site });
  const keypadMap: KeypadMap = { ...DEFAULT_KEYPAD, ...config.keypad };
  // A "Take it home" link opens the same build on a patient's phone as a personal reader: no
  // lock-down, no idle reset (src/personal). Its code loads only then.
  const personal = isPersonalReader(location.search);
  if (personal) {
    const { startPersonalReader } = await import('./personal/personal-reader');
    await startPersonalReader({ kiosk, config, i18n, root: document.documentElement, search: location.search, prefersDark: matchMedia('(prefers-color-scheme: dark)').matches });
  } else
    installLockdown(window, {
      onActivity: () => kiosk.idle.activity(),
      onKey: (event) => {
        const action = keypadActionFor(event, keypadMap);
        if (!action) return false;
        kiosk.keypad.dispatch(action, event.code);
        return true;
      },
      onError: (error) => {
        // Logged for the staff panel; the patient gets a fresh welcome screen, never a frozen page.
        console.error('Kiosk error; starting a fresh visit', error);
        void kiosk.resetVisit();
      },
    });
  // The personal reader opens on the reader, not the welcome screen drawn into the page.
  if (prerendered && !personal) hydrate(app, mount);
  else {
    if (personal) mount.replaceChildren();
    render(app, mount);
  }
  // A patient who touched the drawn screen before the app had taken it over is answered now.
  replayEarlyTaps(window);
  // The last resort: a screen that disagrees with the visit's state for three seconds running is
  // logged for staff and replaced by a clean welcome screen, never left in front of a patient.
  createWatchdog({
    clock: realClock,
    check: () => selfCheck(kiosk, document),
    onBroken: (broken) => {
      const believed = believedState(kiosk);
      kiosk.incidents.add({ at: new Date().toISOString(), screen: kiosk.visit.peek().screen.peek(), dialogs: [...believed.dialogs], broken });
      console.warn('Kiosk self-check failed; starting a fresh visit', broken);
      prompter.stop();
      void kiosk.resetVisit();
    },
  });
  Object.assign(window as SelfCheckHook, {
    kioskSelfCheck: (probes?: Parameters<typeof selfCheck>[2]) => selfCheck(kiosk, document, probes),
    kioskIncidents: () => kiosk.incidents.entries.peek().length,
  });
  // The app is up: for staff tools, the tests and the benchmark (the drawn screen looks the same).
  document.documentElement.dataset.kiosk = 'ready';
  performance.mark('kiosk:ready');
  // After the first screen is up (the worker's install competes with it on a slow kiosk): i18next and
  // the rest of the kiosk's code, so a first tap waits for nothing, then the offline copy. A new
  // build takes over only while nobody is using the kiosk.
  void afterPaint().then(() => {
    i18n.ready().catch((error: unknown) => console.error('i18next did not load; a language choice will try again', error));
    // A failed fetch is tried again when the screen is needed (app/lazy).
    preloadScreens().catch((error: unknown) => console.warn('The next screens could not be fetched ahead; they will be fetched when needed', error));
    registerOffline({
      isSafeToUpdate: () => kiosk.visit.value.betweenVisits.value,
      onUpdateReady: () => console.info('A new kiosk build is ready; it starts when the welcome screen is next left alone.'),
    });
  });
}

void boot();
