// @vitest-environment node
/**
 * The aligner against another synthesizer's word times: Festival (Debian; .ci/run installs it) reads
 * two sections in English and two in Italian, and every word's aligned start is compared with
 * when Festival says it started. The full set of conditions (slower, faster, noise, five minutes) is
 * `npm run bench`; this keeps the everyday case from regressing. Skipped only where Festival or its
 * voices are not installed.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { festivalAvailable } from '../../scripts/audio/festival.ts';
import { alignOne, measureAlignment } from '../../bench/measure-alignment.ts';
import { planSpeech } from '../../scripts/audio/check-audio.ts';
import { loadEngine } from '../../scripts/audio/engine.ts';
import { buildContent } from '../../scripts/lib/build-content.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const available = festivalAvailable('en') && festivalAvailable('it');
/**
 * The goal for p95 is 50 ms; the full bench measures 28.7–47.9 ms across its conditions
 * (bench/measure-alignment.ts, 2026-12-01), and 33.6–54.7 ms on English text it was not tuned on. The
 * test guards against a regression well beyond that, while the bench reports the goal itself.
 */
const LIMIT_P95 = 100;

describe.skipIf(!available)('recording alignment against Festival', () => {
  it('places every word of English and Italian readings within the accuracy goals, refusing none', async () => {
    const result = await measureAlignment(root, { quick: true });
    expect(result.conditions.map((c) => c.lang)).toEqual(['en', 'it']);
    for (const c of result.conditions) {
      expect(c.refused, `${c.lang}: matching sections refused`).toBe(0);
      expect(c.measured, `${c.lang}: words with a reference time`).toBeGreaterThan(c.words * 0.9);
      expect(c.median, `${c.lang}: median error (ms)`).toBeLessThanOrEqual(20);
      expect(c.p95, `${c.lang}: p95 error (ms)`).toBeLessThanOrEqual(LIMIT_P95);
      // Not late on average: a word within a phrase starts where the change into its first sound
      // begins, not at eSpeak's event after it (before, these sections were +7.0 ms in English).
      expect(Math.abs(c.bias), `${c.lang}: signed mean error (ms)`).toBeLessThanOrEqual(6);
    }
  }, 300_000);

  it('keeps a word after a pause within the goal: one only the reader makes, a sentence pause in room noise, a pause the reader moved, and a pause with a blip in it', async () => {
    const content = buildContent(root);
    const [plan] = planSpeech(root, content, ['en']);
    const engine = await loadEngine();
    const section = (handout: string, id: string) => plan!.targets.find((t) => t.handout === handout && t.section.id === id)!;
    const wordIndex = (target: ReturnType<typeof section>, written: string) => target.section.words.findIndex((w) => target.section.text.slice(w.start, w.end) === written);
    // Festival read 15 % slower pauses after "controlling", where the text has no comma; the old
    // pause test missed the nasal still dying away into it and lit "your" 248 ms early.
    const why = section('nerve-ablation', 'why-used');
    const slower = await alignOne(engine, why, content.config.site, 1.15);
    expect(Math.abs(slower.byWord.get(wordIndex(why, 'your'))!), '"your" after the reader’s pause (ms)').toBeLessThanOrEqual(150);
    // "medicine. A kitchen" with noise at 20 dB: the 20 ms level lost the short "A" in the noise, and
    // the 5 ms level's band was too narrow to find it again (-114 and -159 ms).
    const children = section('acetaminophen', 'children');
    const noisy = await alignOne(engine, children, content.config.site, 1, 20);
    for (const word of ['A', 'kitchen'])
      expect(Math.abs(noisy.byWord.get(wordIndex(children, word))!), `"${word}" after the sentence pause, in noise (ms)`).toBeLessThanOrEqual(150);
    // Festival pauses in "tells you | to. If", eSpeak after "to": matching the two pauses swallowed
    // "to" before the reader's pause (-289 ms).
    const howMuch = section('acetaminophen', 'how-much');
    const reader = await alignOne(engine, howMuch, content.config.site, 1);
    const to = howMuch.section.words.findIndex(
      (w, k) =>
        k > 0 &&
        howMuch.section.text.slice(w.start, w.end) === 'to' &&
        howMuch.section.text.slice(howMuch.section.words[k - 1]!.start, howMuch.section.words[k - 1]!.end) === 'you',
    );
    expect(Math.abs(reader.byWord.get(to)!), '"to" after the reader’s pause that the text has after it (ms)').toBeLessThanOrEqual(150);
    // Festival read 15 % slower pauses 230 ms in "the label | says", with a blip under speech level
    // (the release of the "l") 15 ms into the pause: the pause test stopped at the blip, and "says"
    // lit up there, 233 ms early.
    const howMuchSlower = await alignOne(engine, howMuch, content.config.site, 1.15);
    expect(Math.abs(howMuchSlower.byWord.get(wordIndex(howMuch, 'says'))!), '"says" after the reader’s pause with a blip in it (ms)').toBeLessThanOrEqual(150);
    for (const result of [slower, noisy, reader, howMuchSlower]) expect(result.refused).toBe(false);
  }, 120_000);
});
