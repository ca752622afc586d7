/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), with a page object for
 * the kiosk. Every page fails its test on a console error or a request to any origin but the kiosk's.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { inject } from 'vitest';
import { watchForProblems } from './problems';

export { CHROMIUM, launchChromium } from './chromium';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

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
  await page.locator('.library, .section-text').first().waitFor();
  if (await page.locator('.library').count()) await page.click(`[data-handout="${handoutId}"]`);
  await page.locator('.section-text').first().waitFor();
}

/** Runs axe-core with every rule, layout ones included, in the page; returns the violations. */
export async function axeInPage(page: Page) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`) }));
  });
}
