/**
 * Debian's Chromium through playwright-core (never a downloaded browser), and the instruments the
 * benchmark puts in every page before the kiosk's own scripts run.
 */
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { CHROMIUM, launchChromium as launchWith } from '../tests/browser/chromium';
import { watchForProblems } from '../tests/browser/problems';

export { CHROMIUM };

export function launchChromium(): Promise<Browser> {
  // performance.memory with exact figures rather than bucketed ones.
  return launchWith(['--enable-precise-memory-info']);
}

/** A kiosk-sized landscape screen; the kiosk's default motion setting (no reduced-motion request). */
export const VIEWPORT = { width: 1920, height: 1080 };

export interface BenchPage {
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
  /** Console errors, page errors and requests that left the kiosk, as in the browser tests. */
  problems: string[];
  close(): Promise<void>;
}

/** A fresh context (empty cache, no service worker yet) with the instruments installed. */
export async function newBenchPage(
  browser: Browser,
  baseUrl: string,
  options: { cpuThrottling?: number; blockServiceWorkers?: boolean; instruments?: boolean } = {},
): Promise<BenchPage> {
  const context = await browser.newContext({ viewport: VIEWPORT, serviceWorkers: options.blockServiceWorkers ? 'block' : 'allow' });
  const page = await context.newPage();
  // tsx compiles with esbuild's keepNames, which wraps inner functions in `__name(...)`: functions
  // serialised into the page (init scripts, evaluate) need that helper there too.
  await page.addInitScript('globalThis.__name ??= (target) => target;');
  // The soak run goes without: their per-tap records would grow for hours and muddy the trend.
  if (options.instruments !== false) await page.addInitScript(INSTRUMENTS);
  const cdp = await context.newCDPSession(page);
  if (options.cpuThrottling && options.cpuThrottling > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: options.cpuThrottling });
  const problems = watchForProblems(page, baseUrl);
  return { context, page, cdp, problems, close: () => context.close() };
}

/** What INSTRUMENTS records, read back with `page.evaluate(() => window.__bench)`. */
export interface BenchRecord {
  /** performance.now() when a language button was first in the DOM. */
  tappableInDom: number | null;
  /** performance.now() once a frame has been rendered with one visible and enabled (after that frame's tasks). */
  tappableFrame: number | null;
  firstContentfulPaint: number | null;
  /** When the kiosk marked that a touch on the screen is acted on (`kiosk:taps-heard`). */
  tapsHeard: number | null;
  /** When the app had taken the drawn screen over (`kiosk:ready`); null if not by `tappable`. */
  appReady: number | null;
  /**
   * When it was on screen (first contentful paint if that came after the button was in the DOM, else
   * tappableFrame) and a touch on it acted on (tapsHeard), whichever is later.
   */
  tappable: number | null;
  pointerdowns: { at: number; action: string | null }[];
  clicks: { at: number; action: string | null }[];
  /** Each `playing` event of a media element, with when its clock was first seen moving. */
  playing: { at: number; src: string; time: number; advancedAt: number | null }[];
}

/**
 * Runs in the page before any of the kiosk's scripts. Kept free of closures over Node values: it is
 * serialised into the page.
 */
export const INSTRUMENTS = () => {
  const record = {
    tappableInDom: null as number | null,
    tappableFrame: null as number | null,
    firstContentfulPaint: null as number | null,
    tapsHeard: null as number | null,
    appReady: null as number | null,
    tappable: null as number | null,
    pointerdowns: [] as { at: number; action: string | null }[],
    clicks: [] as { at: number; action: string | null }[],
    playing: [] as { at: number; src: string; time: number; advancedAt: number | null }[],
  };
  // Media elements are held weakly (as in tests/browser/media.ts): an instrument that kept every
  // element a long run has used would itself look like a leak. Playing elements are never collected.
  const seen = new WeakSet<HTMLMediaElement>();
  const media: WeakRef<HTMLMediaElement>[] = [];
  const w = window as unknown as { __bench: typeof record };
  w.__bench = record;
  Object.defineProperty(window, '__media', {
    get: () => media.map((ref) => ref.deref()).filter((m): m is HTMLMediaElement => m !== undefined),
  });

  /** After every animation-frame callback of this frame and the frame's rendering: a task posted from rAF. */
  const afterFrame = (callback: () => void) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.addEventListener('message', () => {
        channel.port1.close();
        callback();
      });
      // Setting onmessage would start the port by itself; a listener needs start().
      channel.port1.start();
      channel.port2.postMessage(null);
    });

  const track = (element: HTMLMediaElement) => {
    if (seen.has(element)) return;
    seen.add(element);
    media.splice(0, media.length, ...media.filter((ref) => ref.deref()));
    media.push(new WeakRef(element));
    element.addEventListener('playing', (event) => {
      const entry = { at: event.timeStamp, src: element.currentSrc, time: element.currentTime, advancedAt: null as number | null };
      record.playing.push(entry);
      const watch = () => {
        if (element.currentTime > entry.time) entry.advancedAt = performance.now();
        else if (!element.paused && performance.now() - entry.at < 5000) requestAnimationFrame(watch);
      };
      requestAnimationFrame(watch);
    });
  };
  // howler makes its html5 elements with `new Audio()` and never puts them in the document: catch them
  // when they load a source or play.
  const { load, play } = HTMLMediaElement.prototype;
  HTMLMediaElement.prototype.load = function (this: HTMLMediaElement) {
    track(this);
    return load.call(this);
  };
  HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
    track(this);
    return play.call(this);
  };

  const actionOf = (target: EventTarget | null) => (target instanceof Element ? (target.closest('[data-action]')?.getAttribute('data-action') ?? null) : null);
  addEventListener('pointerdown', (event) => record.pointerdowns.push({ at: event.timeStamp, action: actionOf(event.target) }), true);
  addEventListener('click', (event) => record.clicks.push({ at: event.timeStamp, action: actionOf(event.target) }), true);

  // The first language button that a patient could tap: in the document, visible, enabled. Only its
  // presence is checked when the DOM changes (no forced layout inside the kiosk's own task); whether it
  // is visible is checked after each rendered frame, when layout is already done.
  const tappable = () =>
    [...document.querySelectorAll<HTMLButtonElement>('button[data-language]')].some((button) => {
      if (button.disabled) return false;
      const box = button.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && (button.checkVisibility?.({ checkOpacity: true, checkVisibilityCSS: true }) ?? true);
    });
  // When the first content was painted (presentation time): the welcome screen is rendered in one
  // go, so if that came after the buttons were in the DOM, it is the frame that showed them.
  let firstContentfulPaint: number | null = null;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint') firstContentfulPaint = entry.startTime;
  }).observe({ type: 'paint', buffered: true });
  // The welcome screen is in index.html and shows before the kiosk's code has run: a button counts
  // as tappable once a touch on it is acted on, which the kiosk marks.
  const heard = () => performance.getEntriesByName('kiosk:taps-heard')[0]?.startTime ?? null;
  const settle = (frameAt: number, waited = 0) => {
    const inDom = record.tappableInDom as number;
    if ((firstContentfulPaint === null || heard() === null) && waited < 5000) {
      setTimeout(() => settle(frameAt, waited + 20), 20);
      return;
    }
    record.tappableFrame = frameAt;
    record.firstContentfulPaint = firstContentfulPaint;
    record.tapsHeard = heard();
    const shown = firstContentfulPaint !== null && firstContentfulPaint >= inDom ? firstContentfulPaint : frameAt;
    record.tappable = Math.max(shown, record.tapsHeard ?? Number.POSITIVE_INFINITY);
    // Node learns of it from the console, so nothing of Playwright's runs in the page meanwhile.
    console.debug('bench:tappable');
  };
  const checkAfterFrame = () =>
    afterFrame(() => {
      if (!tappable()) return checkAfterFrame();
      settle(performance.now());
    });
  const observer = new MutationObserver(() => {
    if (record.tappableInDom !== null || !document.querySelector('button[data-language]')) return;
    record.tappableInDom = performance.now();
    observer.disconnect();
    checkAfterFrame();
  });
  observer.observe(document, { childList: true, subtree: true });
};

export async function readRecord(page: Page): Promise<BenchRecord> {
  return page.evaluate(() => {
    const record = (window as unknown as { __bench: BenchRecord }).__bench;
    return JSON.parse(JSON.stringify(record)) as BenchRecord;
  });
}

/** Heap after a full garbage collection, and the document's node count, from the DevTools protocol. */
export async function memorySnapshot(cdp: CDPSession) {
  await cdp.send('HeapProfiler.enable');
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number; embedderHeapUsedSize?: number };
  const dom = await cdp.send('Memory.getDOMCounters');
  return {
    heapUsed: heap.usedSize,
    heapTotal: heap.totalSize,
    /** Blink's own objects (DOM, performance entries) in the C++ heap, where Chromium reports it. */
    embedderHeapUsed: heap.embedderHeapUsedSize ?? null,
    nodes: dom.nodes,
    documents: dom.documents,
    listeners: dom.jsEventListeners,
  };
}

/**
 * A heap snapshot summed by kind, to tell a leak from warm-up: `code` is V8's compiled code (it grows
 * as more of the app gets optimised, then stops), `js` the app's objects, strings, arrays and closures,
 * `native` Blink's own objects held in the snapshot (DOM, performance entries, DevTools buffers).
 */
export async function heapByKind(cdp: CDPSession): Promise<{ code: number; js: number; native: number; other: number }> {
  let chunks = '';
  const collect = (event: { chunk: string }) => {
    chunks += event.chunk;
  };
  cdp.on('HeapProfiler.addHeapSnapshotChunk', collect);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', collect);
  const snapshot = JSON.parse(chunks) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[] };
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const typeAt = fields.indexOf('type');
  const sizeAt = fields.indexOf('self_size');
  const totals = { code: 0, js: 0, native: 0, other: 0 };
  const js = new Set(['object', 'closure', 'array', 'string', 'concatenated string', 'sliced string', 'number', 'regexp', 'symbol', 'bigint', 'object shape']);
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const type = types[snapshot.nodes[i + typeAt] as number] ?? 'other';
    const size = snapshot.nodes[i + sizeAt] as number;
    if (type === 'code') totals.code += size;
    else if (type === 'native') totals.native += size;
    else if (js.has(type)) totals.js += size;
    else totals.other += size;
  }
  return totals;
}
