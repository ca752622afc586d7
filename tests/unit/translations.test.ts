// @vitest-environment node
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildContent } from '../../scripts/lib/build-content.ts';
import { checkUiStrings } from '../../scripts/lib/check-translations.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const content = buildContent(root);
const english = content.languages.find((l) => l.code === 'en')!;

describe('every configured language is whole', () => {
  it.each(content.languages.map((l) => [l.code, l] as const))('%s has the same sections as English and a name in its own script', (_code, language) => {
    expect(language.handouts.map((h) => h.sections.map((s) => s.id))).toEqual(english.handouts.map((h) => h.sections.map((s) => s.id)));
    expect(language.name).not.toBe('');
    expect(language.handouts.every((h) => h.lang === language.code)).toBe(true);
  });

  it('marks every translation that is not English as a draft or reviewed, never as the original', () => {
    for (const language of content.languages.filter((l) => l.code !== 'en')) {
      for (const handout of language.handouts) expect(handout.meta.translation, `${language.code}/${handout.id}`).not.toBe('original');
    }
  });

  it('sets right-to-left for Arabic, Urdu and Persian, and only for them', () => {
    expect(content.languages.filter((l) => l.dir === 'rtl').map((l) => l.code)).toEqual(['ar', 'ur', 'fa']);
  });

  it('segments Chinese into words: more than one per sentence, fewer than one per character', () => {
    const zh = content.languages.find((l) => l.code === 'zh-Hans')!;
    for (const section of zh.handouts[0]!.sections) {
      const hanCharacters = Array.from(section.text).filter((ch) => /\p{Script=Han}/u.test(ch)).length;
      expect(section.words.length, section.id).toBeGreaterThan(section.sentences.length);
      expect(section.words.length, section.id).toBeLessThan(hanCharacters * 0.8);
    }
  });
});

describe('the translation check', () => {
  const en = { a: { title: 'Hello {{name}}', items_one: '{{count}} item', items_other: '{{count}} items' } };

  it('passes a complete translation with the plural forms the language needs', () => {
    expect(
      checkUiStrings(
        en,
        { a: { title: 'Bonjour {{name}}', items_one: '{{count}} élément', items_many: '{{count}} éléments', items_other: '{{count}} éléments' } },
        'fr',
        'fr.json',
      ),
    ).toEqual([]);
  });

  it('names a missing key and missing plural forms', () => {
    const problems = checkUiStrings(en, { a: { items_one: '{{count}} x', items_other: '{{count}} x' } }, 'ar', 'ar.json');
    expect(problems.map((p) => `${p.where}: ${p.message}`)).toEqual([
      'a.title: is missing',
      'a.items_few: is missing (ar needs the plural forms few, many, one, two, zero, other)',
      'a.items_many: is missing (ar needs the plural forms few, many, one, two, zero, other)',
      'a.items_two: is missing (ar needs the plural forms few, many, one, two, zero, other)',
      'a.items_zero: is missing (ar needs the plural forms few, many, one, two, zero, other)',
    ]);
  });

  it('names an empty string, a changed variable, an extra key and a stray plural form', () => {
    const problems = checkUiStrings(en, { a: { title: '', items_one: '{{n}} 个', items_other: '{{count}} 个' }, b: 'x' }, 'zh-Hans', 'zh.json');
    expect(problems.map((p) => `${p.where}: ${p.message}`)).toEqual([
      'a.title: is empty',
      'a.title: has variables {{}} but English has {{name}}',
      'a.items_one: is a plural form zh-Hans does not use (it uses other)',
      'b: is not in the English strings; remove it or add it there',
    ]);
  });

  it('flags a string left in English in a language with another script', () => {
    const problems = checkUiStrings({ t: 'Help' }, { t: 'Help' }, 'pa', 'pa.json');
    expect(problems[0]?.message).toBe('is the same as English ("Help"): not translated?');
    expect(checkUiStrings({ t: 'Section' }, { t: 'Section' }, 'fr', 'fr.json')).toEqual([]);
  });
});
