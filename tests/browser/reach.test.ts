/**
 * Issue #23: on a floor-standing portrait panel, every control of every screen and dialog lies
 * between the lines a seated patient can reach (kiosk/reach.ts: 1,200 and 400 mm above the floor),
 * in a left-to-right and a right-to-left language, for the default mounting and a second one; and
 * each screen stays axe-clean. Landscape is covered by layout.test.ts, unchanged.
 *
 * The kiosk is built with everything a clinic can switch on that adds controls ("Take it home" with
 * a public copy, "Print" with a printer), so the walk meets every control there is.
 */
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MOUNTING, reachLines, type Mounting } from '../../src/kiosk/reach';
import { axeInPage, launchChromium, openKioskAt, type KioskPage } from './browser';
import { buildSite, type SiteBuild } from './site-build';
import { loadConfig } from '../../scripts/lib/load-config.ts';

/** The documented default PIN: kiosk.config.json's staff.pinHash is its hash. */
const STAFF_PIN = '4826';
const config = loadConfig(fileURLToPath(new URL('../..', import.meta.url)));
const PORTRAIT = { width: 1080, height: 1920 };

const GEOMETRIES: [string, Mounting, { axe: boolean }][] = [
  // The built kiosk's own: kiosk.config.json gives none, so the default portrait panel.
  ['the default mounting (800 mm up, 950 mm tall)', config.display?.mounting ?? DEFAULT_MOUNTING.portrait, { axe: true }],
  // A 55-inch panel low on its stand: both lines on screen. Applied as the app applies the config's
  // (the two custom properties on the root; tests/unit/reach-lines.test.tsx covers that wiring), so
  // one build serves both. Axe once is enough: only where things sit changes.
  ['a large panel mounted low (300 mm up, 1,210 mm tall)', { screenBottomMm: 300, screenHeightMm: 1210 }, { axe: false }],
];

let browser: Browser;
let site: SiteBuild;
beforeAll(async () => {
  site = await buildSite(['en', 'ar'], (config) => {
    config.site.publicUrl = 'https://handouts.example-clinic.ca/';
    config.print = { enabled: true };
  });
  browser = await launchChromium();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

interface Placement {
  /** The highest top edge and lowest bottom edge of any control a patient can touch now. */
  top: number;
  bottom: number;
  count: number;
  /** Controls that reach above the top line or below the bottom one. */
  outside: string[];
}

/**
 * Where the operable controls of the top layer (the open dialog, else the page) are. Only the part of
 * each control that is on screen counts: one scrolled out of its scrolling band is reached by
 * scrolling that band, which is checked like a control.
 */
function placeControls(page: Page, lines: { top: number; bottom: number }): Promise<Placement> {
  return page.evaluate((lines) => {
    const dialogs = [...document.querySelectorAll('dialog[open]')];
    const layer = dialogs[dialogs.length - 1] ?? document.getElementById('app')!;
    const controls = [...layer.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea, [role="button"], [tabindex]:not([tabindex="-1"])')]
      // A glossary term is a word of the text to read: reached like every word (the keypad, and the
      // reading line kept within reach while reading), not held to the controls' band.
      .filter((el) => !el.closest('.section-text'))
      // A native radio is drawn inside its label, which is the target a finger finds.
      .map((el) => (el.matches('input') ? (el.closest('label') ?? el) : el));
    const scrollers = [...layer.querySelectorAll<HTMLElement>('*'), layer as HTMLElement].filter(
      (el) => /auto|scroll/.test(getComputedStyle(el).overflowY) && el.scrollHeight > el.clientHeight && controls.some((c) => el.contains(c)),
    );
    const visiblePart = (el: Element) => {
      let { top, bottom, left, right } = el.getBoundingClientRect();
      for (let up = el.parentElement; up; up = up.parentElement) {
        if (getComputedStyle(up).overflow === 'visible') continue;
        const clip = up.getBoundingClientRect();
        top = Math.max(top, clip.top);
        bottom = Math.min(bottom, clip.bottom);
        left = Math.max(left, clip.left);
        right = Math.min(right, clip.right);
      }
      top = Math.max(top, 0);
      bottom = Math.min(bottom, innerHeight);
      return bottom - top > 0.5 && right - left > 0.5 ? { top, bottom } : null;
    };
    const placed = [...new Set([...controls, ...scrollers])]
      .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
      .map((el) => ({ el, part: visiblePart(el) }))
      .filter((p): p is { el: HTMLElement; part: { top: number; bottom: number } } => p.part !== null);
    const name = (el: HTMLElement) => `${el.tagName.toLowerCase()}${el.dataset.action ? `[${el.dataset.action}]` : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
    return {
      top: Math.min(...placed.map((p) => p.part.top)),
      bottom: Math.max(...placed.map((p) => p.part.bottom)),
      count: placed.length,
      // Half a pixel either way: the lines fall between pixel rows.
      outside: placed
        .filter((p) => p.part.top < lines.top - 0.5 || p.part.bottom > lines.bottom + 0.5)
        .map((p) => `${name(p.el)} ${Math.round(p.part.top)}–${Math.round(p.part.bottom)}`),
    };
  }, lines);
}

const dialogOpen = (page: Page, name: string) => page.locator(`dialog[open][data-dialog="${name}"]`).waitFor();

async function closeDialog(page: Page) {
  await page.click('dialog[open] [data-action="close"]');
  await page.locator('dialog[open]').waitFor({ state: 'detached' });
}

/** Each screen and dialog in turn, from a fresh kiosk, in the order a patient (then staff) meets them. */
const WALK: [string, (page: Page, lang: string, lines: { top: number; bottom: number }) => Promise<void>][] = [
  ['welcome, untouched', async () => {}],
  [
    'help on the welcome screen',
    async (page) => {
      await page.click('[data-action="help"]');
      await dialogOpen(page, 'help');
    },
  ],
  [
    'library',
    async (page, lang) => {
      await closeDialog(page);
      await page.click(`[data-language="${lang}"]`);
      await page.locator('.library__card').first().waitFor();
    },
  ],
  [
    'reader',
    async (page) => {
      await page.click('[data-handout="nerve-ablation"]');
      await page.locator('.section-text').waitFor();
    },
  ],
  [
    'reader, reading aloud',
    async (page, _lang, lines) => {
      await page.click('[data-action="play"]');
      await page.waitForSelector('[data-action="play"][data-status="playing"]');
      // The word being read is text, not a control, but touching one re-reads from it: it is kept in reach.
      const word = await page.waitForFunction(
        (lines) => {
          const box = document.querySelector('.word--current')?.getBoundingClientRect();
          return box && box.top >= lines.top - 0.5 && box.bottom <= lines.bottom + 0.5 && Math.round(box.top);
        },
        lines,
        { timeout: 10_000, polling: 'raf' },
      );
      expect(await word.jsonValue()).toBeGreaterThanOrEqual(lines.top);
      await page.click('[data-action="play"]');
      await page.waitForSelector('[data-action="play"]:not([data-status="playing"])');
    },
  ],
  [
    'a glossary term’s card',
    async (page) => {
      await page.click('.section-text button.term');
      await dialogOpen(page, 'term');
    },
  ],
  [
    'take it home',
    async (page) => {
      await closeDialog(page);
      await page.click('[data-action="take-home"]');
      await dialogOpen(page, 'take-home');
    },
  ],
  [
    'shown in English beside the patient’s language',
    async (page, lang) => {
      await closeDialog(page);
      // Offered only when the visit is not already in the clinic's language.
      if (lang === 'en') return expect(await page.locator('[data-action="compare"]').count()).toBe(0);
      await page.click('[data-action="compare"]');
      await page.locator('.compare__side--staff .compare__text').waitFor();
    },
  ],
  [
    'sections',
    async (page, lang) => {
      if (lang !== 'en') {
        await page.click('[data-action="compare"]');
        await page.locator('.compare').waitFor({ state: 'detached' });
      }
      await page.click('[data-action="sections"]');
      await dialogOpen(page, 'sections');
    },
  ],
  [
    'settings',
    async (page) => {
      await closeDialog(page);
      await page.click('[data-action="settings"]');
      await dialogOpen(page, 'display');
    },
  ],
  [
    'help in the reader',
    async (page) => {
      await closeDialog(page);
      await page.click('[data-action="help"]');
      await dialogOpen(page, 'help');
    },
  ],
  [
    'welcome, in the chosen language',
    async (page) => {
      await closeDialog(page);
      await page.click('[data-action="language"]');
      await page.locator('.welcome').waitFor();
    },
  ],
  [
    'staff PIN pad',
    async (page) => {
      const name = (await page.locator('.top-bar__name').boundingBox())!;
      await page.mouse.move(name.x + 10, name.y + name.height / 2);
      await page.mouse.down();
      await page.clock.runFor(3300);
      await page.mouse.up();
      await page.locator('dialog[open] .pin-pad').waitFor();
    },
  ],
  [
    'staff panel',
    async (page) => {
      for (const digit of STAFF_PIN) await page.click(`[data-digit="${digit}"]`);
      await page.click('[data-action="pin-open"]');
      await page.locator('dialog[open] .staff-panel').waitFor({ timeout: 15_000 }); // the PIN is checked against its hash first
    },
  ],
  // Last: the page's clock runs on while later steps would work, and the countdown would end the visit.
  [
    'are you still there?',
    async (page) => {
      await closeDialog(page);
      await page.clock.runFor(config.idle.timeoutSeconds * 1000);
      await dialogOpen(page, 'idle');
    },
  ],
];

describe.each(GEOMETRIES)('portrait 1080×1920, %s', (_name, mounting, { axe }) => {
  const lines = reachLines(mounting, PORTRAIT.height);

  describe.each(['en', 'ar'])('in %s', (lang) => {
    let kiosk: KioskPage;
    const highest: string[] = [];
    beforeAll(async () => {
      kiosk = await openKioskAt(browser, site.url, PORTRAIT, { serviceWorkers: 'block' });
      const { page } = kiosk;
      // The idle warning and the staff long press come on the page's clock, moved by the test.
      await page.clock.install();
      await page.reload();
      await page.locator('html[data-kiosk="ready"] [data-language]').first().waitFor();
      const fractions = reachLines(mounting, 1);
      await page.evaluate(
        ({ top, bottom }) => {
          document.documentElement.style.setProperty('--reach-top', `${top * 100}dvh`);
          document.documentElement.style.setProperty('--reach-bottom', `${bottom * 100}dvh`);
        },
        { top: fractions.topFraction, bottom: fractions.bottomFraction },
      );
    });
    afterAll(async () => {
      console.info(`highest control top edge, ${lang}, reach lines at ${lines.top} and ${lines.bottom} px:\n  ${highest.join('\n  ')}`);
      if (kiosk.problems.length) throw new Error(`the kiosk reported problems: ${kiosk.problems.join('; ')}`);
      await kiosk.close();
    });

    // One page walks through them all, in order: each step starts where the last one left off.
    it.each(WALK)('%s: every control within reach', async (screen, reach) => {
      const { page } = kiosk;
      await reach(page, lang, lines);
      const placement = await placeControls(page, lines);
      expect(placement.count, 'controls found').toBeGreaterThan(0);
      expect(placement.outside, `controls out of reach (lines at ${lines.top} and ${lines.bottom} px)`).toEqual([]);
      if (axe) expect(await axeInPage(page), 'axe').toEqual([]);
      highest.push(`${screen}: ${Math.round(placement.top)} px (${((placement.top / PORTRAIT.height) * 100).toFixed(1)}%)`);
    });
  });
});
