/**
 * The offline service worker in a real Chromium: after one load the kiosk starts and reads aloud
 * with its server gone and the browser offline; cached audio answers Range requests; a new build
 * installs in the background and takes over only once the visit is over.
 *
 * Each test serves its own copy of the build from a server it can stop (tests/browser/static-server.ts):
 * the kiosk's production server, or nginx with KIOSK_TEST_SERVER=nginx.
 */
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { precompressFile } from '../../scripts/vite/precompress';
import { writeServiceWorker } from '../../scripts/vite/service-worker';
import { CHROMIUM, launchChromium, openKioskAt } from './browser';
import { serveFolder, type StaticServer } from './static-server';

const root = fileURLToPath(new URL('../..', import.meta.url));

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A private copy of the build, served until the test stops it. */
async function serveCopy(): Promise<{ dir: string; server: StaticServer }> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-offline-'));
  cpSync(inject('distDir'), dir, { recursive: true });
  const server = await serveFolder(dir);
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => server.close());
  return { dir, server };
}

/**
 * Every file of the build, as paths from the site root, but the worker itself, the site files (each
 * kiosk keeps its own), the offline audio plan, unused `.woff` fonts, the servers' precompressed
 * `.br`/`.gz` copies (the browser caches what it decoded), and the audio of handouts that are not
 * featured (cached as it is played, within the budget: tests/browser/offline-budget.test.ts).
 */
function builtFiles(dir: string): string[] {
  const plan = JSON.parse(readFileSync(join(dir, 'offline-audio.json'), 'utf8')) as { sections: Record<string, { featured: boolean }> };
  const onDemand = new Set(
    Object.entries(plan.sections)
      .filter(([, section]) => !section.featured)
      .map(([url]) => `/${url}`),
  );
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map(
      (entry) =>
        '/' +
        join(entry.parentPath, entry.name)
          .slice(dir.length + 1)
          .split('\\')
          .join('/'),
    )
    .filter(
      (path) =>
        path !== '/sw.js' &&
        path !== '/build-status.json' &&
        path !== '/offline-audio.json' &&
        !onDemand.has(path) &&
        !path.startsWith('/sites/') &&
        !path.endsWith('.map') &&
        !path.endsWith('.woff') &&
        !/\.(br|gz)$/.test(path),
    )
    .sort();
}

/** Waits until this page is served by an activated worker; returns the paths in its cache. */
async function waitForOfflineCopy(page: Page): Promise<string[]> {
  // The worker takes over once the whole build is in its cache: with twelve languages about 2,100
  // files and 35 MB, which a loaded two-core machine needs more than half a minute to copy.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 150_000 });
  return page.evaluate(async () => {
    const name = (await caches.keys()).find((key) => key.startsWith('kiosk-precache-'));
    if (!name) return [];
    const requests = await (await caches.open(name)).keys();
    return requests.map((request) => new URL(request.url).pathname).sort();
  });
}

/** The worker's own account of its version, asked over a message channel. */
function workerVersion(page: Page): Promise<string | null> {
  return page.evaluate(
    () =>
      new Promise<string | null>((resolve) => {
        const worker = navigator.serviceWorker.controller;
        if (!worker) return resolve(null);
        const channel = new MessageChannel();
        channel.port1.onmessage = (event: MessageEvent<{ version: string }>) => resolve(event.data.version);
        worker.postMessage({ type: 'GET_STATUS' }, [channel.port2]);
      }),
  );
}

/** English, then the first handout if the library is showing (it is when several are configured). */
async function readInEnglish(page: Page) {
  await page.click('[data-language="en"]');
  await page.waitForSelector('.section-text, [data-handout]');
  if (await page.locator('[data-handout]').count()) await page.locator('[data-handout]').first().click();
  await page.waitForSelector('.section-text');
}

/** Records the media elements the page plays (howler's are never in the DOM). */
const RECORD_PLAYING = () => {
  const w = window as unknown as { __played: HTMLMediaElement[] };
  w.__played = [];
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
    w.__played.push(this);
    return play.call(this);
  };
};

describe('offline', { timeout: 240_000 }, () => {
  it('caches every built file on the first load, but the audio of handouts not featured', async () => {
    const { dir, server } = await serveCopy();
    const kiosk = await openKioskAt(browser, server.url);
    cleanups.push(() => kiosk.close());
    const cached = await waitForOfflineCopy(kiosk.page);
    // index.html is cached by its own name; the navigation to / is answered with it.
    expect(cached).toEqual(builtFiles(dir));
    // The self-voicing prompt clips are audio too, and always precached.
    expect(cached.filter((path) => path.endsWith('.webm')).length).toBeGreaterThan(0);
    expect(kiosk.problems).toEqual([]);
  });

  it('starts and reads a section aloud, played once before, after a reload with the server gone and the network off', async () => {
    const { server } = await serveCopy();
    const kiosk = await openKioskAt(browser, server.url);
    cleanups.push(() => kiosk.close());
    const { page, context } = kiosk;
    await waitForOfflineCopy(page);
    // The handout is not featured: its audio is kept once it has been played.
    await readInEnglish(page);
    await page.click('[data-action="play"]');
    await page.waitForSelector('[data-action="play"][data-status="playing"]', { timeout: 15_000 });
    await page.click('[data-action="home"]');

    await server.close();
    await context.setOffline(true);
    await expect(fetch(server.url)).rejects.toThrow('fetch failed');
    await page.addInitScript(RECORD_PLAYING);
    await page.reload();
    await page.waitForSelector('html[data-kiosk="ready"] [data-language]');
    await readInEnglish(page);
    await page.click('[data-action="play"]');
    await page.waitForSelector('[data-action="play"][data-status="playing"]', { timeout: 15_000 });
    await page.waitForSelector('.word--current', { timeout: 15_000 });
    const first = await page.getAttribute('.word--current', 'data-word');
    await page.waitForFunction((word) => document.querySelector('.word--current')?.getAttribute('data-word') !== word, first, { timeout: 10_000 });
    const media = await page.evaluate(() =>
      (window as unknown as { __played: HTMLMediaElement[] }).__played.map((m) => ({ src: m.currentSrc, time: m.currentTime, error: m.error?.code ?? null })),
    );
    const speech = media.find((m) => m.src.endsWith('.webm'));
    expect(speech?.error).toBeNull();
    expect(speech?.time).toBeGreaterThan(0);
    expect(kiosk.problems).toEqual([]);
  });

  it('starts after Chromium itself restarts with the same profile and the server gone', async () => {
    const { server } = await serveCopy();
    const profile = mkdtempSync(join(tmpdir(), 'kiosk-profile-'));
    cleanups.push(() => rmSync(profile, { recursive: true, force: true }));
    const launch = () => chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });

    const first = await launch();
    const page = first.pages()[0] ?? (await first.newPage());
    await page.goto(server.url);
    await page.waitForSelector('html[data-kiosk="ready"] [data-language]');
    await waitForOfflineCopy(page);
    await first.close();
    await server.close();

    const second = await launch();
    cleanups.push(() => second.close());
    const again = second.pages()[0] ?? (await second.newPage());
    const errors: string[] = [];
    again.on('pageerror', (error) => errors.push(error.message));
    await again.goto(server.url);
    await again.waitForSelector('html[data-kiosk="ready"] [data-language]');
    await readInEnglish(again);
    expect(errors).toEqual([]);
  });

  it('answers a Range request for cached audio with 206 and exactly those bytes', async () => {
    const { dir, server } = await serveCopy();
    const kiosk = await openKioskAt(browser, server.url);
    cleanups.push(() => kiosk.close());
    const cached = await waitForOfflineCopy(kiosk.page);
    await server.close();
    await kiosk.context.setOffline(true);
    const audio = cached.find((path) => path.endsWith('.webm'))!;
    const size = statSync(join(dir, audio)).size;
    const answer = await kiosk.page.evaluate(async (url) => {
      const ranged = await fetch(url, { headers: { Range: 'bytes=100-199' } });
      const open = await fetch(url, { headers: { Range: 'bytes=0-' } });
      const beyond = await fetch(url, { headers: { Range: 'bytes=999999999-' } });
      return {
        status: ranged.status,
        range: ranged.headers.get('content-range'),
        length: (await ranged.arrayBuffer()).byteLength,
        openStatus: open.status,
        openLength: (await open.arrayBuffer()).byteLength,
        beyond: beyond.status,
      };
    }, audio);
    expect(answer).toEqual({ status: 206, range: `bytes 100-199/${size}`, length: 100, openStatus: 206, openLength: size, beyond: 416 });
  });
});

describe('updates', { timeout: 300_000 }, () => {
  it('installs a new build in the background and takes over only when the visit is over', async () => {
    const { dir, server } = await serveCopy();
    const kiosk = await openKioskAt(browser, server.url);
    cleanups.push(() => kiosk.close());
    const { page } = kiosk;
    await waitForOfflineCopy(page);
    const before = await workerVersion(page);
    await readInEnglish(page);
    await page.evaluate(() => ((window as unknown as { __samePage: boolean }).__samePage = true));

    // A new build appears on the server: one file changed, so a new precache list and a new sw.js,
    // and, as a real build makes them after the worker (scripts/vite/precompress.ts), fresh
    // brotli and gzip copies of what changed. The first build's sw.js.br left beside the new sw.js is
    // what the production server and nginx would send, and validate with its own ETag: the update
    // check would get 304 for sw.js and the browser would never see the new worker.
    appendFileSync(join(dir, 'favicon.svg'), '\n<!-- new build -->\n');
    const next = await writeServiceWorker(root, dir);
    for (const changed of ['favicon.svg', 'sw.js']) await precompressFile(join(dir, changed));
    server.refresh();
    expect(next.version).not.toBe(before);
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      (window as unknown as { __registration?: ServiceWorkerRegistration }).__registration = registration;
      await registration?.update();
    });
    // The new worker copies its own list (35 MB for twelve languages; all but the changed files from
    // the old cache) before it waits. (The predicate must not be async: waitForFunction does not
    // await it, and a promise is truthy.)
    await page.waitForFunction(() => (window as unknown as { __registration?: ServiceWorkerRegistration }).__registration?.waiting?.state === 'installed', undefined, {
      timeout: 150_000,
      polling: 200,
    });

    // Mid-handout: the new build waits; the patient's page is not reloaded.
    await page.waitForTimeout(1500);
    expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);
    expect(await workerVersion(page)).toBe(before);
    expect(await page.locator('.section-text').count()).toBe(1);

    // The visit ends: back on the welcome screen the new build takes over and the page reloads.
    const reloaded = page.waitForEvent('load', { timeout: 30_000 });
    await page.click('[data-action="home"]');
    await reloaded;
    await page.waitForSelector('html[data-kiosk="ready"] [data-language]');
    expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBeUndefined();
    expect(await workerVersion(page)).toBe(next.version);
    expect(kiosk.problems).toEqual([]);
  });
});
