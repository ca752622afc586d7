/**
 * A long unattended run in miniature: a seeded random patient touches and presses keys across every
 * screen, with idle resets in between. Afterwards nothing has thrown, no audio is left playing, and
 * the JS heap and DOM are back to where a fresh welcome screen starts.
 */
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomAction, seededRandom, walkAway } from '../../bench/random-patient';
import { launchChromium, openKiosk } from './browser';
import { RECORD_MEDIA, SPEECH_PLAYING } from './media';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * After garbage collection: the JS heap, every DOM node and event listener the page still holds
 * (detached ones included, from Blink's own counters), and the tags in the body for the message.
 * Several collections with a pause between: Blink frees detached DOM over more than one.
 */
async function measure(page: Page, cdp: CDPSession) {
  const readings = [];
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
    await page.waitForTimeout(100);
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    const counters = (await cdp.send('Memory.getDOMCounters')) as { nodes: number; jsEventListeners: number };
    readings.push({ heap: heap.usedSize, allNodes: counters.nodes, listeners: counters.jsEventListeners });
  }
  // The body only for the exact comparison: <head> gains one modulepreload link per chunk loaded,
  // once, which is not a leak.
  const tags = await page.evaluate(() => [...document.body.getElementsByTagName('*')].map((e) => e.localName).join(' '));
  return {
    heap: Math.min(...readings.map((r) => r.heap)),
    allNodes: Math.min(...readings.map((r) => r.allNodes)),
    listeners: Math.min(...readings.map((r) => r.listeners)),
    nodes: tags.split(' ').length,
    tags,
  };
}

describe('a long run of random use', () => {
  it('survives 3,000 random touches and keys with idle resets, leaving nothing behind', async () => {
    const seed = Number(process.env.SOAK_SEED ?? 20261125);
    const steps = Number(process.env.SOAK_STEPS ?? 3000);
    const next = seededRandom(seed);
    const kiosk = await openKiosk(browser);
    const { page } = kiosk;
    await page.clock.install();
    await page.addInitScript(RECORD_MEDIA);
    await page.reload();
    await page.locator('html[data-kiosk="ready"] [data-language]').first().waitFor();
    const cdp = await page.context().newCDPSession(page);
    // Warm up first: every language's strings, handouts and clips loaded once are kept on purpose
    // (a cache, not a leak), so the baseline is taken after a first round of use.
    const warmUp = Math.floor(steps / 5);
    for (let step = 0; step < warmUp; step++) await randomAction(page, next);
    await walkAway(page, kiosk.problems);
    const start = await measure(page, cdp);

    for (let step = warmUp; step < steps; step++) {
      await randomAction(page, next);
      if (step % 250 === 249) await walkAway(page, kiosk.problems);
    }

    await walkAway(page, kiosk.problems);
    await page.waitForTimeout(300);
    const end = await measure(page, cdp);
    expect(kiosk.problems, `seed ${seed}`).toEqual([]);
    expect(await page.evaluate(SPEECH_PLAYING)).toBe(0);
    expect(await page.locator('.welcome').count()).toBe(1);
    expect(end.nodes, `DOM nodes: ${start.nodes} at the start (${start.tags}), ${end.nodes} at the end (${end.tags})`).toBe(start.nodes);
    // Detached DOM and listeners too: a finished visit kept alive by anything (a media element's
    // listener, a late callback) shows here first. One welcome screen is ~40 nodes and ~10 listeners;
    // the allowance is below that, for the few elements the browser itself frees late.
    expect(end.allNodes - start.allNodes, `all DOM nodes: ${start.allNodes} → ${end.allNodes}`).toBeLessThan(30);
    expect(end.listeners - start.listeners, `event listeners: ${start.listeners} → ${end.listeners}`).toBeLessThan(8);
    expect(end.heap - start.heap, `heap: ${start.heap} → ${end.heap} bytes`).toBeLessThan(1024 * 1024);
    await kiosk.close();
  }, 300_000);
});
