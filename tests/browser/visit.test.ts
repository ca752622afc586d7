/**
 * A patient's whole visit, in a real Chromium, in two languages (English, and a right-to-left one
 * where configured): choose a language, the handout opens, it is read aloud with the highlight
 * moving, Next, and then the kiosk, left alone, warns and resets to the welcome screen for the next
 * patient. axe on every screen on the way; no console error and no request leaving the kiosk.
 *
 * The idle wait runs on Playwright's page clock (installed before the kiosk loads, so the kiosk's
 * idle interval and `Date.now` are fake and fast-forwarded) instead of 120 real seconds.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeInPage, launchChromium, openKiosk } from './browser';
import { RECORD_MEDIA } from './media';
import { readManifest, readTimings } from '../../scripts/audio/timings.ts';
import { loadConfig } from '../../scripts/lib/load-config.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const config = loadConfig(root);
const audioManifest = readManifest(join(root, 'audio')).manifest!;

/** The default language, and a right-to-left one if configured (else any other), so layout mirroring is covered. */
const second = ['ar', 'fr', ...config.languages].find((code) => code !== config.defaultLanguage && config.languages.includes(code));
const VISITS = [config.defaultLanguage, ...(second ? [second] : [])];

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

interface Sample {
  time: number;
  word: number;
  src: string;
}

/**
 * For `ms` milliseconds, on every animation frame: the clock of the section's audio (built as
 * `assets/<section>-<hash>.webm`; spoken prompts such as a language's name play too) and the
 * highlighted word.
 */
function sampleHighlight(page: Page, section: string, ms: number): Promise<Sample[]> {
  return page.evaluate(
    ({ duration, section }) =>
      new Promise<Sample[]>((resolve) => {
        const w = window as unknown as { __media: HTMLMediaElement[] };
        const samples: Sample[] = [];
        const end = performance.now() + duration;
        const frame = () => {
          const media = w.__media.find((m) => !m.paused && new RegExp(`/${section}-[^/]+\\.webm$`).test(m.currentSrc));
          const word = document.querySelector('.word--current')?.getAttribute('data-word');
          if (media && word != null) samples.push({ time: media.currentTime, word: Number(word), src: media.currentSrc });
          if (performance.now() < end) requestAnimationFrame(frame);
          else resolve(samples);
        };
        requestAnimationFrame(frame);
      }),
    { duration: ms, section },
  );
}

/** The word timings of a section of the current handout, from the audio build. */
function wordStarts(lang: string, handout: string, section: string): number[] | null {
  const entry = audioManifest.sections[`${lang}/${handout}/${section}`];
  if (!entry) return null;
  const { words } = readTimings(join(root, 'audio'), entry.timings);
  const starts: number[] = [];
  for (const w of words) starts[w.index] = w.start;
  return starts;
}

async function expectNoAxeViolations(page: Page, screen: string) {
  expect(await axeInPage(page), `axe on the ${screen}`).toEqual([]);
}

const currentSection = (page: Page) => page.evaluate(() => [...document.querySelectorAll('.reader__progress li')].findIndex((li) => li.classList.contains('current')));

describe.each(VISITS)('a whole visit in %s', (lang) => {
  it('reads the handout aloud with the highlight moving, goes on, and resets for the next patient when left alone', async () => {
    const kiosk = await openKiosk(browser);
    const { page } = kiosk;
    await page.clock.install();
    await page.addInitScript(RECORD_MEDIA);
    await page.reload();
    await page.waitForSelector('html[data-kiosk="ready"] [data-language]');
    const defaults = await page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir, size: document.documentElement.dataset.textSize }));
    await expectNoAxeViolations(page, 'welcome screen');

    // Choose the language; with one handout configured the library is skipped.
    await page.click(`[data-language="${lang}"]`);
    const landed = await page.waitForSelector('.section-text, .library__card');
    if (await landed.evaluate((el) => el.classList.contains('library__card'))) {
      await expectNoAxeViolations(page, 'library');
      await page.click(`.library__card[data-handout="${config.handouts[0]}"]`);
      await page.waitForSelector('.section-text');
    }
    const dir = await page.evaluate(() => document.documentElement.dir);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
    expect(await page.getAttribute('.section-text', 'dir')).toBe(dir);
    expect(await currentSection(page)).toBe(0);
    await expectNoAxeViolations(page, 'reader');

    // Read aloud where the section has prepared audio; otherwise the text stays and a note says why.
    const sections = await sectionIds(page);
    const starts = wordStarts(lang, config.handouts[0] as string, sections[0] as string);
    const status = await page.getAttribute('[data-action="play"]', 'data-status');
    if (starts && status !== 'unavailable') {
      await page.click('[data-action="play"]');
      await page.waitForSelector('[data-action="play"][data-status="playing"]');
      const samples = await sampleHighlight(page, sections[0] as string, 2500);
      expect(samples.length).toBeGreaterThan(40);
      const words = samples.map((s) => s.word);
      expect(new Set(words).size, 'the highlight moves on').toBeGreaterThan(3);
      expect(words, 'and only forwards').toEqual([...words].sort((a, b) => a - b));
      // The highlighted word is the one being spoken, give or take two frames at a boundary, on nearly
      // every frame, and never more than a word out. (The page clock is fake here, so frames are less
      // regular than on a kiosk; read-aloud.test.ts and the benchmark hold the highlight to one frame.)
      const slack = 2 / 60;
      const spoken = (time: number) => starts.findLastIndex((start) => start <= time);
      const right = samples.filter(({ time, word }) => time >= (starts[word] as number) - slack && time <= (starts[word + 1] ?? Infinity) + slack);
      expect(right.length / samples.length).toBeGreaterThan(0.8);
      const farOut = samples.filter(({ time, word }) => Math.abs(word - spoken(time)) > 1);
      expect(farOut, JSON.stringify(farOut.slice(0, 3))).toEqual([]);
      expect(await page.getAttribute('.sentence--current', 'aria-current')).toBe('true');
      await expectNoAxeViolations(page, 'reader while reading aloud');
      await page.click('[data-action="play"]');
      await page.waitForSelector('[data-action="play"][data-status="paused"]');
    } else {
      expect(await page.textContent('.control-bar__note[role="status"]')).not.toBe('');
      expect(await page.locator('.word').count()).toBeGreaterThan(10);
    }

    // Next section: new text, nothing highlighted, still reading in the same language.
    const heading = await page.textContent('.section-text__heading');
    await page.click('[data-action="next"]');
    await page.waitForFunction(() => document.querySelectorAll('.reader__progress li')[1]?.classList.contains('current'));
    expect(await page.textContent('.section-text__heading')).not.toBe(heading);
    expect(await page.locator('.word--current').count()).toBe(0);
    expect(await page.getAttribute('[data-action="play"]', 'data-status')).not.toBe('playing');
    await expectNoAxeViolations(page, 'reader, second section');

    // A display choice that the reset must undo.
    await page.click('[data-action="settings"]');
    await page.waitForSelector('dialog[open]');
    await expectNoAxeViolations(page, 'settings dialog');
    await page.click('[data-choice="large"]');
    await page.click('dialog [data-action="close"]');
    await page.waitForFunction(() => !document.querySelector('dialog[open]'));
    expect(await page.evaluate(() => document.documentElement.dataset.textSize)).toBe('large');

    // Left alone: first the warning, then the reset.
    await page.clock.fastForward(config.idle.timeoutSeconds * 1000);
    await page.waitForSelector('.idle-warning__count');
    await expectNoAxeViolations(page, '"are you still there?" warning');
    await page.clock.fastForward(config.idle.warningSeconds * 1000);
    await page.waitForSelector('.section-text', { state: 'detached' });
    await page.waitForSelector(`[data-language="${config.defaultLanguage}"]`);
    expect(await page.locator('dialog[open]').count()).toBe(0);
    expect(await page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir, size: document.documentElement.dataset.textSize }))).toEqual(
      defaults,
    );
    expect(await page.locator('[data-language][aria-current]').count(), 'no language marked as chosen').toBe(0);
    await expectNoAxeViolations(page, 'welcome screen after the reset');

    expect(kiosk.problems).toEqual([]);
    await kiosk.close();
  });
});

/** Section ids in reading order, from the sections dialog. */
async function sectionIds(page: Page): Promise<string[]> {
  await page.click('[data-action="sections"]');
  await page.waitForSelector('dialog [data-section]');
  await expectNoAxeViolations(page, 'sections dialog');
  const ids = await page.$$eval('dialog [data-section]', (buttons) => buttons.map((b) => b.getAttribute('data-section') ?? ''));
  await page.click('dialog [data-action="close"]');
  await page.waitForFunction(() => !document.querySelector('dialog[open]'));
  return ids;
}
