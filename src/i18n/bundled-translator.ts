/**
 * Translates from the default language's bundled strings the way i18next does for this kiosk's
 * strings: nested keys, `{{value}}` interpolation, and plural forms (`key_one`, `key_other`, …) chosen
 * with Intl.PluralRules from `count`. It lets the welcome screen be drawn before i18next has loaded
 * (on a slow kiosk computer i18next's first set-up and first lookups cost as much as drawing the
 * screen); i18next takes over a moment later. tests/unit/i18n.test.ts holds it to i18next's output
 * for every string of every language.
 */
import { formatValue } from './format-value';
import type { Translate } from './keys';

export function bundledTranslator(lang: string, strings: Record<string, unknown>, onMissing: (key: string) => string): Translate {
  const plurals = new Intl.PluralRules(lang);
  const lookup = (key: string): string | undefined => {
    let node: unknown = strings;
    for (const part of key.split('.')) {
      if (typeof node !== 'object' || node === null) return undefined;
      node = (node as Record<string, unknown>)[part];
    }
    return typeof node === 'string' ? node : undefined;
  };
  return (key, values) => {
    const count = values?.count;
    const text = (typeof count === 'number' ? lookup(`${key}_${plurals.select(count)}`) : undefined) ?? lookup(key);
    if (text === undefined) return onMissing(key);
    // As i18next with escaping off (Preact escapes): a name it was not given stays as written, a
    // value given as undefined becomes empty.
    return text.replace(/\{\{(.+?)\}\}/g, (written, name: string) => (values && name.trim() in values ? formatValue(values[name.trim()], lang) : written));
  };
}
