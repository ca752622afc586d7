import { effect } from '@preact/signals';
import { Component, type ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useMemo } from 'preact/hooks';
import type { RuntimeConfig } from '../config/schema';
import type { I18n } from '../i18n/i18n';
import { mountingFor, reachLines } from '../kiosk/reach';
import { IdleWarning } from '../screens/idle-warning';
import { KeypadBridge } from './keypad-bridge';
import { TouchMode } from '../screens/touch-mode';
import { ModalNotice } from '../ui/modal';
import { createOneVoice } from '../speech/one-voice';
import type { Prompter } from '../speech/prompter';
import type { SiteSettings } from '../kiosk/site-settings';
import { WelcomeScreen } from '../screens/welcome';
import { lazyComponent } from './lazy';
import type { AppState } from './app-state';
import type { Kiosk } from './kiosk';
import { ServicesContext, VisitContext, VoiceContext, useT, useVisit, type KioskServices } from './kiosk-context';
import './app.css';

export interface AppProps {
  kiosk: Kiosk;
  config: RuntimeConfig;
  i18n: I18n;
  /** The build this page runs: its version, its id (the hash of its sources) and when it was made. */
  build: { version: string; id: string; date: string };
  prompter: Prompter;
  /** Where display choices are applied; the document root in the kiosk, left out in some tests. */
  root?: HTMLElement;
  /** This kiosk's site (kiosk/site-settings); left out, the build's own settings. */
  site?: SiteSettings;
}

// The welcome screen ships with the first paint; everything after it comes in its own chunk,
// fetched as soon as the welcome screen is up (see `preloadScreens`).
const LibraryScreen = lazyComponent(() => import('../screens/library').then((m) => m.LibraryScreen), { name: 'library', Fallback: ScreenLoading });
const ReaderScreen = lazyComponent(() => import('../screens/reader').then((m) => m.ReaderScreen), { name: 'reader', Fallback: ScreenLoading });
const OpenDialog = lazyComponent(() => import('../screens/dialogs').then((m) => m.OpenDialog), { name: 'dialogs' });

export function preloadScreens(): Promise<unknown> {
  return Promise.all([LibraryScreen.preload(), ReaderScreen.preload(), OpenDialog.preload()]);
}

/** Providers and the current screen; nothing else. */
export function App({ kiosk, config, i18n, build, prompter, root, site }: AppProps) {
  const services: KioskServices = {
    site: site ?? { config, id: null, file: null, source: 'built-in', savedAt: null, problems: [] },
    config,
    i18n,
    build,
    idle: kiosk.idle,
    clock: kiosk.clock,
    keypad: kiosk.keypad,
    prompter,
    incidents: kiosk.incidents,
    resetVisit: () => {
      prompter.stop();
      void kiosk.resetVisit();
    },
  };
  const visit = kiosk.visit.value;
  return (
    <ServicesContext.Provider value={services}>
      <RecoverToWelcome onError={services.resetVisit}>
        {/* Keyed by visit: nothing held in a component of one visit survives into the next. */}
        <VisitContext.Provider value={visit} key={kiosk.visitNumber.value}>
          <DocumentState visit={visit} root={root} i18n={i18n} config={config} />
          <OneVoiceProvider visit={visit} prompter={prompter}>
            <KeypadBridge>
              <ModalNotice.Provider value={<TouchMode />}>
                <VisitRoot visitNumber={kiosk.visitNumber.value}>
                  <CurrentScreen />
                  <TouchMode />
                </VisitRoot>
                <DialogSlot />
                <IdleWarning />
                {services.site.problems.length > 0 && <SiteProblemMarker />}
              </ModalNotice.Provider>
            </KeypadBridge>
          </OneVoiceProvider>
        </VisitContext.Provider>
      </RecoverToWelcome>
    </ServicesContext.Provider>
  );
}

/** The visit's one voice (speech/one-voice), made with the visit and let go with it. */
function OneVoiceProvider({ visit, prompter, children }: { visit: AppState; prompter: Prompter; children: ComponentChildren }) {
  const voice = useMemo(() => createOneVoice({ prompter, player: visit.player, explaining: visit.explaining }), [visit, prompter]);
  useEffect(() => () => voice.dispose(), [voice]);
  return <VoiceContext.Provider value={voice}>{children}</VoiceContext.Provider>;
}

/**
 * The visit's root, saying what the state believes the patient sees: the visit's number (did a reset
 * happen?), the screen, the dialogs open, the touch mode and the reading. The kiosk's self-check
 * (kiosk/invariants) and the soak's random patient hold the page to these.
 */
function VisitRoot({ visitNumber, children }: { visitNumber: number; children: ComponentChildren }) {
  const visit = useVisit();
  const believed = visit.believed.value;
  return (
    <div
      class="app"
      data-visit={visitNumber}
      data-screen={visit.screen.value}
      data-dialogs={believed.dialogs.join(' ') || 'none'}
      data-touch-mode={believed.touchToHear ? 'hear' : 'choose'}
      data-speech={believed.speech}
    >
      {children}
    </div>
  );
}

/** A screen whose code is still on its way (a busy or cold kiosk): said in the visit's language. */
function ScreenLoading({ name }: { name: string }) {
  const t = useT();
  return (
    <main class="screen-loading" data-loading={name} aria-busy="true">
      <p role="status">{t('reader.loading')}</p>
    </main>
  );
}

/** The dialogs' code is only waited for when one is open. */
function DialogSlot() {
  return useVisit().dialog.value ? <OpenDialog /> : null;
}

function CurrentScreen() {
  const visit = useVisit();
  switch (visit.screen.value) {
    case 'library':
      return <LibraryScreen />;
    case 'reader':
      return <ReaderScreen />;
    default:
      return <WelcomeScreen />;
  }
}

/**
 * Text size and theme are attributes on the root, so one set of CSS custom properties follows them;
 * the document title follows the language, for assistive technology that announces it; the reach
 * lines follow the config.
 */
function DocumentState({ visit, root, i18n, config }: { visit: AppState; root?: HTMLElement; i18n: I18n; config: RuntimeConfig }) {
  // The reach lines as fractions of the viewport's height: CSS turns them into pixels, so they stay
  // right through a resize without a listener. Only the portrait layout consults them (styles/base.css).
  useEffect(() => {
    if (!root) return;
    const lines = reachLines(mountingFor(config.display?.mounting, 'portrait'), 1);
    root.style.setProperty('--reach-top', `${lines.topFraction * 100}dvh`);
    root.style.setProperty('--reach-bottom', `${lines.bottomFraction * 100}dvh`);
  }, [root, config]);
  // A layout effect, where useSignalEffect's would wait until after the browser paints: the next
  // patient's first frame must not show the last patient's text size or theme.
  useLayoutEffect(
    () =>
      effect(() => {
        const size = visit.prefs.textSize.value;
        const theme = visit.prefs.theme.value;
        const title = i18n.t.value('meta.appName');
        if (!root) return;
        root.dataset.textSize = size;
        root.dataset.theme = theme;
        root.ownerDocument.title = title;
      }),
    [visit, root, i18n],
  );
  return null;
}

interface RecoverProps {
  onError: () => void;
  children: ComponentChildren;
}

/**
 * A render error anywhere sends the kiosk back to a fresh welcome screen instead of leaving a blank
 * page in front of a patient.
 */
class RecoverToWelcome extends Component<RecoverProps, { failed: boolean }> {
  override state = { failed: false };

  override componentDidCatch(error: unknown) {
    console.error('Kiosk recovered from an error', error);
    this.setState({ failed: true });
    this.props.onError();
    queueMicrotask(() => this.setState({ failed: false }));
  }

  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

/**
 * A small dot in the bottom corner when the site file could not be used: staff know to look in the
 * staff panel; a patient, who has a working kiosk either way, is not alarmed by words meant for staff.
 */
function SiteProblemMarker() {
  return <span class="site-problem-marker" data-site-problem aria-hidden="true" />;
}
