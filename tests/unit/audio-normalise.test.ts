// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { Section } from '../../src/content/model.ts';
import { compileHandout } from '../../scripts/lib/compile-handout.ts';
import { normaliseSection } from '../../scripts/audio/normalise.ts';
import { parseLexicon } from '../../scripts/audio/lexicon.ts';
import { readingText } from '../../scripts/audio/reading-text.ts';
import { InputError } from '../../scripts/lib/input-error.ts';

function section(body: string, lang = 'en', nurseLine = '811'): Section {
  const md = `---\nid: t\nsummary: s\nsource: s\nlicence: s\ntranslation: original\n---\n\n# T\n\n## Heading {#h}\n\n${body}\n`;
  return compileHandout(md, { file: 't.md', lang, dir: 'ltr', placeholders: { nurseLine }, figures: new Set() }).sections[0]!;
}

/** The sent code points that map into display range [start, end). */
function spokenFor(s: Section, text: string, offsets: number[], start: number, end: number): string {
  return Array.from(text)
    .filter((_, i) => offsets[i]! >= start && offsets[i]! < end)
    .join('');
}

function wordRange(s: Section, written: string, nth = 0): [number, number] {
  const found = s.words.filter((w) => s.text.slice(w.start, w.end) === written)[nth];
  if (!found) throw new Error(`no word "${written}"`);
  return [found.start, found.end];
}

/** Invariants every normalisation must keep, whatever it rewrote. */
function expectExactMap(s: Section, speech: { text: string; displayOffsets: number[] }) {
  const points = Array.from(speech.text);
  expect(speech.displayOffsets).toHaveLength(points.length);
  let previous = 0;
  points.forEach((point, i) => {
    const at = speech.displayOffsets[i]!;
    expect(at).toBeGreaterThanOrEqual(previous); // the map never goes backwards
    expect(at).toBeLessThanOrEqual(s.text.length);
    previous = at;
  });
  // Every display word is reached by at least one sent character.
  for (const w of s.words) expect(speech.displayOffsets.some((o) => o >= w.start && o < w.end)).toBe(true);
}

describe('normaliseSection', () => {
  it('reads the nurse line digit by digit and maps every digit back into the number', () => {
    const s = section('Call the nurse line: {nurseLine}. Take 3811 steps.');
    const speech = normaliseSection(s, { lang: 'en', phoneNumbers: ['811'] });
    expect(speech.text).toContain('line: 8 1 1.');
    expect(speech.text).toContain('3811 steps'); // only the nurse line, not a number containing it
    const [start, end] = wordRange(s, '811');
    expect(spokenFor(s, speech.text, speech.displayOffsets, start, end)).toBe('8 1 1');
    const eight = Array.from(speech.text).indexOf('8');
    expect(speech.displayOffsets[eight]).toBe(start);
    expectExactMap(s, speech);
  });

  it('reads a grouped phone number in groups, with a pause at each hyphen', () => {
    const s = section('Call {nurseLine} today.', 'en', '1-866-797-0000');
    const speech = normaliseSection(s, { lang: 'en', phoneNumbers: ['1-866-797-0000'] });
    expect(speech.text).toContain('Call 1, 8 6 6, 7 9 7, 0 0 0 0 today.');
    const [start, end] = wordRange(s, '866');
    expect(spokenFor(s, speech.text, speech.displayOffsets, start, end)).toBe('8 6 6');
    expectExactMap(s, speech);
  });

  it('escapes & < > for SSML, each entity mapping to the one character it stands for', () => {
    const s = section('Salt & pepper <b>not bold</b> here.');
    const speech = normaliseSection(s, { lang: 'en' });
    expect(speech.text).toContain('Salt &amp; pepper &lt;b&gt;not bold&lt;/b&gt; here.');
    const amp = s.text.indexOf('&');
    expect(spokenFor(s, speech.text, speech.displayOffsets, amp, amp + 1)).toBe('&amp;');
    const copied = Array.from(speech.text).map((ch, i) => [ch, s.text[speech.displayOffsets[i]!]]);
    // Every letter shown is sent as itself at its own offset; entity letters map to the & < > they replace.
    expect(copied.filter(([sent, shown]) => /[A-Za-z]/.test(shown ?? '') && sent !== shown)).toEqual([]);
    expectExactMap(s, speech);
  });

  it('expands abbreviations into the word they replace, swallowing an abbreviation’s full stop', () => {
    const s = section('Dr. Lee gives 5 mg of it, e.g. at night.');
    const speech = normaliseSection(s, { lang: 'en' });
    expect(speech.text).toContain('Doctor Lee gives 5 milligrams of it, for example at night.');
    const [start, end] = wordRange(s, 'mg');
    expect(spokenFor(s, speech.text, speech.displayOffsets, start, end)).toBe('milligrams');
    expectExactMap(s, speech);
  });

  it('spells units out in the reading text a person records from, in every language with a table', () => {
    // The reading text leaves the lexicon out (respellings would puzzle a human reader), so a unit
    // spelt out only there reached the reading script as "mg": a reader, and Festival in the bench, said "emme gi".
    const cases: [string, string, string][] = [
      ['it', 'Non più di 4000 mg in 24 ore.', '4000 milligrammi'],
      ['pt', 'Nunca mais de 4000 mg em 24 horas.', '4000 miligramas'],
      ['es', 'Nunca más de 4000 mg en 24 horas.', '4000 miligramos'],
      ['fr', 'Jamais plus de 4 000 mg en 24 heures.', '4 000 milligrammes'],
      ['en', 'Never more than 4,000 mg in 24 hours.', '4,000 milligrams'],
    ];
    for (const [lang, body, spoken] of cases) {
      const reading = readingText(section(body, lang), { lang, phoneNumbers: [] });
      expect(reading.text, lang).toContain(spoken);
    }
  });

  it('applies the pronunciation lexicon word by word, so the map stays inside the word', () => {
    const s = section('تنقل الأعصاب إشارات الألم إلى دماغك.', 'ar');
    const lexicon = { الأعصاب: 'الْأَعْصَابْ', دماغك: 'دِمَاغَكْ' };
    const speech = normaliseSection(s, { lang: 'ar', lexicon });
    expect(speech.text).toContain('تنقل الْأَعْصَابْ إشارات الألم إلى دِمَاغَكْ.');
    const [start, end] = wordRange(s, 'الأعصاب');
    expect(spokenFor(s, speech.text, speech.displayOffsets, start, end)).toBe('الْأَعْصَابْ');
    expectExactMap(s, speech);
  });

  it('matches lexicon entries regardless of case and prefers them to abbreviations', () => {
    const s = section('Ablation uses mg doses.');
    const speech = normaliseSection(s, { lang: 'en', lexicon: { ablation: 'ab-LAY-shun', mg: 'milligram' } });
    expect(speech.text).toContain('ab-LAY-shun uses milligram doses.');
  });

  it('splits hyphenated words so each display word gets its own engine word', () => {
    const s = section('Get an X-ray for follow-up care.');
    const speech = normaliseSection(s, { lang: 'en' });
    expect(speech.text).toContain('Get an X ray for follow up care.');
    expectExactMap(s, speech);
  });

  it('pauses after the heading and after each list item, adding a full stop where there is none', () => {
    const s = section('Intro text.\n\n- first item\n- second item.');
    const speech = normaliseSection(s, { lang: 'en', headingPauseMs: 500, itemPauseMs: 450 });
    expect(speech.text).toBe('Heading.<break time="500ms"/>\n\nIntro text.\n\nfirst item.<break time="450ms"/>\nsecond item.<break time="450ms"/>');
    // Inserted pauses map to the end of what they follow, never into a word.
    const breakAt = Array.from(speech.text).indexOf('<');
    expect(speech.displayOffsets[breakAt]).toBe('Heading'.length);
    expectExactMap(s, speech);
  });
});

describe('parseLexicon', () => {
  it('reads { words: { display: spoken } }', () => {
    expect(parseLexicon('{"words":{"ما":"مَا"}}', 'p.json')).toEqual({ ما: 'مَا' });
  });

  it('names the file and entry of a bad lexicon', () => {
    expect(() => parseLexicon('{"words":{"two words":"x","ok":""}}', 'locales/ar/pronunciation.json')).toThrow(InputError);
    try {
      parseLexicon('{"words":{"two words":"x"}}', 'locales/ar/pronunciation.json');
    } catch (error) {
      expect((error as InputError).problems[0]).toMatchObject({ file: 'locales/ar/pronunciation.json', where: 'words.two words' });
    }
    expect(() => parseLexicon('[1]', 'p.json')).toThrow(/expected \{ "words"/);
    expect(() => parseLexicon('{', 'p.json')).toThrow(/not valid JSON/);
  });
});
