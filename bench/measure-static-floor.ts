/**
 * What this machine needs to show the welcome screen at all: the kiosk's own first screen, copied
 * once rendered into a static page with the same stylesheets and fonts and no script, loaded cold
 * like the kiosk. Its first contentful paint is a floor no script-driven first screen can beat on
 * this machine, printed beside the kiosk's time so a reader can tell the app's cost from the
 * machine's.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { newBenchPage } from './browser';
import { median } from './stats';

export interface StaticFloor {
  throttling: number;
  runs: number[];
  median: number;
}

const PAGE = 'bench-static-welcome.html';

/** Writes the static copy of the welcome screen into the served build; returns its URL. */
export async function writeStaticWelcome(browser: Browser, baseUrl: string, outDir: string): Promise<string> {
  const bench = await newBenchPage(browser, baseUrl, { blockServiceWorkers: true, instruments: false });
  const { page } = bench;
  await page.goto(baseUrl);
  await page.locator('html[data-kiosk="ready"] [data-language]').first().waitFor();
  const rendered = await page.evaluate(() => ({
    htmlAttributes: [...document.documentElement.attributes].map((a) => `${a.name}="${a.value.replace(/"/g, '&quot;')}"`).join(' '),
    stylesheets: [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].map((l) => new URL(l.href).pathname),
    app: document.getElementById('app')?.outerHTML ?? '',
  }));
  await bench.close();
  const index = readFileSync(join(outDir, 'index.html'), 'utf8');
  const head = index
    .slice(index.indexOf('<head>'), index.indexOf('</head>'))
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
    .replace(/<link rel="modulepreload"[^>]*>/g, '')
    .replace(/<link rel="stylesheet"[^>]*>/g, '');
  const links = rendered.stylesheets.map((href) => `<link rel="stylesheet" href="${href}">`).join('');
  writeFileSync(join(outDir, PAGE), `<!doctype html><html ${rendered.htmlAttributes}>${head}${links}</head><body>${rendered.app}</body></html>`);
  return new URL(PAGE, baseUrl).href;
}

/** First contentful paint of the static copy, cold (a fresh context each run). */
export async function measureStaticFloor(browser: Browser, url: string, runs: number, throttling: number): Promise<StaticFloor> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const bench = await newBenchPage(browser, url, { cpuThrottling: throttling, blockServiceWorkers: true, instruments: false });
    await bench.page.goto(url);
    const fcp = await bench.page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint') resolve(entry.startTime);
          }).observe({ type: 'paint', buffered: true });
        }),
    );
    times.push(fcp);
    await bench.close();
  }
  return { throttling, runs: times, median: median(times) };
}
