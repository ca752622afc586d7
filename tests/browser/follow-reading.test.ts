/**
 * "Follow the reading" in a real Chromium, where the text has layout: the reader scrolls the text to
 * keep the word being spoken in view, stops the moment the patient scrolls by hand (and shows the
 * button), and scrolls back to the spoken word when the button is pressed. On the fixture library
 * (tests/fixtures/ui-content), whose long section overflows a small screen at the largest text size.
 * The jsdom side (which gestures count, when the button shows) is tests/ui/follow-reading.test.tsx.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../../scripts/server/listen.ts';
import { createStaticSite } from '../../scripts/server/static-site.ts';
import { buildContentRoot } from '../helpers/build-content-root.ts';
import { axeInPage, chooseLanguage, launchChromium, openKioskAt, type KioskPage } from './browser';
import { RECORD_MEDIA } from './media';

const FIXTURE = fileURLToPath(new URL('../fixtures/ui-content', import.meta.url));

let browser: Browser;
let server: { url: string; close(): Promise<void> };
let dir: string;

beforeAll(async () => {
  // A copy, so the build's output stays out of the repository; its ui.json links become files.
  dir = mkdtempSync(join(tmpdir(), 'kiosk-follow-'));
  cpSync(FIXTURE, dir, { recursive: true, dereference: true, filter: (path) => !/[\\/](\.generated|dist)$/.test(path) });
  server = await listen(createStaticSite(await buildContentRoot(dir)).handle, 0);
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Where the text area and the spoken word are, in viewport pixels, and how far the text is scrolled. */
interface View {
  scrollTop: number;
  /** How much taller the text is than its area. */
  overflow: number;
  area: { top: number; bottom: number };
  /** The word being read, or null between words. */
  word: { index: number; top: number; bottom: number } | null;
  follow: boolean;
}

const view = (page: Page): Promise<View> =>
  page.evaluate(() => {
    const area = document.querySelector<HTMLElement>('.reader__scroll')!;
    const box = area.getBoundingClientRect();
    const current = document.querySelector<HTMLElement>('.word--current');
    const word = current?.getBoundingClientRect();
    return {
      scrollTop: area.scrollTop,
      overflow: area.scrollHeight - area.clientHeight,
      area: { top: box.top, bottom: box.bottom },
      word: current && word ? { index: Number(current.dataset.word), top: word.top, bottom: word.bottom } : null,
      follow: document.querySelector('[data-action="follow"]') !== null,
    };
  });

const inView = (v: View) => v.word !== null && v.word.top >= v.area.top && v.word.bottom <= v.area.bottom;

/**
 * The fixture's long section ("The pond"), in English at the largest text on a small landscape screen,
 * read aloud from a word in the last visible line: the next word to be read is below the fold.
 */
async function readingBelowTheFold(): Promise<KioskPage> {
  const kiosk = await openKioskAt(browser, server.url, { width: 1024, height: 600 }, { serviceWorkers: 'block' });
  const { page } = kiosk;
  await page.addInitScript(RECORD_MEDIA);
  await page.reload();
  await page.locator('html[data-kiosk="ready"] [data-language]').first().waitFor();
  await chooseLanguage(page, 'en', 'garden');
  await page.click('[data-action="settings"]');
  await page.click('[data-choice="extra-large"]');
  await page.click('dialog [data-action="close"]');
  await page.click('[data-action="sections"]');
  await page.click('dialog [data-section="pond"]');
  await page.locator('dialog').waitFor({ state: 'detached' });
  // The lowest word wholly inside the text area.
  const lowest = await page.evaluate(() => {
    const area = document.querySelector('.reader__scroll')!.getBoundingClientRect();
    const words = [...document.querySelectorAll<HTMLElement>('.section-text [data-word]')].filter((w) => {
      const box = w.getBoundingClientRect();
      return box.height > 0 && box.bottom <= area.bottom && !w.closest('.term');
    });
    return words.at(-1)!.dataset.word!;
  });
  await page.click(`.section-text [data-word="${lowest}"]`);
  await page.waitForSelector('[data-action="play"][data-status="playing"]');
  return kiosk;
}

describe('following the reading in Chromium', () => {
  it('scrolls the text so the spoken word stays in view as the reading moves down the section', async () => {
    const kiosk = await readingBelowTheFold();
    const { page } = kiosk;
    const start = await view(page);
    expect(start.overflow, 'the section is taller than its area').toBeGreaterThan(200);
    // Sampled for three seconds of reading: the text moves down, and the word read is always in view.
    const samples: View[] = [];
    for (let i = 0; i < 15; i++) {
      samples.push(await view(page));
      await page.waitForTimeout(200);
    }
    const spoken = samples.filter((s) => s.word !== null);
    expect(spoken.length).toBeGreaterThan(10);
    expect(
      spoken.filter((s) => !inView(s)),
      'samples with the spoken word out of view',
    ).toEqual([]);
    expect(Math.max(...samples.map((s) => s.scrollTop)), 'the text scrolled down to the word').toBeGreaterThan(start.scrollTop + 40);
    expect(new Set(spoken.map((s) => s.word!.index)).size, 'the reading moved on').toBeGreaterThan(3);
    expect(
      samples.some((s) => s.follow),
      'no button while following',
    ).toBe(false);
    expect(kiosk.problems).toEqual([]);
    await kiosk.close();
  });

  it('stops following when the patient scrolls, shows "Follow the reading", and goes back to the word when it is pressed', async () => {
    const kiosk = await readingBelowTheFold();
    const { page } = kiosk;
    await page.waitForFunction(() => document.querySelector('.reader__scroll')!.scrollTop > 0);
    // The patient scrolls back to the top with the mouse wheel (a finger drag counts the same way).
    const area = page.locator('.reader__scroll');
    await area.hover();
    await page.mouse.wheel(0, -5000);
    await page.waitForSelector('[data-action="follow"]');
    await page.waitForFunction(() => document.querySelector('.reader__scroll')!.scrollTop === 0);
    const scrolled = await view(page);
    // The reading goes on out of sight, and the text stays where the patient put it.
    await page.waitForTimeout(2000);
    const later = await view(page);
    expect(later.word?.index ?? -1, 'the reading went on').toBeGreaterThan(scrolled.word?.index ?? -1);
    expect(later.scrollTop, 'the text stays where the patient scrolled it').toBe(0);
    expect(inView(later), 'the word being read is out of view').toBe(false);
    expect(later.follow).toBe(true);
    // The button passes axe in place, layout rules included.
    expect(await axeInPage(page)).toEqual([]);

    await page.click('[data-action="follow"]');
    await page.waitForSelector('[data-action="follow"]', { state: 'detached' });
    await page.waitForFunction(() => {
      const area = document.querySelector('.reader__scroll')!.getBoundingClientRect();
      const word = document.querySelector('.word--current')?.getBoundingClientRect();
      return word !== undefined && word.top >= area.top && word.bottom <= area.bottom;
    });
    const back = await view(page);
    expect(back.scrollTop, 'scrolled back down to the word').toBeGreaterThan(40);
    // And it follows again as the reading moves on.
    await page.waitForTimeout(1500);
    const after = await view(page);
    expect(after.word?.index ?? -1).toBeGreaterThan(back.word?.index ?? -1);
    expect(inView(after)).toBe(true);
    expect(kiosk.problems).toEqual([]);
    await kiosk.close();
  });
});
