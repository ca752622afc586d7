import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { bundledTranslator } from '../../src/i18n/bundled-translator';
import { createI18n, i18nextFormatter, i18nextInterpolation } from '../../src/i18n/i18n';
import type { UiKey } from '../../src/i18n/keys';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../locales');
const codes = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && readdirSync(join(root, entry.name)).includes('ui.json'))
  .map((entry) => entry.name);
const stringsOf = (code: string) => JSON.parse(readFileSync(join(root, code, 'ui.json'), 'utf8')) as Record<string, unknown>;

/** Every key as a screen asks for it: nested with dots, plural forms by their base key. */
function keysOf(strings: Record<string, unknown>, prefix = ''): string[] {
  return [
    ...new Set(
      Object.entries(strings).flatMap(([key, value]) =>
        typeof value === 'object' && value !== null
          ? keysOf(value as Record<string, unknown>, `${prefix}${key}.`)
          : [`${prefix}${key.replace(/_(zero|one|two|few|many|other)$/, '')}`],
      ),
    ),
  ];
}

const languages = codes.map((code) => ({ code, name: code, dir: 'ltr' as const, greeting: code }));

describe('the bundled translator that draws the first screen', () => {
  it('gives what i18next gives, for every string of every language, every plural form and every value', async () => {
    let compared = 0;
    for (const code of codes) {
      const strings = stringsOf(code);
      const engine = i18next.createInstance().use(i18nextFormatter);
      await engine.init({ lng: code, initAsync: false, fallbackLng: false, resources: { [code]: { translation: strings } }, interpolation: i18nextInterpolation });
      const expected = engine.getFixedT(code);
      const actual = bundledTranslator(code, strings, (key) => key);
      const names = [...new Set([...JSON.stringify(strings).matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] as string))];
      for (const key of keysOf(strings)) {
        for (const count of [undefined, 0, 1, 2, 3, 5, 11, 22, 100, 101, 1.5]) {
          const values = Object.fromEntries(names.map((name) => [name, `<${name}>`]));
          if (count !== undefined) values.count = count as unknown as string;
          expect(actual(key as UiKey, values), `${code} ${key} count=${count}`).toBe(expected(key, values));
          compared++;
        }
        expect(actual(key as UiKey), `${code} ${key} without values`).toBe(expected(key));
        expect(actual(key as UiKey, { count: 1 }), `${code} ${key} with count only`).toBe(expected(key, { count: 1 }));
        expect(actual(key as UiKey, { [names[0] ?? 'x']: undefined as unknown as string }), `${code} ${key} undefined value`).toBe(expected(key, { [names[0] ?? 'x']: undefined }));
      }
    }
    expect(compared).toBeGreaterThan(codes.length * 100 * 11);
  });

  it('reports a missing key the way the kiosk is configured to', () => {
    const t = bundledTranslator('en', stringsOf('en'), (key) => `missing:${key}`);
    expect(t('no.such.key' as UiKey)).toBe('missing:no.such.key');
    expect(t('welcome' as UiKey)).toBe('missing:welcome'); // a group of strings is not a string
  });
});

describe('i18n service', () => {
  const options = (strict = true) => ({
    languages,
    defaultLanguage: 'en',
    defaultStrings: stringsOf('en'),
    loadStrings: async (code: string) => stringsOf(code),
    strict,
  });

  it('translates the first screen before i18next has loaded, and the same once it has', async () => {
    const i18n = createI18n(options());
    const before = i18n.t.value;
    expect(before('welcome.greeting')).toBe((stringsOf('en').welcome as Record<string, string>).greeting);
    expect(() => i18n.fixedT('fr')).toThrow(/not loaded yet/);
    expect(() => before('no.such' as UiKey)).toThrow(/Missing UI string "no.such"/);
    await i18n.ready();
    const after = i18n.t.value;
    expect(after).not.toBe(before);
    expect(after('library.sections', { count: 3 })).toBe(before('library.sections', { count: 3 }));
    expect(i18n.fixedT('en')('welcome.greeting')).toBe(before('welcome.greeting'));
  });

  it('switches language only once i18next and that language’s strings are in, the latest choice winning', async () => {
    const i18n = createI18n(options());
    const french = i18n.setLanguage('fr');
    const spanish = i18n.setLanguage('es');
    expect(i18n.language.value).toBe('en');
    await Promise.all([french, spanish]);
    expect(i18n.language.value).toBe('es');
    expect(i18n.t.value('welcome.greeting')).toBe((stringsOf('es').welcome as Record<string, string>).greeting);
    expect(i18n.fixedT('fr')('welcome.greeting')).toBe((stringsOf('fr').welcome as Record<string, string>).greeting);
  });
});
