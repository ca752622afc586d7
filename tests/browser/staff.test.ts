/**
 * The staff panel in Chromium: the hidden long press, the PIN (wrong refused, right opens, five wrong
 * lock the pad), and the panel itself: axe with layout rules, big targets, a test tone that plays.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeInPage, launchChromium, openKiosk, openKioskAt } from './browser';

const PIN = '4826'; // the documented default: kiosk.config.json's staff.pinHash is its hash
const WRONG = '1111';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Presses and holds the app name in the top bar's start corner for `ms`. */
async function holdAppName(page: Page, ms: number) {
  const box = (await page.locator('.top-bar__name').boundingBox())!;
  await page.mouse.move(box.x + 10, box.y + box.height / 2);
  await page.mouse.down();
  await page.waitForTimeout(ms);
  await page.mouse.up();
}

async function enter(page: Page, pin: string) {
  for (const digit of pin) await page.click(`[data-digit="${digit}"]`);
  await page.click('[data-action="pin-open"]');
}

async function openPinPad(page: Page) {
  await holdAppName(page, 3300);
  await page.waitForSelector('dialog[open] .pin-pad');
}

const message = (page: Page) => page.textContent('[data-pin-message]');

/** Controls smaller than 76 CSS px either way (the same bar as tests/browser/layout.test.ts). */
function smallTargets(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('dialog[open] button')]
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width < 76 || box.height < 76)
      .map(({ el, box }) => `${el.textContent?.trim()} ${Math.round(box.width)}×${Math.round(box.height)}`),
  );
}

describe('the staff panel', () => {
  it('stays hidden on a tap or a short press of the app name, opens on a 3 s press, and reloads the kiosk', async () => {
    const kiosk = await openKiosk(browser);
    const { page } = kiosk;
    await page.click('.top-bar__name');
    await holdAppName(page, 1500);
    await page.waitForTimeout(2000);
    expect(await page.locator('dialog[open]').count()).toBe(0);
    await openPinPad(page);
    expect(await page.textContent('dialog[open] h2')).toBe('Staff panel');
    expect(await axeInPage(page)).toEqual([]);
    expect(await smallTargets(page)).toEqual([]);

    await enter(page, PIN);
    await page.waitForSelector('.staff-panel');
    await page.evaluate(() => ((window as unknown as { __samePage: boolean }).__samePage = true));
    const reloaded = page.waitForEvent('load');
    await page.click('[data-action="reload"]');
    await reloaded;
    await page.waitForSelector('html[data-kiosk="ready"] [data-language]');
    expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBeUndefined();
    expect(await page.locator('dialog[open]').count()).toBe(0);
    expect(kiosk.problems).toEqual([]);
    await kiosk.close();
  });

  it('refuses a wrong PIN and opens with the right one', { timeout: 240_000 }, async () => {
    // With its service worker, so the panel has an offline copy to report.
    const kiosk = await openKioskAt(browser, inject('baseUrl'));
    const { page } = kiosk;
    await openPinPad(page);
    await enter(page, WRONG);
    // The PIN is checked against its hash before the pad answers.
    await expect.poll(() => message(page), { timeout: 10_000 }).toBe('Wrong PIN. 4 more tries before the pad locks for a minute.');
    expect(await page.getAttribute('.pin-pad__entered', 'data-entered')).toBe('0');
    expect(await page.locator('.staff-panel').count()).toBe(0);

    await enter(page, PIN);
    await page.waitForSelector('.staff-panel');
    await page.waitForSelector('[data-language-health="en"]');
    await page.waitForFunction(() => document.querySelector('[data-staff="offline"]')?.getAttribute('data-state') === 'ready', undefined, {
      // The whole twelve-language build (about 35 MB) is copied before the worker reports ready.
      timeout: 150_000,
    });
    expect(await page.textContent('[data-staff="storage"]')).toMatch(/MB used of/);
    expect(await page.textContent('[data-staff="version"]')).toMatch(/^\d+\.\d+\.\d+/);
    expect(await axeInPage(page)).toEqual([]);
    expect(await smallTargets(page)).toEqual([]);

    await page.click('[data-action="test-tone"]');
    await page.waitForSelector('[data-action="test-tone"][data-tone="idle"]', { timeout: 5000 });
    expect(await page.locator('[data-action="test-tone"][data-tone="failed"]').count()).toBe(0);

    await page.click('dialog[open] [data-action="close"]');
    expect(await page.locator('dialog[open]').count()).toBe(0);
    expect(kiosk.problems).toEqual([]);
    await kiosk.close();
  });

  it('locks the pad after 5 wrong PINs, and it stays locked when closed and opened again', async () => {
    const kiosk = await openKiosk(browser);
    const { page } = kiosk;
    await openPinPad(page);
    for (let i = 0; i < 4; i++) await enter(page, WRONG);
    // The PIN is checked against its hash before the pad answers.
    await expect.poll(() => message(page), { timeout: 10_000 }).toBe('Wrong PIN. 1 more try before the pad locks for a minute.');
    await enter(page, WRONG);
    // The PIN is checked against its hash before the pad answers.
    await expect.poll(() => message(page), { timeout: 10_000 }).toMatch(/^Too many wrong PINs\. Try again in (60|59) seconds\.$/);
    expect(await page.locator('[data-digit]:disabled').count()).toBe(10);

    await page.click('dialog[open] [data-action="close"]');
    await openPinPad(page);
    // The PIN is checked against its hash before the pad answers.
    await expect.poll(() => message(page), { timeout: 10_000 }).toMatch(/^Too many wrong PINs/);
    expect(await page.locator('[data-digit]:disabled').count()).toBe(10);
    expect(await page.locator('.staff-panel').count()).toBe(0);
    expect(kiosk.problems).toEqual([]);
    await kiosk.close();
  });
});
