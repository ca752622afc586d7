/**
 * The only module that talks to i18next. It owns the current language signal, loads a language's
 * strings on first use (each language is its own chunk) and keeps `<html lang dir>` in step, so screen
 * readers and the browser's own text shaping always know what language is on screen.
 *
 * The first screen is translated from the default language's bundled strings (bundled-translator.ts):
 * i18next is its own chunk, loaded once that screen is up (`ready()`), and takes over from then on.
 * Another language is only ever shown through i18next.
 */
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type { i18n as I18next } from 'i18next';
import type { TextDirection } from '../content/model';
import { bundledTranslator } from './bundled-translator';
import { formatValue } from './format-value';
import type { Translate } from './keys';

export interface LanguageInfo {
  code: string;
  name: string;
  dir: TextDirection;
  /** "Touch your language to begin", in this language, for the welcome screen's greeting. */
  greeting: string;
  /** "Text only, no voice yet", in this language, when the build has no speech for it at all. */
  textOnly?: string;
}

export interface I18n {
  readonly language: ReadonlySignal<string>;
  readonly dir: ReadonlySignal<TextDirection>;
  /** A translate function bound to the current language; reading it subscribes to language changes. */
  readonly t: ReadonlySignal<Translate>;
  readonly languages: readonly LanguageInfo[];
  /** Loads the language's strings if needed, then switches to it. */
  setLanguage(code: string): Promise<void>;
  /** A translate function for a given language, whatever the patient chose (the staff panel's). */
  fixedT(code: string): Translate;
  /** Loads i18next if it is not loaded yet; resolves once it translates. `setLanguage` waits for it itself. */
  ready(): Promise<void>;
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

/**
 * How i18next writes values into strings here (the bundled translator does the same). Preact escapes
 * text, so i18next's escaping would show "&amp;". Every value goes through formatValue (i18next's
 * formatter module, asked for every value by `alwaysFormat`), so numbers come out in the language's
 * own digits without a format written into every string of every language.
 */
export const i18nextInterpolation = { escapeValue: false, alwaysFormat: true } as const;
export const i18nextFormatter = {
  type: 'formatter' as const,
  init() {},
  add() {},
  addCached() {},
  // Only numbers change; anything else goes back to i18next as it came (a missing value stays missing).
  format: (value: unknown, _format: string | undefined, lng: string | undefined) => (typeof value === 'number' ? formatValue(value, lng ?? 'en') : value),
};

export function createI18n(options: I18nOptions): I18n {
  const strict = options.strict ?? false;
  const missing = (key: string): string => {
    if (strict) throw new Error(`Missing UI string "${key}"`);
    return key;
  };
  const bundled = bundledTranslator(options.defaultLanguage, options.defaultStrings, missing);
  const engine = signal<I18next | null>(null);
  let loading: Promise<I18next> | null = null;
  const loadEngine = () =>
    (loading ??= import('i18next')
      .then(async ({ default: i18next }) => {
        const instance = i18next.createInstance().use(i18nextFormatter);
        await instance.init({
          lng: options.defaultLanguage,
          initAsync: false,
          fallbackLng: false,
          supportedLngs: options.languages.map((l) => l.code),
          resources: { [options.defaultLanguage]: { translation: options.defaultStrings } },
          interpolation: i18nextInterpolation,
          returnNull: false,
          saveMissing: strict,
          missingKeyHandler: strict ? (_lngs: readonly string[], _ns: string, key: string) => missing(key) : undefined,
        } as Parameters<I18next['init']>[0]);
        engine.value = instance;
        return instance;
      })
      .catch((error: unknown) => {
        loading = null; // the next language choice tries again
        throw error;
      }));

  const language = signal(options.defaultLanguage);
  let requests = 0;
  const find = (code: string) => options.languages.find((l) => l.code === code);
  const dir = computed<TextDirection>(() => find(language.value)?.dir ?? 'ltr');
  const t = computed<Translate>(() => {
    const instance = engine.value;
    return instance ? instance.getFixedT(language.value) : bundled;
  });

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
      const instance = engine.peek() ?? (await loadEngine());
      if (!instance.hasResourceBundle(code, 'translation')) {
        const strings = await options.loadStrings(code);
        if (!instance.hasResourceBundle(code, 'translation')) instance.addResourceBundle(code, 'translation', strings);
      }
      if (request !== requests) return;
      // The screens translate with getFixedT(language), so the switch is complete once the signal
      // moves; i18next's own current language follows, and nothing waits for it.
      language.value = code;
      applyToDocument();
      void instance.changeLanguage(code);
    },
    fixedT(code) {
      const instance = engine.peek();
      if (instance) return instance.getFixedT(code);
      if (code === options.defaultLanguage) return bundled;
      throw new Error(`The strings for "${code}" are not loaded yet`);
    },
    async ready() {
      await loadEngine();
    },
  };
}
