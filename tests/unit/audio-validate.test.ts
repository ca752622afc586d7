// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileHandout } from '../../scripts/lib/compile-handout.ts';
import { alignWords } from '../../scripts/audio/align.ts';
import { normaliseSection } from '../../scripts/audio/normalise.ts';
import { GENERATED, sha256, type TimingsFile } from '../../scripts/audio/timings.ts';
import { validateTimings } from '../../scripts/audio/validate-timings.ts';
import { AUDIO_CASES } from '../fixtures/audio/cases.ts';

const c = AUDIO_CASES.find((x) => x.name === 'en')!;
const section = compileHandout(c.markdown, { file: 'en', lang: 'en', dir: 'ltr', placeholders: { nurseLine: '811' }, figures: new Set() }).sections[0]!;
const speech = normaliseSection(section, { lang: 'en', phoneNumbers: ['811'] });
const recorded = JSON.parse(readFileSync(new URL('../fixtures/audio/events-en.json', import.meta.url), 'utf8'));
const alignment = alignWords(section, speech, recorded.events, recorded.durationMs);
const duration = recorded.durationMs / 1000;

function good(): TimingsFile {
  return structuredClone({
    _generated: GENERATED,
    version: 1,
    lang: 'en',
    handout: 'demo',
    section: section.id,
    textHash: sha256(section.text),
    speechHash: sha256(speech.text),
    source: 'espeak-ng',
    voice: 'en-us',
    wordsPerMinute: 145,
    duration,
    audio: `${section.id}.webm`,
    words: alignment.words,
    sentences: alignment.sentences,
  });
}

const check = (json: unknown, audioSeconds = duration) => validateTimings(json, section, audioSeconds, 'audio/en/demo/follow-up.json');
const messages = (json: unknown, audioSeconds = duration) => check(json, audioSeconds).map((p) => `${p.where ?? ''}: ${p.message}`);

describe('validateTimings', () => {
  it('accepts timings made from the section', () => {
    expect(check(good())).toEqual([]);
  });

  it('rejects what is not a timings object', () => {
    expect(messages(null)).toEqual([': null is not allowed; expected an object; run npm run audio']);
    expect(messages([])).toHaveLength(1);
    const t = good() as unknown as Record<string, unknown>;
    delete t.words;
    t.sentences = 'x';
    expect(messages(t)).toEqual(['words: is missing; expected a list ([...]); run npm run audio', 'sentences: "x" is not allowed; expected a list ([...]); run npm run audio']);
  });

  it('names a malformed word entry', () => {
    const t = good();
    (t.words[2] as unknown as Record<string, unknown>).start = 'soon';
    expect(messages(t)).toEqual(['words.2.start: "soon" is not allowed; expected a number; run npm run audio']);
  });

  it('calls timings for changed text stale', () => {
    const t = good();
    t.textHash = sha256(`${section.text} (edited)`);
    expect(messages(t)).toEqual(['textHash: is stale: the section text has changed since this audio was made; run npm run audio']);
  });

  it('finds a word without a timing and a word timed twice', () => {
    const missing = good();
    missing.words.splice(3, 1);
    expect(messages(missing).join('\n')).toMatch(/words: have no timing for 1 word: 3 "Most"/);
    const twice = good();
    twice.words[4] = { ...twice.words[3]! };
    const found = messages(twice).join('\n');
    expect(found).toMatch(/words\.4: word 3 is timed twice \(also at words\.3\)/);
    expect(found).toMatch(/no timing for 1 word: 4 "of"/);
  });

  it('finds words out of order and words that overlap', () => {
    const swapped = good();
    [swapped.words[5], swapped.words[6]] = [swapped.words[6]!, swapped.words[5]!];
    expect(messages(swapped).join('\n')).toMatch(/words\.6: word 5 comes after word 6: words are out of order/);
    const overlap = good();
    overlap.words[6]!.start = overlap.words[5]!.end - 0.05;
    expect(messages(overlap)).toEqual([`words.6: starts at ${overlap.words[6]!.start} s, before the previous word ends (${overlap.words[5]!.end} s): overlap`]);
  });

  it('finds a word whose characters are not the section’s', () => {
    const t = good();
    t.words[1]!.chars = [t.words[1]!.chars[0], t.words[1]!.chars[1] + 1];
    expect(messages(t)[0]).toMatch(/^words\.1: chars \[\d+, \d+\] do not match word 1 "up"/);
  });

  it('finds timings that run past the audio, or an audio of another length', () => {
    const t = good();
    const last = t.words[t.words.length - 1]!;
    last.end = duration + 1;
    expect(messages(t).join('\n')).toMatch(/ends at [\d.]+ s, after the audio/);
    expect(messages(good(), duration + 2).join('\n')).toMatch(/duration: says [\d.]+ s but the audio lasts/);
  });

  it('checks sentences too', () => {
    const t = good();
    t.sentences.pop();
    t.sentences[1]!.start = t.sentences[0]!.end - 1;
    const found = messages(t).join('\n');
    expect(found).toMatch(/sentences: has \d+ entries; the section has \d+ sentences/);
    expect(found).toMatch(/sentences\.1: starts at .* before the previous sentence ends/);
  });
});
