/**
 * Recorded narration end to end (issue #17): a "recording" of a section (made in the test: eSpeak's
 * Scottish voice, faster than the kiosk's, with long pauses and room noise, as WAV) is dropped into
 * recordings/, `npm run audio` aligns it, the kiosk is built, and in Chromium the section is read
 * in that voice with the highlight in step: against the recording's timings, and against the
 * reading's own word times, which the kiosk's code never sees.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAudio } from '../../scripts/audio/build.ts';
import { readTimings } from '../../scripts/audio/timings.ts';
import { buildContentRoot } from '../helpers/build-content-root.ts';
import { fakeReading, makeProject, SECTION_TEXT } from '../helpers/recording-project.ts';
import { chooseLanguage, launchChromium, openKioskAt } from './browser';
import { outOfStep, sampleHighlight } from './highlight';
import { RECORD_MEDIA } from './media';

const project = fileURLToPath(new URL('../..', import.meta.url));

let browser: Browser;
let server: PreviewServer;
let dir: string;
let url: string;
/** When each display word starts in the WAV, and how much lead-in the build trimmed from it (s). */
let starts: number[];
let cut: number;

beforeAll(async () => {
  dir = makeProject({ kiosk: true });
  const reading = await fakeReading(dir, SECTION_TEXT, 175);
  starts = reading.starts;
  mkdirSync(join(dir, 'recordings', 'en', 'demo'), { recursive: true });
  writeFileSync(join(dir, 'recordings', 'en', 'demo', 'what.wav'), reading.wav);
  const lines: string[] = [];
  await buildAudio({ root: dir, log: (line) => lines.push(line) });
  const trimmed = /recorded {2}recordings\/en\/demo\/what\.wav: .*?([\d.]+) s and [\d.]+ s of silence trimmed/.exec(lines.join('\n'));
  if (!trimmed) throw new Error(`the audio build did not use the recording:\n${lines.join('\n')}`);
  cut = Number(trimmed[1]);
  const outDir = await buildContentRoot(dir);
  process.env.KIOSK_CONTENT_ROOT = dir;
  try {
    server = await preview({ root: project, logLevel: 'silent', build: { outDir }, preview: { port: 0, host: '127.0.0.1' } });
  } finally {
    delete process.env.KIOSK_CONTENT_ROOT;
  }
  url = server.resolvedUrls?.local[0] ?? '';
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a staff recording on the kiosk', () => {
  it('is read aloud in the recorded voice, with the highlight in step with it', async () => {
    const timings = readTimings(join(dir, 'audio'), 'en/demo/what.json');
    expect(timings.source).toBe('recording');
    const kiosk = await openKioskAt(browser, url, { width: 1920, height: 1080 }, { serviceWorkers: 'block' });
    const { page } = kiosk;
    await page.addInitScript(RECORD_MEDIA);
    await page.reload();
    await page.locator('html[data-kiosk="ready"] [data-language]').first().waitFor();
    await chooseLanguage(page, 'en', 'demo');
    await page.click('[data-action="play"]');
    await page.waitForSelector('[data-action="play"][data-status="playing"]');
    // The heading, its long pause and the first sentence or two.
    const samples = await sampleHighlight(page, 4500);

    // The element playing is the recording: its length is the trimmed recording's, not eSpeak's.
    const duration = await page.evaluate(
      () =>
        (window as unknown as { __media: HTMLMediaElement[] }).__media.find((m) => !m.paused && m.currentSrc.endsWith('.webm') && !/\/[0-9a-f]{16}-/.test(m.currentSrc))
          ?.duration ?? 0,
    );
    expect(duration).toBeCloseTo(timings.duration, 1);

    expect(samples.length).toBeGreaterThan(60);
    const wrong = outOfStep(samples, timings.words, 1);
    expect(wrong, JSON.stringify(wrong.slice(0, 5))).toEqual([]);
    const changes = samples.filter((sample, i) => i === 0 || sample.word !== samples[i - 1]?.word);
    const order = changes.map((c) => c.word);
    expect(order.length).toBeGreaterThanOrEqual(6);
    expect(order, 'each word highlighted once, in order').toEqual(order.map((_, i) => (order[0] ?? 0) + i));
    // Against the reading itself: each word lights up when the reader says it (on the recording's
    // own clock, less the lead-in the build trimmed), within the alignment's error and a frame.
    for (const change of changes.slice(1)) {
      const said = (starts[change.word] ?? Number.NaN) - cut;
      expect(Math.abs(change.time - said), `word ${change.word} highlighted at ${change.time.toFixed(3)} s of the recording, said at ${said.toFixed(3)} s`).toBeLessThan(0.15);
    }
    expect(kiosk.problems).toEqual([]);
    await kiosk.close();
  });
});
