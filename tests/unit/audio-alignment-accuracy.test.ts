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
import { measureAlignment } from '../../bench/measure-alignment.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const available = festivalAvailable('en') && festivalAvailable('it');
/**
 * The goal for p95 is 50 ms; the full bench measures 31–57 ms across its conditions
 * (bench/measure-alignment.ts, 2026-11-30), over 50 in English read 15 % slower. The test guards
 * against a regression well beyond that, while the bench reports the goal itself.
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
    }
  }, 300_000);
});
