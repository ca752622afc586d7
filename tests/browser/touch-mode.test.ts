/**
 * Issue #16's walk, in a real Chromium, in English and Arabic (right to left): open the handout, tap
 * Settings, press Escape on a keyboard, tap Settings. A keyboard's Escape changes nothing about what
 * a touch does, so Settings opens; when the keypad does start touch-to-hear, the screen says so in
 * the visit's language, marks the item a first touch spoke, and turns the mode off in one touch.
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

const WORDS = {
  en: { on: 'Touch to hear is on.', off: 'Turn off', again: 'Touch again to choose.' },
  ar: { on: 'ميزة المس لتسمع مفعلة.', off: 'إيقاف', again: 'اللمس مرة ثانية للاختيار.' },
} as const;

const dialogOpen = (page: Page) => page.locator('dialog[open]').count();
const pageBar = (page: Page) => page.locator('.app [data-touch-mode-bar]');

async function box(page: Page, selector: string) {
  const found = await page.locator(selector).first().boundingBox();
  if (!found) throw new Error(`${selector} is not on screen`);
  return found;
}

describe.each(Object.keys(WORDS) as (keyof typeof WORDS)[])('touch-to-hear in %s', (lang) => {
  const words = WORDS[lang];

  it('opens Settings on a tap after a keyboard Escape closed it', async () => {
    const kiosk = await openKiosk(browser);
    const { page } = kiosk;
    await chooseLanguage(page, lang);
    await page.click('[data-action="settings"]');
    await page.locator('dialog[open][data-dialog="display"]').waitFor();
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('dialog[open]'));
    expect(await page.getAttribute('.app', 'data-touch-mode')).toBe('choose');
    expect(await pageBar(page).count()).toBe(0);
    await page.click('[data-action="settings"]');
    await page.locator('dialog[open][data-dialog="display"]').waitFor();
    // And again with Backspace, the keyboard's other Back key.
    await page.keyboard.press('Backspace');
    await page.waitForFunction(() => !document.querySelector('dialog[open]'));
    await page.click('[data-action="settings"]');
    await page.locator('dialog[open][data-dialog="display"]').waitFor();
    expect(kiosk.problems).toEqual([]);
    await kiosk.close();
  });

  it('shows plainly when the keypad started it, marks what a first touch spoke, and turns off in one touch', async () => {
    const kiosk = await openKiosk(browser);
    const { page } = kiosk;
    await chooseLanguage(page, lang);
    // Help (F1): a deliberate request for speech starts the mode, visibly.
    await page.keyboard.press('F1');
    await pageBar(page).waitFor();
    expect(await pageBar(page).textContent()).toContain(words.on);
    expect(await page.getAttribute('.app', 'data-touch-mode')).toBe('hear');
    const off = await box(page, '.app [data-action="touch-to-hear-off"]');
    expect(Math.min(off.width, off.height), 'the way out is a large target').toBeGreaterThanOrEqual(76);
    expect(await page.locator('.app [data-action="touch-to-hear-off"]').textContent()).toBe(words.off);
    // The bar does not push the reader's controls off the screen.
    const play = await box(page, '[data-action="play"]');
    expect(play.y + play.height).toBeLessThanOrEqual(1080);

    // A first touch on Settings speaks it and marks it; nothing opens, and the screen says why.
    await page.click('[data-action="settings"]');
    await page.waitForTimeout(300);
    expect(await dialogOpen(page)).toBe(0);
    expect(await page.getAttribute('[data-action="settings"]', 'data-armed')).toBe(words.again);
    expect(await page.locator('.app [data-touch-mode-detail]').textContent()).toContain(await page.locator('[data-action="settings"] .big-button__label').textContent());
    const tag = await page.evaluate(() => getComputedStyle(document.querySelector('[data-armed]')!, '::after').content);
    expect(tag).toContain(words.again);
    await page.screenshot({ path: `/tmp/touch-mode-${lang}.png` });
    expect(await axeInPage(page), 'axe with the bar and the mark showing').toEqual([]);

    // The second touch chooses; inside the dialog the mode is still shown, and one touch ends it.
    await page.click('[data-action="settings"]');
    await page.locator('dialog[open][data-dialog="display"] [data-touch-mode-bar]').waitFor();
    await page.screenshot({ path: `/tmp/touch-mode-dialog-${lang}.png` });
    await page.click('dialog[open] [data-action="touch-to-hear-off"]');
    await page.locator('[data-touch-mode-bar]').first().waitFor({ state: 'detached' });
    expect(await page.getAttribute('.app', 'data-touch-mode')).toBe('choose');
    await page.click('dialog[open] [data-action="close"]');
    await page.waitForFunction(() => !document.querySelector('dialog[open]'));
    await page.click('[data-action="settings"]');
    await page.locator('dialog[open][data-dialog="display"]').waitFor();
    expect(kiosk.problems).toEqual([]);
    await kiosk.close();
  });
});
