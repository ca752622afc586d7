/**
 * One build, many sites, in Chromium: the same build opened as two sites (`?site=`) shows each site's
 * name and languages; an invalid site file leaves patients a working kiosk and tells staff why; a
 * kiosk whose server is gone at restart comes up on the site file it kept. And no staff PIN in plain
 * text anywhere in the build.
 */
import { fileURLToPath } from 'node:url';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chooseLanguage, launchChromium, openKioskAt } from './browser';
import { loadConfig } from '../../scripts/lib/load-config.ts';

/** The documented default PIN; kiosk.config.json holds only its hash. */
const PIN = '4826';
const config = loadConfig(fileURLToPath(new URL('../..', import.meta.url)));
const sample = JSON.parse(readFileSync(new URL('../../sites/example-lobby.json', import.meta.url), 'utf8')) as { languages: string[]; site: { name: string } };

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

// The service worker is blocked: its offline copy of the whole build is not what these tests are about.
const open = (query: string) => openKioskAt(browser, `${inject('baseUrl')}${query}`, undefined, { serviceWorkers: 'block' });
const offered = (page: Page) => page.$$eval('[data-language]', (buttons) => buttons.map((b) => b.getAttribute('data-language')));

async function openStaffPanel(page: Page) {
  const box = (await page.locator('.top-bar__name').boundingBox())!;
  await page.mouse.move(box.x + 10, box.y + box.height / 2);
  await page.mouse.down();
  await page.waitForTimeout(3300);
  await page.mouse.up();
  await page.waitForSelector('dialog[open] .pin-pad');
  for (const digit of PIN) await page.click(`[data-digit="${digit}"]`);
  await page.click('[data-action="pin-open"]');
  await page.waitForSelector('.staff-panel');
}

describe('one build, many sites', () => {
  it('runs the same build as two sites, each with its own name and languages', { timeout: 180_000 }, async () => {
    const lobby = await open('?site=example-lobby');
    expect(await offered(lobby.page)).toEqual(sample.languages);
    expect(await lobby.page.getAttribute('html', 'lang')).toBe(sample.languages[0]);
    await openStaffPanel(lobby.page);
    expect(await lobby.page.textContent('[data-staff="site-name"]')).toBe(sample.site.name);
    expect(await lobby.page.getAttribute('[data-staff="site-source"]', 'data-site-source')).toBe('file');
    expect(await lobby.page.locator('[data-site-problem]').count()).toBe(0);
    expect(lobby.problems).toEqual([]);

    // A restart with the server gone: the kiosk comes up as its site, from the copy it kept.
    await lobby.context.route('**/sites/example-lobby.json', (route) => route.abort('internetdisconnected'));
    await lobby.page.reload();
    await lobby.page.locator('html[data-kiosk="ready"] [data-language]').first().waitFor();
    expect(await offered(lobby.page)).toEqual(sample.languages);
    await lobby.close();

    const main = await open('');
    expect(await offered(main.page)).toEqual(config.languages);
    await openStaffPanel(main.page);
    expect(await main.page.textContent('[data-staff="site-name"]')).toBe(config.site.name);
    expect(await main.page.getAttribute('[data-staff="site-source"]', 'data-site-source')).toBe('built-in');
    expect(main.problems).toEqual([]);
    await main.close();
  });

  it('keeps an invalid site file from patients: they get a working kiosk, staff get the error and a marker', { timeout: 180_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, reducedMotion: 'reduce', serviceWorkers: 'block' });
    await context.route('**/sites/broken-lobby.json', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: '{"site":{"name":"Broken"},"languages":["fr","de"]}' }),
    );
    const page = await context.newPage();
    await page.goto(`${inject('baseUrl')}?site=broken-lobby`);
    await page.locator('html[data-kiosk="ready"] [data-language]').first().waitFor();
    expect(await offered(page)).toEqual(config.languages);
    expect(await page.locator('[data-site-problem]').count()).toBe(1);
    expect(await page.locator('[data-site-problem]').isVisible()).toBe(true);

    await openStaffPanel(page);
    expect(await page.textContent('[data-staff="site-name"]')).toBe(config.site.name);
    const errors = await page.textContent('[data-staff="site-problems"]');
    expect(errors).toContain('The site settings file could not be used');
    expect(errors).toContain('sites/broken-lobby.json: languages.1: "de" is not allowed; expected a language this build contains');
    await page.click('dialog[open] [data-action="close"]');
    await page.locator('dialog[open]').waitFor({ state: 'detached' });

    // The patient's kiosk works as ever.
    await chooseLanguage(page, 'en');
    expect(await page.locator('.section-text').count()).toBeGreaterThan(0);
    await context.close();
  });
});

describe('the staff PIN in the build', () => {
  it('is nowhere in plain text: only its hash ships', () => {
    const dist = inject('distDir');
    const text = readdirSync(dist, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.(js|html|json|css|webmanifest|txt)$/.test(entry.name))
      .map((entry) => ({ path: join(entry.parentPath, entry.name), body: readFileSync(join(entry.parentPath, entry.name), 'utf8') }));
    expect(text.length).toBeGreaterThan(10);
    // As a value on its own: not inside a content hash such as "74e4dbca4826965f".
    const standalone = new RegExp(`(?<![0-9A-Za-z])${PIN}(?![0-9A-Za-z])`);
    expect(text.filter((file) => standalone.test(file.body)).map((file) => file.path)).toEqual([]);
    expect(text.filter((file) => /"pin"\s*:/.test(file.body)).map((file) => file.path)).toEqual([]);
    expect(text.some((file) => file.body.includes('pbkdf2-sha256$'))).toBe(true);
  });
});
