/**
 * Memory over a long day: play/next cycles (Play, wait for sound, Next; after the last section "Start
 * again" and a new visit in the next language), with the JS heap after a forced garbage collection
 * and the DOM node count taken after a few cycles and after many, each time on the welcome screen.
 */
import type { Browser } from 'playwright-core';
import { heapByKind, memorySnapshot, newBenchPage } from './browser';
import { nextLanguage, nextSectionOrVisit, openReader, type Target, PLAY, startAgain, waitForStatus, waitForOffline } from './kiosk';

export type MemorySnapshot = Awaited<ReturnType<typeof memorySnapshot>> & { cycles: number; visits: number; byKind: Awaited<ReturnType<typeof heapByKind>> };

export interface Memory {
  snapshots: MemorySnapshot[];
  /** Heap growth between the first and the last snapshot, bytes. */
  heapGrowth: number;
  /** The same growth by kind, from heap snapshots: compiled code, the app's JS objects, Blink's objects. */
  growthByKind: { code: number; js: number; native: number; other: number } | null;
  nodeGrowth: number;
  msPerCycle: number;
  problems: string[];
}

export async function measureMemory(browser: Browser, target: Target, checkpoints: number[]): Promise<Memory> {
  const { baseUrl, languages, handout } = target;
  const bench = await newBenchPage(browser, baseUrl);
  const { page, cdp } = bench;
  await page.goto(baseUrl);
  await waitForOffline(page);
  let lang = languages[0] as string;
  await openReader(page, lang, handout);
  const snapshots: MemorySnapshot[] = [];
  let visits = 1;
  let cycles = 0;
  const last = Math.max(...checkpoints);
  const started = performance.now();
  while (cycles < last) {
    if ((await page.getAttribute(PLAY, 'data-status')) !== 'unavailable') {
      await page.click(PLAY);
      await waitForStatus(page, ['playing', 'error', 'unavailable']);
      // A few frames of the highlight moving.
      await page.waitForTimeout(50);
    }
    const moved = await nextSectionOrVisit(page, target, lang);
    lang = moved.lang;
    if (moved.newVisit) visits++;
    cycles++;
    if (checkpoints.includes(cycles)) {
      // Always measured on the welcome screen between visits, so the figures compare like with like.
      await startAgain(page);
      // The benchmark's own records of taps and sounds live in the page too: empty them first.
      await page.evaluate(() => {
        const record = (window as unknown as { __bench: { pointerdowns: unknown[]; clicks: unknown[]; playing: unknown[] } }).__bench;
        record.pointerdowns.length = 0;
        record.clicks.length = 0;
        record.playing.length = 0;
      });
      snapshots.push({ cycles, visits, ...(await memorySnapshot(cdp)), byKind: await heapByKind(cdp) });
      lang = nextLanguage(target, lang);
      await openReader(page, lang, handout);
      visits++;
    }
  }
  const msPerCycle = (performance.now() - started) / cycles;
  await bench.close();
  const first = snapshots[0];
  const final = snapshots.at(-1);
  return {
    snapshots,
    heapGrowth: first && final ? final.heapUsed - first.heapUsed : Number.NaN,
    growthByKind:
      first && final
        ? {
            code: final.byKind.code - first.byKind.code,
            js: final.byKind.js - first.byKind.js,
            native: final.byKind.native - first.byKind.native,
            other: final.byKind.other - first.byKind.other,
          }
        : null,
    nodeGrowth: first && final ? final.nodes - first.nodes : Number.NaN,
    msPerCycle,
    problems: [...new Set(bench.problems)],
  };
}
