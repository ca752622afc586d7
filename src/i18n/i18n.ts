/**
 * The only module that talks to i18next. It owns the current language signal, loads a language's
 * strings on first use (each language is its own chunk) and keeps `<html lang dir>` in step, so screen
 * readers and the browser's own text shaping always know what language is on screen.
 */
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import i18next, { type i18n as I18next } from 'i18next';
import type { TextDirection } from '../content/model';
import type { Translate } from './keys';

export interface LanguageInfo {
  code: string;
  name: string;
  dir: TextDirection;
  /** "Touch your language to begin", in this language, for the welcome screen's greeting. */
  greeting: string;
}

export interface I18n {
  readonly language: ReadonlySignal<string>;
  readonly dir: ReadonlySignal<TextDirection>;
  /** A translate function bound to the current language; reading it subscribes to language changes. */
  readonly t: ReadonlySignal<Translate>;
  readonly languages: readonly LanguageInfo[];
  /** Loads the language's strings if needed, then switches to it. */
  setLanguage(code: string): Promise<void>;
  /** A translate function for another language (the picker speaks each name in its own language). */
  fixedT(code: string): Translate;
}

export interface I18nOptions {
  languages: readonly LanguageInfo[];
  defaultLanguage: string;
  /** Strings for the default language, bundled so the first screen needs no extra request. */
  defaultStrings: Record<string, unknown>;
  loadStrings: (code: string) => Promise<Record<string, unknown>>;
  /** The document whose root gets `lang` and `dir`; omitted in node tests. */
  document?: Document;
  /** Throw on a missing key (development and tests) instead of showing the key. */
  strict?: boolean;
}

export async function createI18n(options: I18nOptions): Promise<I18n> {
  const instance: I18next = i18next.createInstance();
  const strict = options.strict ?? false;
  await instance.init({
    lng: options.defaultLanguage,
    // The default language's strings are already here: initialise now, not on a later task, so the
    // first screen is not held back on a slow kiosk computer.
    initAsync: false,
    fallbackLng: false,
    supportedLngs: options.languages.map((l) => l.code),
    resources: { [options.defaultLanguage]: { translation: options.defaultStrings } },
    interpolation: { escapeValue: false }, // Preact escapes text; i18next escaping would show "&amp;".
    returnNull: false,
    saveMissing: strict,
    missingKeyHandler: strict
      ? (_lngs, _ns, key) => {
          throw new Error(`Missing UI string "${key}"`);
        }
      : undefined,
  } as Parameters<I18next['init']>[0]);

  const language = signal(options.defaultLanguage);
  let requests = 0;
  const find = (code: string) => options.languages.find((l) => l.code === code);
  const dir = computed<TextDirection>(() => find(language.value)?.dir ?? 'ltr');
  const t = computed<Translate>(() => instance.getFixedT(language.value) as unknown as Translate);

  const applyToDocument = () => {
    const root = options.document?.documentElement;
    if (!root) return;
    root.lang = language.value;
    root.dir = dir.value;
  };
  applyToDocument();

  return {
    language,
    dir,
    t,
    languages: options.languages,
    async setLanguage(code) {
      if (!find(code)) throw new Error(`Language "${code}" is not configured`);
      // The latest request wins: a language whose strings arrive after a later choice (or after the
      // visit reset back to the default) must not take the screen over.
      const request = ++requests;
      if (!instance.hasResourceBundle(code, 'translation')) {
        const strings = await options.loadStrings(code);
        if (!instance.hasResourceBundle(code, 'translation')) instance.addResourceBundle(code, 'translation', strings);
        if (request !== requests) return;
      }
      // The screens translate with getFixedT(language), so the switch is complete once the signal
      // moves; i18next's own current language follows, and nothing waits for it.
      language.value = code;
      applyToDocument();
      void instance.changeLanguage(code);
    },
    fixedT(code) {
      return instance.getFixedT(code) as unknown as Translate;
    },
  };
}
