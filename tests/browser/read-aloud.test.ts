/**
 * The heart of the kiosk, in a real Chromium: a section plays from its prepared audio and the word
 * highlight follows the audio clock; a tapped word plays from there; navigation stops speech at once.
 */
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseLanguage, launchChromium, openKiosk } from './browser';
import { outOfStep, sampleHighlight } from './highlight';
import { RECORD_MEDIA, SPEECH_PLAYING } from './media';
import { readTimings } from '../../scripts/audio/timings.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const timings = (section: string) => readTimings(fileURLToPath(new URL('../../audio', import.meta.url)), `en/nerve-ablation/${section}.json`);

async function openEnglish() {
  const kiosk = await openKiosk(browser);
  await kiosk.page.addInitScript(RECORD_MEDIA);
  await kiosk.page.reload();
  await kiosk.page.waitForSelector('html[data-kiosk="ready"] [data-language]');
  await chooseLanguage(kiosk.page, 'en');
  return kiosk;
}

describe('reading aloud in Chromium', () => {
  it('plays the section and the highlighted word follows the audio clock', async () => {
    const kiosk = await openEnglish();
    const { page } = kiosk;
    await page.click('[data-action="play"]');
    await page.waitForSelector('[data-action="play"][data-status="playing"]');
    const samples = await sampleHighlight(page, 3000);
    expect(samples.length).toBeGreaterThan(60);
    const wrong = outOfStep(samples, timings('what-it-is').words, 1);
    expect(wrong, JSON.stringify(wrong.slice(0, 5))).toEqual([]);
    expect(new Set(samples.map((s) => s.word)).size).toBeGreaterThan(3);
    // At each change of the highlighted word: every word once, in order, and the change within a
    // frame of that word's start on the audio clock.
    const changes = samples.filter((sample, i) => i === 0 || sample.word !== samples[i - 1]!.word);
    const order = changes.map((c) => c.word);
    expect(order, 'each word highlighted once, in order').toEqual(order.map((_, i) => order[0]! + i));
    const words = timings('what-it-is').words;
    for (const change of changes.slice(1)) {
      const start = words.find((w) => w.index === change.word)!.start;
      const frame = Math.max(change.gap, 1000 / 60) / 1000;
      expect(change.time - start, `word ${change.word} highlighted at ${change.time} s, starts at ${start} s`).toBeGreaterThanOrEqual(-frame - 0.02);
      expect(change.time - start, `word ${change.word} highlighted at ${change.time} s, starts at ${start} s`).toBeLessThanOrEqual(frame + 0.002);
    }
    expect(await page.getAttribute('.sentence--current', 'aria-current')).toBe('true');
    expect(kiosk.problems).toEqual([]);
    await kiosk.close();
  });

  it('reads from a tapped word', async () => {
    const kiosk = await openEnglish();
    const { page } = kiosk;
    const target = page.locator('.word', { hasText: /^signals$/ }).first();
    const index = Number(await target.getAttribute('data-word'));
    await target.click();
    await page.waitForSelector('[data-action="play"][data-status="playing"]');
    const start = timings('what-it-is').words.find((w) => w.index === index)!.start;
    const first = (await sampleHighlight(page, 300))[0]!;
    expect(first.time).toBeGreaterThanOrEqual(start - 0.05);
    expect(first.word).toBeGreaterThanOrEqual(index);
    await kiosk.close();
  });

  it('stops speech at once when the patient moves to the next section', async () => {
    const kiosk = await openEnglish();
    const { page } = kiosk;
    await page.click('[data-action="play"]');
    await page.waitForSelector('[data-action="play"][data-status="playing"]');
    await page.click('[data-action="next"]');
    expect(await page.evaluate(SPEECH_PLAYING)).toBe(0);
    expect(await page.locator('.word--current').count()).toBe(0);
    expect(await page.getAttribute('[data-action="play"]', 'data-status')).toBe('idle');
    await kiosk.close();
  });

  it('plays at another speed with the highlight still in step', async () => {
    const kiosk = await openEnglish();
    const { page } = kiosk;
    await page.click('[data-action="settings"]');
    await page.click('[data-choice="1.5"]');
    await page.click('dialog [data-action="close"]');
    await page.click('[data-action="play"]');
    await page.waitForSelector('[data-action="play"][data-status="playing"]');
    const samples = await sampleHighlight(page, 2000);
    const rate = await page.evaluate(
      () =>
        (window as unknown as { __media: HTMLMediaElement[] }).__media.find((m) => !m.paused && m.currentSrc.endsWith('.webm') && !/\/[0-9a-f]{16}-/.test(m.currentSrc))
          ?.playbackRate,
    );
    expect(rate).toBe(1.5);
    const wrong = outOfStep(samples, timings('what-it-is').words, 1.5);
    expect(wrong, JSON.stringify(wrong.slice(0, 5))).toEqual([]);
    await kiosk.close();
  });
});
