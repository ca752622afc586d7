/**
 * A seeded random patient: touches, keyboard keys (Escape and Backspace included) and the keypad's
 * own keys across every screen, time passing, and walks away in between. After every step it checks
 * what a patient would see against what the kiosk believes (src/kiosk/invariants, through the
 * kiosk's `window.kioskSelfCheck`), and the first broken invariant stops the run with the seed, the
 * step and the last twenty actions, so `npm run bench:soak -- --seed N --replay` can walk it again.
 * Shared by the soak test (tests/browser/soak.test.ts, minutes) and the soak benchmark (bench/soak.ts,
 * hours).
 */
import type { Page } from 'playwright-core';
import { itemAt } from '../scripts/lib/arrays.ts';

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

/** A keyboard's keys that reach the kiosk (a stray Escape or Backspace is the point of issue #16). */
const KEYBOARD = ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Enter', 'Escape', 'Backspace', 'F1', 'NumpadAdd', 'NumpadSubtract'];
/** The kiosk keypad's own keys (kiosk.config.json defaults): up, down, left, right, enter, back, help, volume. */
const KEYPAD = ['F13', 'F14', 'F15', 'F16', 'F17', 'F18', 'F19', 'F20', 'F21'];

export type ActionKind = 'touch' | 'key' | 'keypad' | 'wait' | 'walk away';

export interface Action {
  step: number;
  kind: ActionKind;
  /** What was done, readable: "touch [data-action=settings] “Settings”", "key Escape", "keypad F18". */
  what: string;
}

/** A key as a kiosk keypad sends it: Playwright's keyboard has no F13–F24. */
const pressKeypad = (page: Page, code: string) =>
  page.evaluate((c) => {
    const target = document.activeElement ?? document.body;
    target.dispatchEvent(new KeyboardEvent('keydown', { code: c, key: c, bubbles: true, cancelable: true, composed: true }));
  }, code);

/** One random action: a touch on something on top (50 %), a keyboard key (22 %), a keypad key (23 %), or time passing (5 %). */
export async function randomAction(page: Page, next: () => number): Promise<Omit<Action, 'step'>> {
  const roll = next();
  if (roll < 0.5) {
    // Locators, not element handles: a handle keeps its element (and a whole old screen) alive in
    // the page, which would look like a leak that the kiosk does not have.
    const inDialog = (await page.locator('dialog[open]').count()) > 0;
    const targets = page.locator(inDialog ? 'dialog[open] button, dialog[open] label' : '#app button:not([disabled]), #app label, #app .word');
    const count = await targets.count();
    if (!count) return { kind: 'touch', what: 'touch (nothing to touch)' };
    const target = targets.nth(Math.floor(next() * count));
    const name = await target
      .evaluate(
        (el) => `${el.localName}${el.getAttribute('data-action') ? `[data-action=${el.getAttribute('data-action')}]` : ''} “${(el.textContent ?? '').trim().slice(0, 30)}”`,
        undefined,
        { timeout: 1000 },
      )
      .catch(() => '(gone)');
    await target.click({ timeout: 2000, force: true }).catch(() => {});
    return { kind: 'touch', what: `touch ${name}` };
  }
  if (roll < 0.72) {
    const key = itemAt(KEYBOARD, Math.floor(next() * KEYBOARD.length), 'keyboard key');
    await page.keyboard.press(key);
    return { kind: 'key', what: `key ${key}` };
  }
  if (roll < 0.95) {
    const key = itemAt(KEYPAD, Math.floor(next() * KEYPAD.length), 'keypad key');
    await pressKeypad(page, key);
    return { kind: 'keypad', what: `keypad ${key}` };
  }
  const ms = Math.floor(next() * 200_000);
  await page.clock.fastForward(ms);
  return { kind: 'wait', what: `wait ${ms} ms` };
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
    else if (await playing.count())
      await playing
        .first()
        .click({ force: true })
        .catch(() => {});
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
    const timersRun = await page.evaluate(() =>
      new Promise((resolve) => {
        setTimeout(() => resolve(true), 500);
        setTimeout(() => resolve(false), 5000);
      }).catch(() => 'n/a'),
    );
    throw new Error(`The kiosk did not return to the welcome screen: ${JSON.stringify({ ...state, timersRun, problems: problems.slice(-5) })}`, { cause: error });
  }
}

/** src/kiosk/invariants' PATIENCE for 'screen-loaded' (the bench does not import the kiosk's code). */
const LOADING_PATIENCE_MS = 15_000;

export interface BrokenInvariant {
  invariant: string;
  detail: string;
}

/**
 * What the patient sees, checked in the page: the kiosk's own self-check, fed with how many of the
 * handout's audio elements are sounding (recorded by tests/browser/media.ts's RECORD_MEDIA, which
 * must be installed), and whether the kiosk's watchdog has had to start a fresh visit by itself.
 */
export function checkPage(page: Page): Promise<BrokenInvariant[]> {
  return page.evaluate(() => {
    const w = window as unknown as {
      __media?: HTMLMediaElement[];
      kioskSelfCheck?: (probes: { sectionAudioPlaying: number }) => BrokenInvariant[];
      kioskIncidents?: () => number;
    };
    // Section audio, not the self-voicing prompt clips (named by a 16-digit hash).
    const sounding = (w.__media ?? []).filter((m) => !m.paused && m.currentSrc.endsWith('.webm') && !/\/[0-9a-f]{16}-/.test(m.currentSrc));
    if (!w.kioskSelfCheck) return [{ invariant: 'self-check', detail: 'the kiosk offers no window.kioskSelfCheck' }];
    const broken = w
      .kioskSelfCheck({ sectionAudioPlaying: sounding.length })
      .map((b) =>
        b.invariant === 'speech-matches-state'
          ? { ...b, detail: `${b.detail} (${sounding.map((m) => `${m.currentSrc.split('/').pop()} at ${m.currentTime.toFixed(2)} s`).join(', ')})` }
          : b,
      );
    const healed = w.kioskIncidents?.() ?? 0;
    return healed ? [...broken, { invariant: 'self-healed', detail: `the kiosk's watchdog started ${healed} fresh visit(s) by itself` }] : broken;
  });
}

export class InvariantBroken extends Error {
  constructor(
    readonly seed: number,
    readonly step: number,
    readonly broken: BrokenInvariant[],
    readonly last: Action[],
  ) {
    super(
      `Broken invariant at step ${step} (seed ${seed}): ${broken.map((b) => `${b.invariant}: ${b.detail}`).join('; ')}\n` +
        `Last ${last.length} actions:\n${last.map((a) => `  ${a.step}  ${a.what}`).join('\n')}\n` +
        `Replay: npm run bench:soak -- --seed ${seed} --replay --steps ${step + 1}`,
    );
  }
}

export interface PatientOptions {
  seed: number;
  /** How long a screen may take to settle after a step before a mismatch counts as broken. */
  settleMs?: number;
  /** Every action as it happens (the replay prints them). */
  onAction?: (action: Action) => void;
  /** Test only: runs after each action, before the check (a deliberately broken invariant). */
  afterAction?: (page: Page, action: Action) => Promise<void>;
}

/** The random patient: steps, counts of each kind of action and key, and the check after each. */
export function createPatient(page: Page, { seed, settleMs = 2000, onAction, afterAction }: PatientOptions) {
  const next = seededRandom(seed);
  const last: Action[] = [];
  const counts: Record<string, number> = {};
  let step = 0;

  const record = async (action: Action) => {
    last.push(action);
    if (last.length > 20) last.shift();
    const label = action.kind === 'key' || action.kind === 'keypad' ? action.what : action.kind;
    counts[label] = (counts[label] ?? 0) + 1;
    onAction?.(action);
    await afterAction?.(page, action);
    // A step may take a moment to show (a dialog opens in an effect, a chunk loads): mismatches
    // count only if they last past `settleMs`.
    const started = Date.now();
    // A screen whose code is still arriving is given the kiosk's own patience for it.
    const deadline = (broken: BrokenInvariant[]) => started + (broken.every((b) => b.invariant === 'screen-loaded') ? LOADING_PATIENCE_MS : settleMs);
    let broken = await checkPage(page);
    while (broken.length && Date.now() < deadline(broken)) {
      await page.waitForTimeout(50);
      broken = await checkPage(page);
    }
    if (broken.length) throw new InvariantBroken(seed, action.step, broken, [...last]);
  };

  return {
    get steps() {
      return step;
    },
    counts,
    async act() {
      const action = { step: step++, ...(await randomAction(page, next)) };
      await record(action);
    },
    async walkAway(problems: readonly string[] = []) {
      await walkAway(page, problems);
      await record({ step: step++, kind: 'walk away', what: 'walk away (idle reset)' });
    },
  };
}
