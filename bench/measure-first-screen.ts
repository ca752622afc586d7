/**
 * Navigation to the first language button a patient could tap (in the DOM, visible, enabled, and on
 * screen: the first contentful paint once it is in the DOM), in a fresh browser context each run:
 * nothing cached, no service worker yet.
 * Also lists what the page requested before that moment, for the first-screen byte count.
 */
import type { Browser, Page } from 'playwright-core';
import { newBenchPage, readRecord } from './browser';
import { median } from './stats';

export interface FirstTappableRun {
  /** ms from navigation start (performance.now() origin). */
  tappable: number;
  inDom: number;
  /** After the first frame with the button visible had run its tasks (an upper bound for `tappable`). */
  afterFrame: number;
  firstContentfulPaint: number | null;
  /** When a touch on the screen began to be acted on (the kiosk's `kiosk:taps-heard` mark). */
  tapsHeard: number | null;
  /** When the app had taken the drawn screen over (the kiosk's `kiosk:ready` mark). */
  appReady: number | null;
  responseEnd: number;
  domContentLoaded: number;
}

export interface FirstTappable {
  throttling: number;
  runs: FirstTappableRun[];
  median: number;
  /** A second load in the same context (HTTP cache and, where registered, the service worker warm). */
  warm: { runs: number[]; median: number };
  /**
   * Paths of the build requested before the button was tappable (from the first run): what the first
   * screen needed. Chunks the kiosk prefetches once it has rendered (other screens) are not counted.
   */
  requested: { path: string; type: string; start: number }[];
  /** The welcome screen's text (every language's name), for working out which font subsets it needs. */
  welcomeText: string;
  problems: string[];
}

export async function measureFirstTappable(browser: Browser, baseUrl: string, runs: number, throttling: number, blockServiceWorkers = false): Promise<FirstTappable> {
  const results: FirstTappableRun[] = [];
  const warm: number[] = [];
  let requested: FirstTappable['requested'] = [];
  let welcomeText = '';
  const problems: string[] = [];
  for (let run = 0; run < runs; run++) {
    const bench = await newBenchPage(browser, baseUrl, { cpuThrottling: throttling, blockServiceWorkers });
    const { page } = bench;
    const ready = tappableSignal(page);
    await page.goto(baseUrl, { waitUntil: 'commit' });
    const one = await tappableFigures(page, ready);
    results.push(one.run);
    if (run === 0) {
      requested = one.requested;
      welcomeText = await page.evaluate(() => document.body.innerText);
    }
    // Warm: the kiosk reloading itself (after an update, or a restart with the browser's cache).
    await page.waitForLoadState('load');
    await page.waitForTimeout(300);
    const again = tappableSignal(page);
    await page.reload({ waitUntil: 'commit' });
    warm.push((await tappableFigures(page, again)).run.tappable);
    problems.push(...bench.problems);
    await bench.close();
  }
  return {
    throttling,
    runs: results,
    median: median(results.map((r) => r.tappable)),
    warm: { runs: warm, median: median(warm) },
    requested,
    welcomeText,
    problems: [...new Set(problems)],
  };
}

/** Resolves when the page logs that a language button is tappable; set up before navigating. */
const tappableSignal = (page: Page) => page.waitForEvent('console', { predicate: (message) => message.text() === 'bench:tappable', timeout: 30_000 });

async function tappableFigures(page: Page, ready: Promise<unknown>) {
  // No polling from Node: Playwright's own in-page script would compete with the kiosk for the CPU.
  await ready;
  const record = await readRecord(page);
  // The app takes over the drawn screen after it is shown: wait for that too (it is reported, not part of `tappable`).
  await page.waitForFunction(() => performance.getEntriesByName('kiosk:ready').length > 0, undefined, { timeout: 30_000 });
  const appReady = await page.evaluate(() => performance.getEntriesByName('kiosk:ready')[0]?.startTime ?? null);
  const figures = await page.evaluate((until) => {
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const resources = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((r) => r.startTime <= until)
      .map((r) => ({ path: new URL(r.name).pathname.replace(/^\//, ''), type: r.initiatorType, start: r.startTime }));
    return { responseEnd: navigation?.responseEnd ?? 0, domContentLoaded: navigation?.domContentLoadedEventEnd ?? 0, resources };
  }, record.tappable as number);
  return {
    run: {
      tappable: record.tappable as number,
      inDom: record.tappableInDom as number,
      afterFrame: record.tappableFrame as number,
      firstContentfulPaint: record.firstContentfulPaint,
      tapsHeard: record.tapsHeard,
      appReady,
      responseEnd: figures.responseEnd,
      domContentLoaded: figures.domContentLoaded,
    },
    requested: [{ path: 'index.html', type: 'navigation', start: 0 }, ...figures.resources],
  };
}
