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

const KEYS = ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Enter', 'Escape', 'F1', 'F20', 'F21'];

async function measure(page: Page, cdp: CDPSession) {
  await cdp.send('HeapProfiler.collectGarbage');
  await page.waitForTimeout(50);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  const nodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  return { heap: heap.usedSize, nodes };
}

async function backToWelcome(page: Page) {
  // Past the idle time and the warning: the kiosk resets itself.
  await page.clock.fastForward(10 * 60 * 1000);
  await page.waitForSelector('.welcome');
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
    await backToWelcome(page);
    const start = await measure(page, cdp);

    for (let step = 0; step < steps; step++) {
      const roll = next();
      if (roll < 0.55) {
        const targets = await page.$$('dialog[open] button, dialog[open] label, #app button:not([disabled]), #app label, #app .word');
        const open = await page.$$('dialog[open]');
        const usable = open.length ? await page.$$('dialog[open] button, dialog[open] label') : targets;
        const target = usable[Math.floor(next() * usable.length)];
        if (target) await target.click({ timeout: 2000, force: true }).catch(() => {});
      } else if (roll < 0.95) {
        await page.keyboard.press(KEYS[Math.floor(next() * KEYS.length)]!);
      } else {
        await page.clock.fastForward(Math.floor(next() * 200_000));
      }
      if (step % 250 === 249) await backToWelcome(page);
    }

    await backToWelcome(page);
    await page.waitForTimeout(300);
    const end = await measure(page, cdp);
    expect(kiosk.problems, `seed ${seed}`).toEqual([]);
    expect(await page.evaluate(SPEECH_PLAYING)).toBe(0);
    expect(await page.locator('.welcome').count()).toBe(1);
    expect(end.nodes, `DOM nodes: ${start.nodes} at the start, ${end.nodes} at the end`).toBeLessThanOrEqual(start.nodes + 5);
    expect(end.heap - start.heap, `heap: ${start.heap} → ${end.heap} bytes`).toBeLessThan(2 * 1024 * 1024);
    await kiosk.close();
  }, 300_000);
});
