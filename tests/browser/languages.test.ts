/**
 * Every language, in a real Chromium: each screen and dialog (the glossary card and the view beside
 * English included) passes axe (contrast and target size included) in each theme and at each text
 * size, and right-to-left mirrors the layout while numbers stay left-to-right.
 */
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeInPage, chooseLanguage, launchChromium, openKiosk, setDisplay } from './browser';
import { loadConfig } from '../../scripts/lib/load-config.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const CONFIG = loadConfig(fileURLToPath(new URL('../..', import.meta.url)));
/** Every configured language: adding one to kiosk.config.json adds it here. */
const LANGUAGES: string[] = CONFIG.languages;
/** The documented default staff PIN: kiosk.config.json holds only its hash. */
const PIN = '4826';
/** Every text size in every theme. */
const DISPLAYS = (['medium', 'large', 'extra-large'] as const).flatMap((size) => (['default', 'contrast', 'dark'] as const).map((theme) => [size, theme] as const));
/**
 * Twelve languages by nine displays is 108 runs of every screen. By default each language gets three
 * displays, one per text size and each theme once, rotating so that every pair of language script and
 * display is met across neighbouring languages; KIOSK_FULL_MATRIX=1 runs all nine (the benchmark's
 * machine, or before a release).
 */
const displaysFor = (index: number) => (process.env.KIOSK_FULL_MATRIX === '1' ? DISPLAYS : ([0, 1, 2] as const).map((size) => DISPLAYS[size * 3 + ((index + size) % 3)]!));

async function violations(page: Page, where: string) {
  return (await axeInPage(page)).map((v) => `${where}: ${v.id} ${v.nodes.join(' | ')}`);
}

describe.each(LANGUAGES.map((lang, index) => [lang, index] as const))('in %s', (lang, index) => {
  it.each(displaysFor(index))('every screen passes axe at %s text in the %s theme', async (size, theme) => {
    const kiosk = await openKiosk(browser, { width: 1080, height: 1920 });
    const { page } = kiosk;
    await page.click(`[data-language="${lang}"]`);
    await page.waitForSelector('.library, .section-text');
    const found: string[] = [];
    if (await page.$('.library')) {
      found.push(...(await violations(page, 'library')));
      await page.click('[data-handout]');
      await page.waitForSelector('.section-text');
    }
    await setDisplay(page, size, theme);
    found.push(...(await violations(page, 'reader')));
    await page.click('.section-text button.term');
    await page.waitForSelector('dialog[open][data-dialog="term"]');
    found.push(...(await violations(page, 'glossary term')));
    await page.click('dialog [data-action="close"]');
    await page.waitForSelector('dialog', { state: 'detached' });
    // "Show in English" is offered in every language but the clinic's own.
    if (lang !== 'en') {
      await page.click('[data-action="compare"]');
      await page.waitForSelector('.compare__side--staff .compare__text');
      found.push(...(await violations(page, 'shown beside English')));
      await page.click('[data-action="compare"]');
      await page.waitForSelector('.compare', { state: 'detached' });
    }
    await page.click('[data-action="sections"]');
    found.push(...(await violations(page, 'sections')));
    await page.click('dialog [data-section]:last-of-type >> nth=-1');
    await page.waitForSelector('dialog', { state: 'detached' });
    found.push(...(await violations(page, 'last section')));
    await page.click('[data-action="settings"]');
    found.push(...(await violations(page, 'settings')));
    await page.click('dialog [data-action="close"]');
    await page.click('[data-action="help"]');
    found.push(...(await violations(page, 'help')));
    await page.click('dialog [data-action="close"]');
    await page.click('[data-action="language"]');
    await page.waitForSelector('.welcome');
    found.push(...(await violations(page, 'welcome')));
    expect(found).toEqual([]);
    expect(kiosk.problems).toEqual([]);
    await kiosk.close();
  });
});

describe.each(LANGUAGES)('in %s, the screens that come to the patient', (lang) => {
  it('the idle warning passes axe', async () => {
    const kiosk = await openKiosk(browser, { width: 1080, height: 1920 });
    const { page } = kiosk;
    // The idle time is the config's minute and a half: the page's clock is moved on instead of waited for.
    await page.clock.install();
    await page.reload();
    await page.locator('html[data-kiosk="ready"] [data-language]').first().waitFor();
    await chooseLanguage(page, lang);
    await page.clock.runFor(CONFIG.idle.timeoutSeconds * 1000);
    await page.waitForSelector('dialog[open][data-dialog="idle"]');
    expect(await violations(page, 'idle warning')).toEqual([]);
    expect(kiosk.problems).toEqual([]);
    await kiosk.close();
  });

  it('the staff PIN pad and panel pass axe', async () => {
    const kiosk = await openKiosk(browser, { width: 1080, height: 1920 });
    const { page } = kiosk;
    await chooseLanguage(page, lang);
    // The staff panel opens on a 3 s press of the app name, then the PIN.
    const name = (await page.locator('.top-bar__name').boundingBox())!;
    await page.mouse.move(name.x + 10, name.y + name.height / 2);
    await page.mouse.down();
    await page.waitForTimeout(3300);
    await page.mouse.up();
    await page.waitForSelector('dialog[open] .pin-pad');
    const found = await violations(page, 'staff PIN pad');
    for (const digit of PIN) await page.click(`[data-digit="${digit}"]`);
    await page.click('[data-action="pin-open"]');
    await page.waitForSelector(`.staff-panel [data-language-health="${lang}"]`);
    found.push(...(await violations(page, 'staff panel')));
    expect(found).toEqual([]);
    expect(kiosk.problems).toEqual([]);
    await kiosk.close();
  });
});

describe('right to left', () => {
  it('mirrors the reader in Arabic: Previous on the right, progress from the right, text right-aligned', async () => {
    const kiosk = await openKiosk(browser);
    const { page } = kiosk;
    await chooseLanguage(page, 'ar');
    await page.click('[data-action="next"]');
    const layout = await page.evaluate(() => {
      const box = (selector: string) => document.querySelector(selector)!.getBoundingClientRect();
      const segments = [...document.querySelectorAll('.reader__progress li')].map((li) => li.getBoundingClientRect().left);
      const paragraph = document.querySelector('.section-text p')!;
      return {
        htmlDir: document.documentElement.dir,
        htmlLang: document.documentElement.lang,
        previousLeft: box('[data-action="previous"]').left,
        nextLeft: box('[data-action="next"]').left,
        firstSegmentLeft: segments[0]!,
        lastSegmentLeft: segments.at(-1)!,
        textAlign: getComputedStyle(paragraph).textAlign,
        direction: getComputedStyle(paragraph).direction,
        textLang: document.querySelector('.section-text')!.getAttribute('lang'),
      };
    });
    expect(layout.htmlDir).toBe('rtl');
    expect(layout.htmlLang).toBe('ar');
    expect(layout.textLang).toBe('ar');
    expect(layout.direction).toBe('rtl');
    expect(layout.previousLeft).toBeGreaterThan(layout.nextLeft);
    expect(layout.firstSegmentLeft).toBeGreaterThan(layout.lastSegmentLeft);
    expect(['right', 'start']).toContain(layout.textAlign);
    await kiosk.close();
  });

  it('swipes the other way in Arabic: a swipe to the right goes forward', async () => {
    const kiosk = await openKiosk(browser);
    const { page } = kiosk;
    await chooseLanguage(page, 'ar');
    const before = await page.textContent('.reader__position');
    const area = (await page.$('.reader__scroll'))!;
    const box = (await area.boundingBox())!;
    const y = box.y + box.height / 2;
    await page.dispatchEvent('.reader__scroll', 'pointerdown', { clientX: box.x + 200, clientY: y, pointerId: 1, pointerType: 'touch', isPrimary: true });
    await page.dispatchEvent('.reader__scroll', 'pointerup', { clientX: box.x + 600, clientY: y, pointerId: 1, pointerType: 'touch', isPrimary: true });
    await expect.poll(() => page.textContent('.reader__position')).not.toBe(before);
    expect(await page.textContent('.reader__position')).toContain('2');
    await kiosk.close();
  });

  it('keeps the nurse line reading left to right inside Arabic text', async () => {
    const kiosk = await openKiosk(browser);
    const { page } = kiosk;
    await chooseLanguage(page, 'ar');
    await page.click('[data-action="sections"]');
    await page.click('dialog [data-section="follow-up"]');
    const digits = await page.evaluate(() => {
      const word = [...document.querySelectorAll('.word')].find((w) => /\d/.test(w.textContent ?? ''))!;
      const range = document.createRange();
      range.selectNodeContents(word.firstChild!);
      const rects = Array.from(word.textContent).map((_, i) => {
        const r = document.createRange();
        r.setStart(word.firstChild!, i);
        r.setEnd(word.firstChild!, i + 1);
        return r.getBoundingClientRect().left;
      });
      return { text: word.textContent, rects };
    });
    expect(digits.text).toBe('811');
    expect(digits.rects).toEqual([...digits.rects].sort((a, b) => a - b));
    await kiosk.close();
  });

  // In Arabic script the bidi rules would lay a hyphenated number's digit groups out from the right
  // ("7669-764-844-1"): a patient copying the poison centre down would dial a wrong number.
  for (const lang of ['ar', 'ur', 'fa']) {
    it(`keeps the poison centre number in dialling order in ${lang}, in the text and in the source note`, async () => {
      const kiosk = await openKiosk(browser);
      const { page } = kiosk;
      await chooseLanguage(page, lang, 'acetaminophen');
      await page.click('[data-action="sections"]');
      await page.click('dialog [data-section="too-much"]');
      await page.waitForSelector('.source-note');
      const laidOut = await page.evaluate(() => {
        const words = [...document.querySelectorAll('.section-text .word')];
        const at = words.findIndex((word, i) => word.textContent === '844' && words[i - 1]?.textContent === '1');
        const groups = words.slice(at - 1, at + 3).map((word) => ({ text: word.textContent, left: word.getBoundingClientRect().left }));
        // The spelled number in the note, character by character, as drawn.
        const note = [...document.querySelectorAll('.source-note bdi')].find((b) => b.textContent === '1-844-POISON-X');
        const text = note?.firstChild;
        const letters = text
          ? Array.from(text.textContent ?? '').map((_, i) => {
              const range = document.createRange();
              range.setStart(text, i);
              range.setEnd(text, i + 1);
              return range.getBoundingClientRect().left;
            })
          : [];
        return { groups, letters };
      });
      expect(laidOut.groups.map((g) => g.text)).toEqual(['1', '844', '764', '7669']);
      const lefts = laidOut.groups.map((g) => g.left);
      expect(lefts).toEqual([...lefts].sort((a, b) => a - b));
      expect(laidOut.letters).toHaveLength('1-844-POISON-X'.length);
      expect(laidOut.letters).toEqual([...laidOut.letters].sort((a, b) => a - b));
      await kiosk.close();
    });
  }
});
