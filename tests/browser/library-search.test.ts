/**
 * Issue #24: finding a handout in a library of a hundred. A kiosk is built from a generated library
 * (bench/generate-library.ts: 100 handouts, English and Arabic, four featured), and handouts picked
 * at random by a seed are reached from the library by touch in at most 3 touches, and by the keypad
 * (its own keys, which turn self-voicing on) in at most 15 presses; each new screen is axe-clean,
 * fits the screen without scrolling (a scroll would be one more touch), and in portrait keeps its
 * controls within a seated patient's reach.
 *
 * Another seed: `LIBRARY_SEED=7 npx vitest run --project browser tests/browser/library-search.test.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildContentRoot } from '../helpers/build-content-root.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLibrary, planLibrary, seededRandom, type GeneratedLibrary, type LibraryOptions } from '../../bench/generate-library.ts';
import { listen } from '../../scripts/server/listen.ts';
import { createStaticSite } from '../../scripts/server/static-site.ts';
import { ALL_TOPIC, buildLibraryIndex, rangesOf } from '../../src/content/library-index';
import { DEFAULT_MOUNTING, reachLines } from '../../src/kiosk/reach';
import { axeInPage, launchChromium, openKioskAt, type KioskPage } from './browser';

const SEED = Number(process.env.LIBRARY_SEED ?? 2411);
const LANGUAGES = ['en', 'ar'] as const;
const TARGETS_PER_LANGUAGE = 3;
const LANDSCAPE = { width: 1920, height: 1080 };
const PORTRAIT = { width: 1080, height: 1920 };
const OPTIONS: LibraryOptions = { handouts: 100, languages: [...LANGUAGES], featured: 4, seed: SEED };

let browser: Browser;
let server: { url: string; close(): Promise<void> };
let dir: string;
let library: GeneratedLibrary;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-library-'));
  library = generateLibrary(dir, OPTIONS);
  server = await listen(createStaticSite(await buildContentRoot(dir)).handle, 0);
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The handouts to find, by seed: the same ones every run with the same seed (the plan is the library's, before it is written). */
function targets(lang: string): string[] {
  const { handouts } = planLibrary(OPTIONS);
  const random = seededRandom(SEED + lang.length * 1000 + lang.charCodeAt(0));
  return Array.from({ length: TARGETS_PER_LANGUAGE }, () => handouts[Math.floor(random() * handouts.length)]!.id);
}

/**
 * Where a handout is on the "all, A to Z" screen: its range and the range's labels, as the kiosk
 * computes them (content/library-index). The test checks the page shows the same labels, then goes
 * where a patient reading them would.
 */
function placeOf(lang: string, id: string) {
  const handouts = library.handouts.map((h) => ({ id: h.id, title: h.titles[lang]!, summary: '', sectionCount: 1, topics: h.topics }));
  const index = buildLibraryIndex({ handouts, featured: library.featured, lang, topicName: (topic) => topic });
  if (index.mode !== 'browse') throw new Error('a library of 100 is browsed');
  const ranges = rangesOf(index.topics.find((t) => t.id === ALL_TOPIC)!.handouts, lang);
  const range = ranges.findIndex((r) => r.handouts.some((h) => h.id === id));
  return { labels: ranges.map((r) => r.label), range };
}

/** A touch where the control is, as a finger gives it. Counts it. */
async function touch(page: Page, selector: string, count: { touches: number }) {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`${selector} is not on screen`);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  count.touches++;
}

/** A key as the kiosk's keypad sends it (Playwright's keyboard has no F13–F24). Counts it. */
const KEYPAD = { up: 'F13', down: 'F14', left: 'F15', right: 'F16', enter: 'F17', back: 'F18' } as const;
async function key(page: Page, action: keyof typeof KEYPAD, count: { keys: number }) {
  await page.evaluate((code) => window.dispatchEvent(new KeyboardEvent('keydown', { code, key: code, bubbles: true, cancelable: true })), KEYPAD[action]);
  count.keys++;
}

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { handout: el?.dataset.handout ?? null, topic: el?.dataset.topic ?? null, range: el?.dataset.range ?? null };
  });

async function openLibrary(lang: string, viewport = LANDSCAPE): Promise<KioskPage> {
  const kiosk = await openKioskAt(browser, server.url, viewport, { serviceWorkers: 'block' });
  await kiosk.page.click(`[data-language="${lang}"]`);
  await kiosk.page.locator('[data-library="home"]').waitFor();
  return kiosk;
}

/**
 * Nothing on the screen needs scrolling to be reached (a scroll would be one more touch): no part of
 * the library scrolls, and every control is wholly inside the window. Every control is at least
 * 76 px each way.
 */
async function expectWholeScreen(page: Page) {
  const report = await page.evaluate(() => {
    const main = document.querySelector('main')!;
    const scrolling = [main, ...main.querySelectorAll<HTMLElement>('*')]
      .filter((el) => el.scrollHeight > el.clientHeight + 1 && /auto|scroll/.test(getComputedStyle(el).overflowY))
      .map((el) => el.className);
    const controls = [...document.querySelectorAll<HTMLElement>('#app button')]
      .filter((el) => el.getClientRects().length > 0)
      .map((el) => {
        const r = el.getBoundingClientRect();
        return { name: el.textContent?.trim().slice(0, 30), top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height };
      });
    return { scrolling, controls, width: innerWidth, height: innerHeight };
  });
  expect(report.scrolling).toEqual([]);
  for (const c of report.controls) {
    expect(c.top >= -0.5 && c.bottom <= report.height + 0.5 && c.left >= -0.5 && c.right <= report.width + 0.5, `${c.name} is on screen`).toBe(true);
    expect(Math.min(c.width, c.height), `${c.name} is a large target`).toBeGreaterThanOrEqual(76);
  }
}

describe.each(LANGUAGES)('in %s', (lang) => {
  it.each(targets(lang))(`reaches handout %s in at most 3 touches (seed ${SEED})`, async (id) => {
    const kiosk = await openLibrary(lang);
    const { page } = kiosk;
    const count = { touches: 0 };
    const featured = library.featured.includes(id);
    if (featured) {
      await touch(page, `[data-library="home"] [data-handout="${id}"]`, count);
    } else {
      await touch(page, '[data-topic="*all"]', count);
      await page.locator('[data-library="topic"]').waitFor();
      const { labels, range } = placeOf(lang, id);
      expect(await page.locator('[data-range]').allTextContents()).toEqual(labels);
      if (range > 0) await touch(page, `[data-range="${range}"]`, count);
      await expectWholeScreen(page);
      await touch(page, `[data-handout="${id}"]`, count);
    }
    await page.locator('.section-text').first().waitFor();
    expect(await page.locator('h1').textContent()).toBe(library.handouts.find((h) => h.id === id)!.titles[lang]);
    expect(count.touches).toBeLessThanOrEqual(3);
    console.log(`library-search ${lang} touch ${id}${featured ? ' (featured)' : ''}: ${count.touches} touches`);
    expect(kiosk.problems).toEqual([]);
    await kiosk.close();
  });

  it.each(targets(lang))(`reaches handout %s in at most 15 keypad presses, speaking as it goes (seed ${SEED})`, async (id) => {
    const kiosk = await openLibrary(lang);
    const { page } = kiosk;
    const count = { keys: 0 };
    // Forward along a row is Right in a left-to-right language, Left in a right-to-left one.
    const forward = lang === 'ar' ? 'left' : 'right';
    const backward = lang === 'ar' ? 'right' : 'left';
    /** Along the focused row to the item matching `is`, the shorter way round (rows wrap). */
    const along = async (items: string[], at: number, to: number) => {
      const ahead = (to - at + items.length) % items.length;
      const steps = Math.min(ahead, items.length - ahead);
      for (let i = 0; i < steps; i++) await key(page, ahead <= items.length - ahead ? forward : backward, count);
    };
    await expect.poll(() => focused(page)).toMatchObject({ topic: '*all' });
    if (library.featured.includes(id)) {
      await key(page, 'up', count);
      const cards = await page.locator('[data-library="home"] [data-handout]').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.handout!));
      await along(cards, 0, cards.indexOf(id));
    } else {
      await key(page, 'enter', count);
      await page.locator('[data-library="topic"]').waitFor();
      await expect.poll(() => focused(page)).toMatchObject({ range: '0' });
      const { labels, range } = placeOf(lang, id);
      expect(await page.locator('[data-range]').allTextContents()).toEqual(labels);
      await along(labels, 0, range);
      await expect.poll(() => page.getAttribute(`[data-range="${range}"]`, 'aria-pressed')).toBe('true');
      await key(page, 'down', count);
      await expect.poll(async () => (await focused(page)).handout).not.toBeNull();
      const cards = await page.locator('[data-handout]').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.handout!));
      expect(cards).toContain(id);
      await along(cards, 0, cards.indexOf(id));
    }
    await expect.poll(() => focused(page)).toMatchObject({ handout: id });
    await key(page, 'enter', count);
    await page.locator('.section-text').first().waitFor();
    expect(await page.locator('h1').textContent()).toBe(library.handouts.find((h) => h.id === id)!.titles[lang]);
    // The keypad's own keys turned self-voicing on.
    expect(await page.getAttribute('.app', 'data-touch-mode')).toBe('hear');
    expect(count.keys).toBeLessThanOrEqual(15);
    console.log(`library-search ${lang} keypad ${id}: ${count.keys} keys`);
    expect(kiosk.problems).toEqual([]);
    await kiosk.close();
  });

  it('has axe-clean library screens that fit the screen, in landscape and in portrait within reach', async () => {
    for (const viewport of [LANDSCAPE, PORTRAIT]) {
      const kiosk = await openLibrary(lang, viewport);
      const { page } = kiosk;
      const portrait = viewport === PORTRAIT;
      const top = reachLines(DEFAULT_MOUNTING.portrait, viewport.height).top;
      const screens: [string, () => Promise<void>][] = [
        ['home', async () => {}],
        ['all, A to Z', async () => page.click('[data-topic="*all"]')],
        ['all, a later range', async () => page.click('[data-range="5"]')],
        [
          'a topic',
          async () => {
            await page.click('[data-action="topics"]');
            await page.click('[data-topic="pain"]');
          },
        ],
      ];
      for (const [name, go] of screens) {
        await go();
        await page.waitForTimeout(100);
        expect(await axeInPage(page), `${name}, ${portrait ? 'portrait' : 'landscape'}`).toEqual([]);
        await expectWholeScreen(page);
        if (portrait) {
          const highest = await page.evaluate(() =>
            Math.min(...[...document.querySelectorAll('#app button')].filter((b) => b.getClientRects().length > 0).map((b) => b.getBoundingClientRect().top)),
          );
          expect(highest, `${name}: every control below the reach line`).toBeGreaterThanOrEqual(top - 1);
        }
        // Every passage says its language and direction.
        expect(await page.getAttribute('html', 'lang')).toBe(lang);
        expect(await page.getAttribute('html', 'dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
      }
      expect(kiosk.problems).toEqual([]);
      await kiosk.close();
    }
  });
});
