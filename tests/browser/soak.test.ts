/**
 * A long unattended run in miniature: a seeded random patient touches and presses keys across every
 * screen, with idle resets in between. Afterwards nothing has thrown, no audio is left playing, and
 * the JS heap and DOM are back to where a fresh welcome screen starts.
 */
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openKiosk } from './browser';
import { RECORD_MEDIA, SPEECH_PLAYING } from './media';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** mulberry32: small, fast, and the same sequence for the same seed, so a failure can be replayed. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Enter', 'Escape', 'F1', 'NumpadAdd', 'NumpadSubtract'];

async function measure(page: Page, cdp: CDPSession) {
  await cdp.send('HeapProfiler.collectGarbage');
  await page.waitForTimeout(50);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  // The body only: <head> gains one modulepreload link per chunk loaded, once, which is not a leak.
  const tags = await page.evaluate(() => [...document.body.getElementsByTagName('*')].map((e) => e.localName).join(' '));
  return { heap: heap.usedSize, nodes: tags.split(' ').length, tags };
}

async function backToWelcome(page: Page) {
  // Speech playing keeps the kiosk awake (as it should), so the patient pauses it and walks away;
  // past the idle time and the warning, the kiosk resets itself.
  const playing = page.locator('[data-action="play"][data-status="playing"], [data-action="play"][data-status="loading"]');
  if (await playing.count()) await playing.first().click({ force: true }).catch(() => {});
  await page.clock.fastForward(10 * 60 * 1000);
  await page.waitForSelector('.welcome', { timeout: 30_000 });
}

describe('a long run of random use', () => {
  it('survives 1,500 random touches and keys with idle resets, leaving nothing behind', async () => {
    const seed = Number(process.env.SOAK_SEED ?? 20261125);
    const steps = Number(process.env.SOAK_STEPS ?? 1500);
    const next = random(seed);
    const kiosk = await openKiosk(browser);
    const { page } = kiosk;
    await page.clock.install();
    await page.addInitScript(RECORD_MEDIA);
    await page.reload();
    await page.waitForSelector('[data-language]');
    const cdp = await page.context().newCDPSession(page);
    const act = async () => {
      const roll = next();
      if (roll < 0.55) {
        const open = await page.$$('dialog[open]');
        const usable = open.length
          ? await page.$$('dialog[open] button, dialog[open] label')
          : await page.$$('#app button:not([disabled]), #app label, #app .word');
        const target = usable[Math.floor(next() * usable.length)];
        if (target) await target.click({ timeout: 2000, force: true }).catch(() => {});
      } else if (roll < 0.95) {
        await page.keyboard.press(KEYS[Math.floor(next() * KEYS.length)]!);
      } else {
        await page.clock.fastForward(Math.floor(next() * 200_000));
      }
    };
    // Warm up first: every language's strings, handouts and clips loaded once are kept on purpose
    // (a cache, not a leak), so the baseline is taken after a first round of use.
    const warmUp = Math.floor(steps / 5);
    for (let step = 0; step < warmUp; step++) await act();
    await backToWelcome(page);
    const start = await measure(page, cdp);

    for (let step = warmUp; step < steps; step++) {
      await act();
      if (step % 250 === 249) await backToWelcome(page);
    }

    await backToWelcome(page);
    await page.waitForTimeout(300);
    const end = await measure(page, cdp);
    expect(kiosk.problems, `seed ${seed}`).toEqual([]);
    expect(await page.evaluate(SPEECH_PLAYING)).toBe(0);
    expect(await page.locator('.welcome').count()).toBe(1);
    expect(end.nodes, `DOM nodes: ${start.nodes} at the start (${start.tags}), ${end.nodes} at the end (${end.tags})`).toBe(start.nodes);
    expect(end.heap - start.heap, `heap: ${start.heap} → ${end.heap} bytes`).toBeLessThan(2 * 1024 * 1024);
    await kiosk.close();
  }, 300_000);
});
