/**
 * The idle timer in Chromium runs on the monotonic clock: the wall clock jumping forward two hours
 * (NTP, daylight saving) does not end a visit, and the warning still comes after the idle time.
 */
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseLanguage, launchChromium, openKiosk } from './browser';
import { loadConfig } from '../../scripts/lib/load-config.ts';

const config = loadConfig(fileURLToPath(new URL('../..', import.meta.url)));

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('the idle timer and the wall clock', () => {
  it('keeps the visit when the wall clock jumps two hours, and warns after the idle time all the same', async () => {
    const kiosk = await openKiosk(browser);
    const { page } = kiosk;
    await page.clock.install();
    await page.reload();
    await page.locator('html[data-kiosk="ready"] [data-language]').first().waitFor();
    await chooseLanguage(page, 'en');
    const before = await page.evaluate(() => ({ wall: Date.now(), mono: performance.now() }));
    await page.clock.setSystemTime(before.wall + 2 * 60 * 60_000);
    await page.clock.runFor(2000);
    const after = await page.evaluate(() => ({ wall: Date.now(), mono: performance.now() }));
    expect(after.wall - before.wall, 'the wall clock did jump').toBeGreaterThan(60 * 60_000);
    expect(await page.locator('[data-dialog="idle"]').count()).toBe(0);
    expect(await page.locator('.section-text').count()).toBe(1);
    await page.clock.runFor(config.idle.timeoutSeconds * 1000);
    await page.locator('dialog[open][data-dialog="idle"]').waitFor();
    expect(kiosk.problems).toEqual([]);
    await kiosk.close();
  });
});
