/**
 * What jsdom cannot show: colour contrast and target size (axe in Chromium), touch target sizes,
 * and no horizontal scrolling at the largest text size, in landscape and portrait.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeInPage, chooseLanguage, launchChromium, openKiosk } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const VIEWPORTS = {
  landscape: { width: 1920, height: 1080 },
  portrait: { width: 1080, height: 1920 },
};

async function setDisplay(page: Page, size: string, theme: string) {
  await page.click('[data-action="settings"]');
  await page.click(`[data-choice="${size}"]`);
  await page.click(`[data-choice="${theme}"]`);
  await page.click('dialog [data-action="close"]');
}

/**
 * Controls smaller than 76 CSS px (20 mm on the kiosk panel) in either direction. A glossary term is
 * words in a sentence, like the tappable words around it: WCAG 2.5.8 exempts targets inline in text,
 * and the keypad reaches every term, so terms are left out here.
 */
async function smallTargets(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, [role="button"], label:has(input), a[href]')]
      .filter((el) => el.offsetParent !== null && !el.matches('.section-text .term'))
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width < 76 || box.height < 76)
      .map(({ el, box }) => `${el.textContent?.trim()} ${Math.round(box.width)}×${Math.round(box.height)}`),
  );
}

describe.each(Object.entries(VIEWPORTS))('%s', (_name, viewport) => {
  it.each(['default', 'contrast'])('the welcome screen passes axe and has big targets (%s theme)', async (theme) => {
    const kiosk = await openKiosk(browser, viewport);
    if (theme !== 'default') {
      await chooseLanguage(kiosk.page, 'en');
      await setDisplay(kiosk.page, 'medium', theme);
      await kiosk.page.click('[data-action="language"]');
    }
    expect(await axeInPage(kiosk.page)).toEqual([]);
    expect(await smallTargets(kiosk.page)).toEqual([]);
    expect(kiosk.problems).toEqual([]);
    await kiosk.close();
  });

  it.each([
    ['medium', 'default'],
    ['extra-large', 'default'],
    ['extra-large', 'contrast'],
    ['large', 'contrast'],
    ['extra-large', 'dark'],
  ])('every section passes axe with no horizontal scroll at %s text, %s theme', async (size, theme) => {
    const kiosk = await openKiosk(browser, viewport);
    const { page } = kiosk;
    await chooseLanguage(page, 'en');
    await setDisplay(page, size, theme);
    const total = await page.evaluate(() => document.querySelectorAll('.reader__progress li').length);
    for (let i = 0; i < total; i++) {
      expect(await axeInPage(page), `section ${i + 1}`).toEqual([]);
      expect(await smallTargets(page), `section ${i + 1}`).toEqual([]);
      const overflow = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        text: [...document.querySelectorAll('.reader__scroll, .control-bar, .top-bar')].map((el) => el.scrollWidth - el.clientWidth),
      }));
      expect(overflow, `section ${i + 1}`).toEqual({ page: 0, text: [0, 0, 0] });
      if (i < total - 1) await page.click('[data-action="next"]');
    }
    expect(kiosk.problems).toEqual([]);
    await kiosk.close();
  });

  it.each(['sections', 'settings', 'help'])('the %s dialog passes axe with big targets', async (action) => {
    const kiosk = await openKiosk(browser, viewport);
    await chooseLanguage(kiosk.page, 'en');
    await kiosk.page.click(`[data-action="${action}"]`);
    await kiosk.page.waitForSelector('dialog[open]');
    expect(await axeInPage(kiosk.page)).toEqual([]);
    expect(await smallTargets(kiosk.page)).toEqual([]);
    expect(kiosk.problems).toEqual([]);
    await kiosk.close();
  });
});

/** WCAG relative-luminance contrast of two CSS rgb() colours. */
function contrast(a: string, b: string): number {
  const luminance = (css: string) => {
    const [r, g, bl] = (css.match(/[\d.]+/g) ?? [])
      .slice(0, 3)
      .map(Number)
      .map((v) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('the reading highlight', () => {
  it.each(['default', 'contrast', 'dark'])('stands out at least 3:1 and keeps the text readable in the %s theme', async (theme) => {
    const kiosk = await openKiosk(browser);
    const { page } = kiosk;
    await chooseLanguage(page, 'en');
    await setDisplay(page, 'medium', theme);
    const colours = await page.evaluate(() => {
      // Mark a word and its sentence as current, as the player does while reading.
      const word = document.querySelector('.section-text p .word')!;
      const sentence = word.closest('.sentence')!;
      const before = word.getBoundingClientRect();
      word.classList.add('word--current');
      sentence.classList.add('sentence--current');
      const after = word.getBoundingClientRect();
      const w = getComputedStyle(word);
      const s = getComputedStyle(sentence);
      return {
        ring: /rgb\([^)]+\)/.exec(w.boxShadow)?.[0] ?? '',
        wordBackground: w.backgroundColor,
        wordText: w.color,
        sentenceBackground: s.backgroundColor,
        sentenceText: s.color,
        underline: s.textDecorationColor,
        moved: before.x !== after.x || before.y !== after.y || before.width !== after.width || before.height !== after.height,
      };
    });
    expect(colours.moved, 'the highlight changed the layout').toBe(false);
    expect(colours.ring, `the word has a ring as well as a colour: ${JSON.stringify(colours)}`).not.toBe('');
    expect(contrast(colours.ring, colours.sentenceBackground)).toBeGreaterThanOrEqual(3);
    expect(contrast(colours.underline, colours.sentenceBackground)).toBeGreaterThanOrEqual(3);
    expect(contrast(colours.wordText, colours.wordBackground)).toBeGreaterThanOrEqual(theme === 'contrast' ? 7 : 4.5);
    expect(contrast(colours.sentenceText, colours.sentenceBackground)).toBeGreaterThanOrEqual(theme === 'contrast' ? 7 : 4.5);
    await kiosk.close();
  });
});
