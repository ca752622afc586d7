/**
 * Every dialog, closed every way it can close (issue #16): its Close button, Escape on a keyboard, the
 * keypad's Back key, the browser closing it by itself (Chromium's close watcher does on a second
 * Escape), and the idle reset. Afterwards the visit's state and the page agree (the kiosk's own
 * self-check finds nothing), and the same dialog and another one open again with the touches the
 * screen says they take: one, or two when the keypad has started touch-to-hear.
 *
 * A language change cannot close a dialog: the Language button is behind every modal dialog. What
 * it can do is leave a stale dialog in the state; the last test changes language and opens dialogs.
 */
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseLanguage, launchChromium, openKiosk } from './browser';
import { loadConfig } from '../../scripts/lib/load-config.ts';

const config = loadConfig(fileURLToPath(new URL('../..', import.meta.url)));
/** The documented default PIN, whose hash kiosk.config.json ships with. */
const PIN = '4826';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

type DialogName = 'help' | 'sections' | 'display' | 'idle' | 'staff-pin' | 'staff-panel';
type Way = 'close button' | 'Escape' | 'keypad Back' | 'browser' | 'idle reset';

/** A key as the kiosk's keypad sends it: F13–F24 have no key in Playwright's keyboard. */
const keypad = (page: Page, code: string) => page.evaluate((c) => window.dispatchEvent(new KeyboardEvent('keydown', { code: c, key: c, bubbles: true, cancelable: true })), code);

const selfCheck = (page: Page) => page.evaluate(() => (window as unknown as { kioskSelfCheck: () => unknown[] }).kioskSelfCheck());

async function expectAgreement(page: Page, dialogs: string) {
  await expect.poll(() => page.getAttribute('.app', 'data-dialogs'), { timeout: 5000 }).toBe(dialogs || 'none');
  await expect.poll(() => selfCheck(page), { timeout: 5000 }).toEqual([]);
}

const touchMode = (page: Page) => page.getAttribute('.app', 'data-touch-mode');

/** A tap where the control is: a finger does not wait for the control to hold still, as page.click would. */
async function tap(page: Page, selector: string) {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`${selector} is not on screen`);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/**
 * Touches a control as many times as the screen says it takes: two in touch-to-hear (the first only
 * speaks, and marks it), except on the idle warning, which any touch at all answers.
 */
async function touch(page: Page, selector: string) {
  const idle = (await page.locator('dialog[open][data-dialog="idle"]').count()) > 0;
  if ((await touchMode(page)) === 'hear' && !idle) {
    await tap(page, selector);
    expect(await page.getAttribute(selector, 'data-armed'), `${selector} marked after a first touch`).not.toBeNull();
  }
  await tap(page, selector);
}

async function holdAppName(page: Page) {
  const box = (await page.locator('.top-bar__name').boundingBox())!;
  await page.mouse.move(box.x + 10, box.y + box.height / 2);
  await page.mouse.down();
  await page.clock.fastForward(3200);
  await page.mouse.up();
}

/** Opens a dialog the way a patient (or staff) would; returns its `data-dialog` name. */
async function open(page: Page, dialog: DialogName): Promise<string> {
  switch (dialog) {
    case 'help':
      await touch(page, '[data-action="help"]');
      break;
    case 'sections':
      await touch(page, '[data-action="sections"]');
      break;
    case 'display':
      await touch(page, '[data-action="settings"]');
      break;
    case 'idle':
      await page.clock.fastForward(config.idle.timeoutSeconds * 1000 + 500);
      break;
    case 'staff-pin':
    case 'staff-panel':
      await holdAppName(page);
      await page.locator('dialog[open] .pin-pad').waitFor();
      if (dialog === 'staff-panel') {
        for (const digit of PIN) await touch(page, `[data-digit="${digit}"]`);
        await touch(page, '[data-action="pin-open"]');
        await page.locator('dialog[open] .staff-panel').waitFor();
      }
      break;
  }
  const name = dialog.startsWith('staff') ? 'staff' : dialog;
  await page.locator(`dialog[open][data-dialog="${name}"]`).waitFor();
  return name;
}

async function close(page: Page, way: Way) {
  switch (way) {
    case 'close button':
      await touch(page, 'dialog[open] [data-action="close"]');
      break;
    case 'Escape':
      await page.keyboard.press('Escape');
      break;
    case 'keypad Back':
      await keypad(page, 'F18');
      break;
    case 'browser':
      await page.evaluate(() => [...document.querySelectorAll('dialog[open]')].forEach((d) => (d as HTMLDialogElement).close()));
      break;
    case 'idle reset':
      await page.clock.fastForward(config.idle.timeoutSeconds * 1000 + 500);
      await page.clock.fastForward(config.idle.warningSeconds * 1000 + 500);
      await page.locator('.welcome').waitFor();
      break;
  }
  await page.waitForFunction(() => !document.querySelector('dialog[open]'));
}

/** Back in the reader (after an idle reset the visit starts again). */
async function toReader(page: Page) {
  if (await page.locator('.welcome').count()) await chooseLanguage(page, 'en');
}

const DIALOGS: DialogName[] = ['help', 'sections', 'display', 'idle', 'staff-pin', 'staff-panel'];
const WAYS: Way[] = ['close button', 'Escape', 'keypad Back', 'browser', 'idle reset'];
const OTHER: Record<DialogName, DialogName> = { help: 'display', sections: 'help', display: 'sections', idle: 'display', 'staff-pin': 'help', 'staff-panel': 'display' };

describe.each(DIALOGS)('the %s dialog', (dialog) => {
  it.each(WAYS)('closed by %s: state and page agree, and it and another open again', async (way) => {
    const kiosk = await openKiosk(browser);
    const { page } = kiosk;
    await page.clock.install();
    await page.reload();
    await page.locator('html[data-kiosk="ready"] [data-language]').first().waitFor();
    await chooseLanguage(page, 'en');

    await open(page, dialog);
    await expectAgreement(page, dialog.startsWith('staff') ? 'staff' : dialog);
    await close(page, way);
    await expectAgreement(page, '');
    // The keypad's own Back key is a keypad key: speech mode, shown on screen; the others change nothing.
    expect(await touchMode(page)).toBe(way === 'keypad Back' ? 'hear' : 'choose');
    expect(await page.locator('.app [data-touch-mode-bar]').count()).toBe(way === 'keypad Back' ? 1 : 0);

    await toReader(page);
    const again = await open(page, dialog);
    await expectAgreement(page, again);
    await close(page, 'close button');
    await expectAgreement(page, '');
    const other = await open(page, OTHER[dialog]);
    await expectAgreement(page, other);
    await close(page, 'close button');
    await expectAgreement(page, '');
    expect(kiosk.problems).toEqual([]);
    await kiosk.close();
  });
});

describe('a language change', () => {
  it('leaves no dialog in the state, and dialogs open with one touch in the new language', async () => {
    const kiosk = await openKiosk(browser);
    const { page } = kiosk;
    await chooseLanguage(page, 'en');
    await open(page, 'display');
    await close(page, 'Escape');
    await page.click('[data-action="language"]');
    await page.click('[data-language="ar"]');
    await page.locator('html[lang="ar"] .section-text').waitFor();
    await expectAgreement(page, '');
    await open(page, 'display');
    await expectAgreement(page, 'display');
    await close(page, 'close button');
    await open(page, 'sections');
    await close(page, 'browser');
    await expectAgreement(page, '');
    expect(kiosk.problems).toEqual([]);
    await kiosk.close();
  });
});
