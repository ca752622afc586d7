/**
 * A seeded random patient: touches and keys across every screen, with walks away in between. Shared
 * by the soak test (tests/browser/soak.test.ts, minutes) and the soak benchmark (bench/soak.ts, hours).
 */
import type { Page } from 'playwright-core';

/** mulberry32: small, fast, and the same sequence for the same seed, so a failure can be replayed. */
export function seededRandom(seed: number): () => number {
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

/** One random action: a touch on something visible (55 %), a keypad key (40 %), or time passing (5 %). */
export async function randomAction(page: Page, next: () => number): Promise<void> {
  const roll = next();
  if (roll < 0.55) {
    // Locators, not element handles: a handle keeps its element (and a whole old screen) alive in
    // the page, which would look like a leak that the kiosk does not have.
    const inDialog = (await page.locator('dialog[open]').count()) > 0;
    const targets = page.locator(inDialog ? 'dialog[open] button, dialog[open] label' : '#app button:not([disabled]), #app label, #app .word');
    const count = await targets.count();
    if (count) await targets.nth(Math.floor(next() * count)).click({ timeout: 2000, force: true }).catch(() => {});
  } else if (roll < 0.95) {
    await page.keyboard.press(KEYS[Math.floor(next() * KEYS.length)]!);
  } else {
    await page.clock.fastForward(Math.floor(next() * 200_000));
  }
}

/**
 * The patient pauses any reading and walks away; past the idle time and the warning the kiosk
 * resets itself. Needs `page.clock.install()` before the page loaded.
 */
export async function walkAway(page: Page, problems: readonly string[] = []): Promise<void> {
  // Close any open dialog (the Play button is inert behind it), then pause the reading: speech that
  // plays on holds the kiosk awake, as it should. Round by round, because the last action's dialog
  // may open only after the frame that rendered it (its showModal() runs in an effect), and in
  // touch-to-hear mode the first touch on Play only says its name.
  const playing = page.locator('[data-action="play"][data-status="playing"], [data-action="play"][data-status="loading"]');
  for (let round = 0; round < 8; round++) {
    await page.waitForTimeout(50);
    if (await page.locator('dialog[open]').count()) await page.keyboard.press('Escape');
    else if (await playing.count()) await playing.first().click({ force: true }).catch(() => {});
    else break;
  }
  await page.clock.fastForward(10 * 60 * 1000);
  try {
    // A locator, not waitForSelector: the element handle that returns would keep each visit's welcome
    // screen alive in the page (held for DevTools), which looks like a leak the kiosk does not have.
    await page.locator('.welcome').waitFor({ timeout: 90_000 });
  } catch (error) {
    const state = await page.evaluate(() => ({
      play: document.querySelector('[data-action="play"]')?.getAttribute('data-status'),
      dialogs: [...document.querySelectorAll('dialog[open]')].map((d) => d.textContent?.slice(0, 80)),
      screen: document.querySelector('main')?.className,
      visit: document.querySelector<HTMLElement>('.app')?.dataset.visit,
      lang: document.documentElement.lang,
      active: document.activeElement?.outerHTML.slice(0, 120),
      now: Date.now(),
    }));
    // Do the page's timers still run? (If not, the fault is in the clock, not in the kiosk.)
    const timersRun = await page.evaluate(() => new Promise((resolve) => { setTimeout(() => resolve(true), 500); setTimeout(() => resolve(false), 5000); }).catch(() => 'n/a'));
    throw new Error(`The kiosk did not return to the welcome screen: ${JSON.stringify({ ...state, timersRun, problems: problems.slice(-5) })}`, { cause: error });
  }
}
