// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Section } from '../../src/content/model.ts';
import { compileHandout } from '../../scripts/lib/compile-handout.ts';
import { alignWords } from '../../scripts/audio/align.ts';
import type { EngineEvent } from '../../scripts/audio/engine.ts';
import { normaliseSection } from '../../scripts/audio/normalise.ts';
import { AUDIO_CASES } from '../fixtures/audio/cases.ts';

interface Recorded {
  speech: string;
  durationMs: number;
  events: EngineEvent[];
}

function load(name: string) {
  const c = AUDIO_CASES.find((x) => x.name === name)!;
  const section = compileHandout(c.markdown, { file: c.name, lang: c.lang, dir: 'ltr', placeholders: { nurseLine: c.nurseLine }, figures: new Set() }).sections[0]!;
  const speech = normaliseSection(section, { lang: c.lang, phoneNumbers: [c.nurseLine] });
  const recorded = JSON.parse(readFileSync(new URL(`../fixtures/audio/events-${name}.json`, import.meta.url), 'utf8')) as Recorded;
  return { section, speech, recorded, alignment: alignWords(section, speech, recorded.events, recorded.durationMs) };
}

const textOf = (section: Section, index: number) => section.text.slice(section.words[index]!.start, section.words[index]!.end);
const indexOf = (section: Section, written: string, nth = 0) => section.words.filter((w) => textOf(section, w.index) === written)[nth]!.index;

/** Times (s) of the real phonemes the engine reported at a 1-based position of the sent text. */
function phonemeTimes(recorded: Recorded, position: number): number[] {
  return recorded.events.filter((e) => e.type === 'phoneme' && e.id && e.textPosition === position).map((e) => e.audioPosition / 1000);
}

function expectWellFormed(section: Section, words: { index: number; start: number; end: number; chars: [number, number] }[], durationMs: number) {
  expect(words.map((w) => w.index)).toEqual(section.words.map((w) => w.index));
  words.forEach((w, i) => {
    expect(w.chars).toEqual([section.words[i]!.start, section.words[i]!.end]);
    expect(w.end).toBeGreaterThanOrEqual(w.start);
    expect(w.end).toBeLessThanOrEqual(durationMs / 1000);
    if (i > 0) expect(w.start).toBeGreaterThanOrEqual(words[i - 1]!.end);
  });
}

describe('alignWords on recorded eSpeak NG events', () => {
  it('the recordings still match what the normaliser sends (else re-run tests/fixtures/audio/record.ts)', () => {
    for (const c of AUDIO_CASES) expect(load(c.name).speech.text).toBe(load(c.name).recorded.speech);
  });

  it('times every English word once, in order, within the audio', () => {
    const { section, alignment, recorded } = load('en');
    expect(alignment.skipped).toEqual([]);
    expectWellFormed(section, alignment.words, recorded.durationMs);
    expect(alignment.words.every((w) => w.end > w.start)).toBe(true);
  });

  it('starts a word at its first real phoneme, not at the engine’s early word event', () => {
    const { section, alignment, recorded, speech } = load('en');
    // "Nerve" follows a sentence pause: its word event comes before its first phoneme.
    const nerve = indexOf(section, 'Nerve');
    const position = Array.from(speech.text).findIndex((_, i) => speech.displayOffsets[i] === section.words[nerve]!.start) + 1;
    const wordEvent = recorded.events.find((e) => e.type === 'word' && e.textPosition === position)!;
    expect(alignment.words[nerve]!.start).toBe(phonemeTimes(recorded, position)[0]);
    expect(alignment.words[nerve]!.start).toBeGreaterThanOrEqual(wordEvent.audioPosition / 1000);
  });

  it("keeps, per word, the silent start of its first sound that the engine's word event counts: a stop's closure", () => {
    const { section, alignment, recorded, speech } = load('en');
    const positionOf = (word: number) => Array.from(speech.text).findIndex((_, i) => speech.displayOffsets[i] === section.words[word]!.start) + 1;
    for (const [written, closed] of [
      ['Get', true],
      ['Call', true],
      ['Nerve', false],
    ] as const) {
      const word = indexOf(section, written);
      const position = positionOf(word);
      const wordEvent = recorded.events.find((e) => e.type === 'word' && e.textPosition === position)!;
      const lead = phonemeTimes(recorded, position)[0]! - wordEvent.audioPosition / 1000;
      expect(alignment.leadIns[word], written).toBeCloseTo(lead, 6);
      expect(lead > 0, written).toBe(closed);
    }
    // "the" of "in the" shares its engine word with "in": its first phoneme is not that word's first.
    expect(alignment.leadIns[indexOf(section, 'the', 1)]).toBe(0);
    expect(alignment.leadIns.every((s) => s >= 0 && s <= 0.1)).toBe(true);
  });

  it('ends a word at the pause after its last phoneme', () => {
    const { section, alignment, recorded } = load('en');
    const everyone = alignment.words[indexOf(section, 'everyone')]!;
    const pause = recorded.events.find((e) => e.type === 'phoneme' && !e.id && e.audioPosition / 1000 > everyone.start)!;
    expect(everyone.end).toBe(pause.audioPosition / 1000);
  });

  it('shares out a word the engine folded into the one before ("in the", "does not")', () => {
    const { section, alignment, recorded } = load('en');
    for (const [first, second, firstPhonemes] of [
      ['in', 'the', 2],
      ['does', 'not', 3],
    ] as const) {
      const a = indexOf(section, first);
      const b = a + 1;
      expect(textOf(section, b)).toBe(second);
      // Both words' phonemes were reported at the first word's position.
      const position = recorded.events.find((e) => e.type === 'word' && Math.abs(e.audioPosition / 1000 - alignment.words[a]!.start) < 0.08)!.textPosition;
      const times = phonemeTimes(recorded, position);
      expect(alignment.words[a]!.start).toBe(times[0]);
      expect(alignment.words[b]!.start).toBe(times[firstPhonemes]);
      expect(alignment.words[a]!.end).toBe(alignment.words[b]!.start);
    }
  });

  it('gives a word back its engine word when the engine reports it at its neighbour’s position ("Most of")', () => {
    const { section, alignment, recorded } = load('en');
    const most = indexOf(section, 'Most');
    const of = most + 1;
    // The engine reported "of" one code point after the start of "Most", on its "o".
    const words = recorded.events.filter((e) => e.type === 'word');
    const mostEvent = words.find((e) => Math.abs(e.audioPosition / 1000 - alignment.words[most]!.start) < 0.08)!;
    const ofEvent = words.find((e) => e.textPosition === mostEvent.textPosition + 1)!;
    expect(ofEvent).toBeDefined();
    expect(alignment.words[of]!.start).toBeCloseTo(ofEvent.audioPosition / 1000, 3);
    expect(alignment.words[of]!.end).toBeGreaterThan(alignment.words[of]!.start);
  });

  it('keeps the nurse line one word although the engine says three', () => {
    const { section, alignment } = load('en');
    const nurse = alignment.words[indexOf(section, '811')]!;
    expect(nurse.end - nurse.start).toBeGreaterThan(0.6); // "eight one one"
  });

  it('groups Chinese per-character events into the display’s words', () => {
    const { section, alignment, recorded, speech } = load('zh');
    expect(alignment.skipped).toEqual([]);
    expectWellFormed(section, alignment.words, recorded.durationMs);
    const word = indexOf(section, '小时');
    const [start, end] = alignment.words[word]!.chars;
    const positions = Array.from(speech.text)
      .map((_, i) => i + 1)
      .filter((p) => speech.displayOffsets[p - 1]! >= start && speech.displayOffsets[p - 1]! < end);
    expect(positions).toHaveLength(2);
    const 小 = phonemeTimes(recorded, positions[0]!);
    const 时 = phonemeTimes(recorded, positions[1]!);
    expect(小.length).toBeGreaterThan(0);
    expect(时.length).toBeGreaterThan(0);
    expect(alignment.words[word]!.start).toBe(小[0]);
    expect(alignment.words[word]!.end).toBeGreaterThan(时[时.length - 1]!);
  });

  it('gives a word the engine did not speak a zero-length slot between its neighbours', () => {
    const section = compileHandout('---\nid: t\nsummary: s\nsource: s\nlicence: s\ntranslation: original\n---\n\n# T\n\n## One two three {#s}\n\nFour.\n', {
      file: 't',
      lang: 'en',
      dir: 'ltr',
      placeholders: {},
      figures: new Set(),
    }).sections[0]!;
    const speech = normaliseSection(section, { lang: 'en' });
    const pos = (written: string) => Array.from(speech.text).findIndex((_, i) => section.text.slice(speech.displayOffsets[i]).startsWith(written)) + 1;
    const ev = (type: EngineEvent['type'], textPosition: number, audioPosition: number, id?: string): EngineEvent => ({
      type,
      textPosition,
      wordLength: 3,
      audioPosition,
      ...(id === undefined ? {} : { id }),
    });
    const events: EngineEvent[] = [
      ev('word', pos('One'), 0),
      ev('phoneme', pos('One'), 10, 'w'),
      ev('phoneme', pos('One'), 100, 'ʌ'),
      ev('phoneme', pos('One'), 200, 'n'),
      ev('phoneme', pos('One'), 300, ''), // pause
      ev('word', pos('two'), 400), // spoken as nothing
      ev('word', pos('three'), 500),
      ev('phoneme', pos('three'), 520, 'θ'),
      ev('phoneme', pos('three'), 600, 'ɹ'),
      ev('phoneme', pos('three'), 700, 'iː'),
      ev('phoneme', pos('three'), 900, ''),
      ev('word', pos('Four'), 1000),
      ev('phoneme', pos('Four'), 1010, 'f'),
      ev('phoneme', pos('Four'), 1100, 'ɔːɹ'),
      ev('end', 30, 1300),
    ];
    const alignment = alignWords(section, speech, events, 1300);
    expect(alignment.skipped).toEqual([1]);
    expect(alignment.words[0]).toMatchObject({ start: 0.01, end: 0.3 });
    expect(alignment.words[1]).toMatchObject({ start: 0.41, end: 0.41 }); // halfway between 0.3 and 0.52
    expect(alignment.words[2]).toMatchObject({ start: 0.52, end: 0.9 });
    expect(alignment.words[3]).toMatchObject({ start: 1.01, end: 1.3 });
    expect(alignment.sentences[0]).toMatchObject({ start: 0.01, end: 0.9 });
  });
});
