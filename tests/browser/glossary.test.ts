/**
 * In a real Chromium: a glossary term opens its card and its prepared clip plays; "Show in English"
 * lines the patient's language up with the clinic's, block by block, with the block being read marked
 * on both sides, in a left-to-right and a right-to-left language. Both pass axe with layout rules on.
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

/** Every media element the page creates, so the test can see which clips were asked to play. */
async function recordPlayedMedia(page: Page) {
  await page.evaluate(() => {
    const played: string[] = [];
    (window as unknown as { playedMedia: string[] }).playedMedia = played;
    const original = HTMLMediaElement.prototype.play;
    HTMLMediaElement.prototype.play = function play(this: HTMLMediaElement) {
      played.push(this.currentSrc || this.src);
      return original.call(this);
    };
  });
}

describe('a glossary term', () => {
  it('opens its definition card, plays its prepared clip, passes axe and closes with one touch', async () => {
    const kiosk = await openKiosk(browser);
    const { page } = kiosk;
    await chooseLanguage(page, 'fr');
    await recordPlayedMedia(page);
    const term = page.locator('.section-text button.term').first();
    expect(await term.getAttribute('data-term')).toBe('nerve-ablation');
    // Drawn apart from the words around it by shape: a dotted underline and an icon.
    const look = await term.evaluate((el) => ({ line: getComputedStyle(el).textDecorationStyle, icon: el.querySelector('svg') !== null }));
    expect(look).toEqual({ line: 'dotted', icon: true });
    await term.click();
    const card = page.locator('dialog[data-dialog="term"]');
    await card.waitFor();
    expect(await card.locator('h2').textContent()).toBe('Ablation des nerfs');
    await page.waitForFunction(() => (window as unknown as { playedMedia: string[] }).playedMedia.some((src) => /\/prompts?\b|\.webm/.test(src)));
    expect(await axeInPage(page)).toEqual([]);
    await card.locator('[data-action="close"]').click();
    await card.waitFor({ state: 'detached' });
    expect(kiosk.problems).toEqual([]);
    await kiosk.close();
  });
});

describe('Show in English', () => {
  it.each([
    ['es', 'ltr', 'Mostrar en inglés'],
    ['ar', 'rtl', 'اعرض باللغة الإنجليزية'],
  ])('in %s, puts the section beside the English, block by block, with the block being read marked on both sides', async (lang, dir, label) => {
    const kiosk = await openKiosk(browser);
    const { page } = kiosk;
    await chooseLanguage(page, lang);
    const button = page.locator('[data-action="compare"]');
    expect((await button.textContent())?.trim()).toBe(label);
    await button.click();
    await page.locator('.compare__side--staff .compare__text').waitFor();

    const sides = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.compare__side')].map((side) => ({ lang: side.lang, dir: side.dir })));
    expect(sides).toEqual([
      { lang, dir },
      { lang: 'en', dir: 'ltr' },
    ]);
    // The patient's language comes first in reading order.
    expect(await page.evaluate(() => document.querySelector('.compare')!.firstElementChild!.classList.contains('compare__side--patient'))).toBe(true);

    // Rows line up: block n starts at the same height on both sides.
    const rows = await page.evaluate(() => {
      const tops = (selector: string) => [...document.querySelectorAll<HTMLElement>(selector)].map((el) => Math.round(el.getBoundingClientRect().top));
      return { patient: tops('.compare__side--patient .section-text > *'), staff: tops('.compare__side--staff .compare__text > *') };
    });
    expect(rows.patient.length).toBeGreaterThan(2);
    expect(rows.staff).toEqual(rows.patient);

    // Read from the first word of the second paragraph: that block is marked on both sides.
    await page.click('.compare__side--patient .section-text > p:nth-of-type(2) [data-word]');
    await page.waitForFunction(() => document.querySelectorAll('.compare__row--current').length === 2);
    const marked = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.compare__row--current')].map((el) => ({
        row: [...el.parentElement!.children].indexOf(el),
        current: el.getAttribute('aria-current'),
        bar: getComputedStyle(el).borderInlineStartWidth,
        frame: getComputedStyle(el).outlineStyle,
      })),
    );
    expect(marked[0]).toEqual(marked[1]);
    expect(marked[0]).toMatchObject({ current: 'true', bar: '8px', frame: 'dashed' });
    await page.click('[data-action="play"]');

    expect(await axeInPage(page)).toEqual([]);
    // One touch returns.
    await button.click();
    await page.locator('.compare').waitFor({ state: 'detached' });
    expect(kiosk.problems).toEqual([]);
    await kiosk.close();
  });

  it('is not offered when the visit is in the clinic’s language', async () => {
    const kiosk = await openKiosk(browser);
    await chooseLanguage(kiosk.page, 'en');
    expect(await kiosk.page.locator('[data-action="compare"]').count()).toBe(0);
    await kiosk.close();
  });
});
