import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { RuntimeConfig } from '../config/schema';
import type { I18n } from '../i18n/i18n';
import type { Translate } from '../i18n/keys';
import type { IdleClock, IdleTimer } from '../kiosk/idle';
import type { IncidentLog } from '../kiosk/incident-log';
import type { OneVoice } from '../speech/one-voice';
import type { Prompter } from '../speech/prompter';
import type { SiteSettings } from '../kiosk/site-settings';
import type { KeypadHub } from './kiosk';
import type { AppState } from './app-state';

export interface KioskServices {
  config: RuntimeConfig;
  i18n: I18n;
  /** The build this page runs: its version, its id (the hash of its sources) and when it was made. */
  build: { version: string; id: string; date: string };
  idle: IdleTimer;
  clock: IdleClock;
  keypad: KeypadHub;
  prompter: Prompter;
  incidents: IncidentLog;
  /** Which site's settings the kiosk runs on, and any problem with its site file (staff panel). */
  site: SiteSettings;
  /** Ends this visit: everything back to defaults, welcome screen showing. */
  resetVisit: () => void;
}

export const ServicesContext = createContext<KioskServices | null>(null);
export const VisitContext = createContext<AppState | null>(null);
/** The visit's one voice (speech/one-voice): who may speak when. */
export const VoiceContext = createContext<OneVoice | null>(null);

export function useServices(): KioskServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices() outside <App>');
  return services;
}

export function useVisit(): AppState {
  const visit = useContext(VisitContext);
  if (!visit) throw new Error('useVisit() outside <App>');
  return visit;
}

export function useVoice(): OneVoice {
  const voice = useContext(VoiceContext);
  if (!voice) throw new Error('useVoice() outside <App>');
  return voice;
}

/** The translate function for the current language; re-renders the caller when the language changes. */
export function useT(): Translate {
  return useServices().i18n.t.value;
}
