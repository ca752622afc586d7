/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), with a page object for
 * the kiosk. Every page fails its test on a console error or a request to any origin but the kiosk's.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { inject } from 'vitest';
import { watchForProblems } from './problems';

export { CHROMIUM, launchChromium } from './chromium';
export { axeInPage } from '../helpers/axe';

export interface KioskPage {
  page: Page;
  /** Console errors, page errors and requests that left localhost, in the order they happened. */
  problems: string[];
  close(): Promise<void>;
}

/**
 * The kiosk in a fresh context, with its service worker blocked: otherwise every context would
 * download the whole build (all languages' audio) in the background while the test measures the
 * highlight against the audio clock on a two-core machine. The worker has its own tests
 * (offline.test.ts, staff.test.ts), which open the kiosk with `openKioskAt`.
 */
export async function openKiosk(browser: Browser, viewport = { width: 1920, height: 1080 }): Promise<KioskPage> {
  return openKioskAt(browser, inject('baseUrl'), viewport, { serviceWorkers: 'block' });
}

/** The kiosk served from `baseUrl` (a server the test controls), with its browser context. */
export async function openKioskAt(
  browser: Browser,
  baseUrl: string,
  viewport = { width: 1920, height: 1080 },
  { serviceWorkers = 'allow' }: { serviceWorkers?: 'allow' | 'block' } = {},
): Promise<KioskPage & { context: BrowserContext }> {
  const context = await browser.newContext({ viewport, reducedMotion: 'reduce', serviceWorkers });
  const page = await context.newPage();
  const problems = watchForProblems(page, baseUrl);
  await page.goto(baseUrl);
  await page.locator('html[data-kiosk="ready"] [data-language]').first().waitFor();
  return { page, problems, context, close: () => context.close() };
}

/** Chooses a language and opens a handout, through the library when more than one is configured. */
export async function chooseLanguage(page: Page, code: string, handoutId = 'nerve-ablation') {
  await page.click(`[data-language="${code}"]`);
  await arrive(page, '.library, .section-text');
  if (await page.locator('.library').count()) await page.click(`[data-handout="${handoutId}"]`);
  await arrive(page, '.section-text');
}

/** Text size and theme, through the reader's display settings (the dialog closed again). */
export async function setDisplay(page: Page, size: string, theme = 'default') {
  await page.click('[data-action="settings"]');
  await page.click(`[data-choice="${size}"]`);
  await page.click(`[data-choice="${theme}"]`);
  await page.click('dialog [data-action="close"]');
}

/**
 * Waits for a screen; when it does not come, the failure says what the kiosk showed instead (a
 * flake in CI is otherwise a bare timeout): the screen, parts still loading, the self-check, and
 * how many fresh visits the watchdog started.
 */
export async function arrive(page: Page, selector: string) {
  try {
    await page.locator(selector).first().waitFor();
  } catch (error) {
    const seen = await page
      .evaluate(() => {
        const hook = window as unknown as { kioskSelfCheck?: () => unknown; kioskIncidents?: () => number };
        return {
          kiosk: document.documentElement.dataset.kiosk,
          lang: document.documentElement.lang,
          loading: [...document.querySelectorAll('[data-loading]')].map((element) => element.getAttribute('data-loading')),
          selfCheck: hook.kioskSelfCheck?.(),
          incidents: hook.kioskIncidents?.(),
          text: document.body.innerText.replace(/\s+/g, ' ').slice(0, 300),
        };
      })
      .catch((evaluateError: unknown) => `the page could not be read: ${String(evaluateError)}`);
    throw new Error(`${selector} did not appear. The kiosk showed: ${JSON.stringify(seen)}`, { cause: error });
  }
}
