// @vitest-environment node
/**
 * The library's browsing structure, without a DOM: when it is a plain list, its featured handouts and
 * topics, and the A-to-Z ranges that keep every list screen to PER_LIST handouts.
 */
import { describe, expect, it } from 'vitest';
import { planLibrary, seededRandom } from '../../bench/generate-library';
import { ALL_TOPIC, buildLibraryIndex, FEW_HANDOUTS, OTHER_TOPIC, PER_LIST, rangesOf, sortKey } from '../../src/content/library-index';
import type { HandoutSummary } from '../../src/content/model';

const summary = (id: string, title: string, topics: string[] = []): HandoutSummary => ({ id, title, summary: '', sectionCount: 3, topics });
const names: Record<string, string> = { [ALL_TOPIC]: 'All', [OTHER_TOPIC]: 'Other', pain: 'Pain', heart: 'Heart', medicines: 'Medicines' };
const topicName = (id: string) => names[id] ?? id;

describe('buildLibraryIndex', () => {
  it(`keeps a library of up to ${FEW_HANDOUTS} handouts a plain list, in config order`, () => {
    const handouts = ['f', 'e', 'd', 'c', 'b', 'a'].map((id) => summary(id, id.toUpperCase(), ['pain']));
    expect(buildLibraryIndex({ handouts, featured: ['a'], lang: 'en', topicName })).toEqual({ mode: 'few', handouts });
  });

  it('offers featured handouts in config order (at most four, only those offered) and the topics by name', () => {
    const handouts = 'abcdefghij'.split('').map((id, i) => summary(id, `Title ${id}`, i % 3 === 0 ? ['pain'] : i % 3 === 1 ? ['heart', 'medicines'] : []));
    const index = buildLibraryIndex({ handouts, featured: ['j', 'gone', 'a', 'b', 'c', 'd'], lang: 'en', topicName });
    if (index.mode !== 'browse') throw new Error('expected browse');
    expect(index.featured.map((h) => h.id)).toEqual(['j', 'a', 'b', 'c']);
    expect(index.topics.map((t) => t.id)).toEqual([ALL_TOPIC, 'heart', 'medicines', 'pain', OTHER_TOPIC]);
    expect(index.topics[0]!.handouts).toHaveLength(10);
    expect(index.topics.find((t) => t.id === 'pain')!.handouts.map((h) => h.id)).toEqual(['a', 'd', 'g', 'j']);
  });

  it('leaves out "other" when no handout has a topic', () => {
    const handouts = 'abcdefg'.split('').map((id) => summary(id, id));
    const index = buildLibraryIndex({ handouts, featured: [], lang: 'en', topicName });
    expect(index.mode === 'browse' && index.topics.map((t) => t.id)).toEqual([ALL_TOPIC]);
  });
});

describe('rangesOf', () => {
  const sorted = (titles: string[], lang = 'en') => {
    const collator = new Intl.Collator(lang, { sensitivity: 'base', numeric: true });
    return titles.map((t, i) => summary(`h${i}`, t)).sort((a, b) => collator.compare(sortKey(a.title, lang), sortKey(b.title, lang)));
  };

  it('is one range, with no strip, when the handouts fit one screen', () => {
    expect(rangesOf(sorted(['Apple', 'Banana']), 'en')).toHaveLength(1);
  });

  it(`splits into as few ranges as hold ${PER_LIST} each, cut between letters where that costs nothing`, () => {
    const titles = ['Ant', 'Ape', 'Arm', 'Bat', 'Bee', 'Cat', 'Cow', 'Doe', 'Dog', 'Eel', 'Elk', 'Emu', 'Fox', 'Gnu'];
    const ranges = rangesOf(sorted(titles), 'en');
    expect(ranges).toHaveLength(2);
    expect(ranges.map((r) => r.label)).toEqual(['A–C', 'D–G']);
    expect(ranges.flatMap((r) => r.handouts.map((h) => h.title))).toEqual(titles);
  });

  it('names ranges that split a letter by as many letters as tell them apart', () => {
    const titles = Array.from({ length: 12 }, (_, i) => `M${'aeiou'[i % 5]}${String.fromCharCode(97 + i)} thing`);
    const ranges = rangesOf(sorted(titles), 'en');
    expect(ranges).toHaveLength(2);
    expect(ranges[0]!.label).toMatch(/^Ma.*–M[a-z]/);
    for (const range of ranges) expect(range.handouts.length).toBeLessThanOrEqual(PER_LIST);
  });

  it('files Arabic titles without the article "ال", so they do not all fall under alif', () => {
    expect(sortKey('الصداع: أساسيات', 'ar')).toBe('صداع: أساسيات');
    const titles = ['الصداع', 'الربو', 'تحاليل الدم', 'ألم الركبة', 'الحمى', 'قصور القلب', 'مميعات الدم', 'الإنسولين', 'جراحة المرارة'];
    const ranges = rangesOf(sorted(titles, 'ar'), 'ar');
    expect(ranges).toHaveLength(2);
    expect(ranges.flatMap((r) => r.ends).every((end) => end !== 'ا')).toBe(true);
  });

  it('labels Chinese ranges by their first characters', () => {
    const titles = Array.from({ length: 10 }, (_, i) => `${'安北长大饿发高和鸡看'[i]}资料`);
    const ranges = rangesOf(sorted(titles, 'zh-Hans'), 'zh-Hans');
    expect(ranges).toHaveLength(2);
    expect(ranges[0]!.label).toMatch(/^.–.$/u);
  });
});

/**
 * The touch and key counts on the generated 100-handout library, as the screens implement them: the
 * model the browser test holds the real kiosk to (tests/browser/library-search.test.ts).
 * Touches: "all" tile, then the range (unless it is the first, shown already), then the handout.
 * Keys: Enter on "all" (focus starts there), Left/Right along the strip to the range (it wraps),
 * Down to the list, Left/Right along it, Enter.
 */
describe('every handout of a generated 100-handout library', () => {
  for (const lang of ['en', 'ar', 'fr']) {
    it(`is within 3 touches and 15 keypad presses in ${lang}`, () => {
      const plan = planLibrary({ handouts: 100, languages: [lang], featured: 4, seed: 7 });
      const handouts = plan.handouts.map((h) => summary(h.id, h.titles[lang]!, h.topics));
      const index = buildLibraryIndex({ handouts, featured: plan.featured, lang, topicName });
      if (index.mode !== 'browse') throw new Error('expected browse');
      const all = index.topics.find((t) => t.id === ALL_TOPIC)!;
      const ranges = rangesOf(all.handouts, lang);
      let worstKeys = 0;
      for (const handout of handouts) {
        const r = ranges.findIndex((range) => range.handouts.includes(all.handouts.find((h) => h.id === handout.id)!));
        const j = ranges[r]!.handouts.findIndex((h) => h.id === handout.id);
        const touches = 1 + (r === 0 ? 0 : 1) + 1;
        const keys = 1 + Math.min(r, ranges.length - r) + 1 + Math.min(j, ranges[r]!.handouts.length - j) + 1;
        expect(touches).toBeLessThanOrEqual(3);
        worstKeys = Math.max(worstKeys, keys);
      }
      expect(worstKeys).toBeLessThanOrEqual(15);
    });
  }

  it('gives 100 distinct titles in each written language, and the same featured handouts for a seed', () => {
    const a = planLibrary({ handouts: 100, languages: ['en', 'ar'], featured: 4, seed: 3 });
    for (const lang of ['en', 'ar']) expect(new Set(a.handouts.map((h) => h.titles[lang])).size).toBe(100);
    expect(planLibrary({ handouts: 100, languages: ['en', 'ar'], featured: 4, seed: 3 }).featured).toEqual(a.featured);
    expect(seededRandom(1)()).toBe(seededRandom(1)());
  });
});
