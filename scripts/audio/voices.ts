/**
 * Which eSpeak NG voice and rate each language is spoken with: `speech.<lang>` in kiosk.config.json,
 * or a default from this table when the config has no entry for the language. A language with
 * neither (Tagalog: eSpeak NG has no voice for it) is text only: it is never read in another
 * language's voice, and it is spoken as soon as recordings or a configured voice exist.
 */
import type { KioskConfig } from '../../src/config/schema.ts';

export interface SpeechSettings {
  voice: string;
  wordsPerMinute: number;
  /** True when the config had no `speech.<lang>` entry and the default was used. */
  fromDefault: boolean;
}

/** About 145 words a minute is calm; eSpeak's own default of 175 is too fast for many patients. */
export const DEFAULT_WORDS_PER_MINUTE = 145;

export const DEFAULT_VOICES: Readonly<Record<string, string>> = {
  en: 'en-us',
  fr: 'fr',
  es: 'es-419',
  'zh-Hans': 'cmn',
  zh: 'cmn',
  ar: 'ar',
  pa: 'pa',
  yue: 'yue',
  it: 'it',
  pt: 'pt',
  ur: 'ur',
  fa: 'fa',
};

/** The language's voice and rate, or null when it has no voice (text only). */
export function speechSettingsFor(config: Pick<KioskConfig, 'speech'>, lang: string): SpeechSettings | null {
  const configured = config.speech?.[lang];
  if (configured) return { ...configured, fromDefault: false };
  const voice = DEFAULT_VOICES[lang] ?? DEFAULT_VOICES[lang.split('-')[0] ?? lang];
  return voice ? { voice, wordsPerMinute: DEFAULT_WORDS_PER_MINUTE, fromDefault: true } : null;
}
