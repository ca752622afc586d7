/**
 * The welcome screen is drawn into index.html at build time and shows before the kiosk's code has
 * run. In a real Chromium: it is on screen with the app's code held back, passes axe as it is, and a
 * touch made then is answered once the app is up; the app then takes the screen over without
 * redrawing it.
 */
import type { Browser, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { arrive, axeInPage, launchChromium } from './browser';
import { watchForProblems } from './problems';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('the first screen', () => {
  it('shows before the app’s code has run, and a touch made then is answered once it has', async () => {
    const baseUrl = inject('baseUrl');
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    const problems = watchForProblems(page, baseUrl);
    // Hold every module of the app back until the test lets it through.
    const held: Route[] = [];
    let release = false;
    await page.route(/\/assets\/.*\.js$/, (route) => (release ? route.continue() : void held.push(route)));
    // Not 'domcontentloaded': that waits for the held module scripts.
    await page.goto(baseUrl, { waitUntil: 'commit' });
    await page.locator('[data-language="es"]').waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.kiosk)).toBeUndefined();
    expect(held.length).toBeGreaterThan(0);
    expect(await axeInPage(page)).toEqual([]);
    expect(await page.textContent('[data-language="es"]')).toBe('Español');
    await page.click('[data-language="es"]');

    release = true;
    for (const route of held.splice(0)) await route.continue();
    await page.locator('html[data-kiosk="ready"]').waitFor({ state: 'attached' });
    await arrive(page, '.library, .section-text');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('says it is loading while a screen’s code is slow to arrive, and waits for it rather than starting again', async () => {
    const baseUrl = inject('baseUrl');
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    const problems = watchForProblems(page, baseUrl);
    // A busy kiosk: the reader's and the library's code take 5 s, longer than the watchdog's 3 s for
    // a broken screen (the kiosk used to take the empty screen for one and start a fresh visit).
    await page.route(/\/assets\/(reader|library)-[^/]*\.js$/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 5000));
      await route.continue();
    });
    await page.goto(baseUrl);
    await page.locator('html[data-kiosk="ready"]').waitFor({ state: 'attached' });
    await page.click('[data-language="es"]');
    await expect.poll(() => page.locator('[data-loading] [role="status"]').textContent()).toBe('Cargando…');
    await page.locator('.library, .section-text').first().waitFor({ timeout: 20_000 });
    expect(await page.evaluate(() => (window as unknown as { kioskIncidents: () => number }).kioskIncidents())).toBe(0);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('is taken over as it is: the app keeps the drawn buttons rather than drawing new ones', async () => {
    const baseUrl = inject('baseUrl');
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    const problems = watchForProblems(page, baseUrl);
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        (window as unknown as { drawn: Element[] }).drawn = [...document.querySelectorAll('#app *')];
      });
    });
    await page.goto(baseUrl);
    await page.locator('html[data-kiosk="ready"]').waitFor({ state: 'attached' });
    const kept = await page.evaluate(() => {
      const drawn = (window as unknown as { drawn: Element[] }).drawn;
      return { drawn: drawn.length, kept: drawn.filter((element) => element.isConnected).length, now: document.querySelectorAll('#app *').length };
    });
    expect(kept.drawn).toBeGreaterThan(20);
    expect(kept).toEqual({ drawn: kept.drawn, kept: kept.drawn, now: kept.drawn });
    expect(problems).toEqual([]);
    await context.close();
  });
});
