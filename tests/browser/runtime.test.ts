/**
 * The kiosk runtime in Chromium, where jsdom cannot show it: lock-down, recovery from errors and
 * broken audio, and privacy between visits.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseLanguage, launchChromium, openKiosk, setDisplay } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('lock-down', () => {
  it('blocks the context menu, text selection, Ctrl+wheel and Ctrl+plus zoom, image drag and history navigation', async () => {
    const kiosk = await openKiosk(browser);
    const { page } = kiosk;
    await chooseLanguage(page, 'en');
    const results = await page.evaluate(() => {
      const target = document.querySelector('.section-text p')!;
      const fire = (event: Event) => {
        target.dispatchEvent(event);
        return event.defaultPrevented;
      };
      return {
        contextMenu: fire(new MouseEvent('contextmenu', { bubbles: true, cancelable: true })),
        selectStart: fire(new Event('selectstart', { bubbles: true, cancelable: true })),
        ctrlWheel: fire(new WheelEvent('wheel', { bubbles: true, cancelable: true, ctrlKey: true, deltaY: -100 })),
        zoomKey: fire(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ctrlKey: true, code: 'Equal', key: '+' })),
        newTab: fire(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ctrlKey: true, code: 'KeyT', key: 't' })),
        imageDrag: (() => {
          const img = document.querySelector('img')!;
          const event = new DragEvent('dragstart', { bubbles: true, cancelable: true });
          img.dispatchEvent(event);
          return event.defaultPrevented;
        })(),
        userSelect: getComputedStyle(target).userSelect,
        touchAction: getComputedStyle(document.documentElement).touchAction,
      };
    });
    expect(results).toEqual({
      contextMenu: true,
      selectStart: true,
      ctrlWheel: true,
      zoomKey: true,
      newTab: true,
      imageDrag: true,
      userSelect: 'none',
      touchAction: 'pan-x pan-y',
    });
    // The browser's Back lands back on the kiosk, on the same screen.
    await page.goBack().catch(() => {});
    expect(await page.locator('.section-text').count()).toBe(1);
    expect(new URL(page.url()).origin).toBe(new URL(await page.evaluate(() => location.href)).origin);
    await kiosk.close();
  });
});

describe('recovery', () => {
  it('returns to a fresh welcome screen after an error nothing caught', async () => {
    const kiosk = await openKiosk(browser);
    const { page } = kiosk;
    await chooseLanguage(page, 'en');
    await page.click('[data-action="next"]');
    await page.evaluate(() =>
      setTimeout(() => {
        throw new Error('something broke');
      }, 0),
    );
    await page.waitForSelector('.welcome');
    expect(await page.locator('[data-action="home"]').count()).toBe(0);
    // The error is logged for staff; it is the only problem seen.
    expect(kiosk.problems.filter((p) => !p.includes('something broke'))).toEqual([]);
    // And the kiosk still works.
    await chooseLanguage(page, 'en');
    expect(await page.textContent('.reader__position')).toContain('1');
    await kiosk.close();
  });

  it('keeps working when a section audio file is missing: the text stays, audio is said to be unavailable', async () => {
    const kiosk = await openKiosk(browser);
    const { page } = kiosk;
    await page.route(/why-used-[\w-]+\.webm$/, (route) => route.fulfill({ status: 404, body: '' }));
    await chooseLanguage(page, 'en');
    await page.click('[data-action="next"]');
    await page.click('[data-action="play"]');
    await page.waitForSelector('[data-action="play"][data-status="unavailable"], [data-action="play"][data-status="error"]');
    expect(await page.locator('.control-bar__note').textContent()).toBe('Audio is not available for this section. You can still read the text.');
    expect(await page.locator('.section-text__heading').textContent()).toBe('Why is it used?');
    // The rest still reads aloud.
    await page.click('[data-action="next"]');
    await page.click('[data-action="play"]');
    await page.waitForSelector('[data-action="play"][data-status="playing"]');
    expect(kiosk.problems.filter((p) => !/404|Failed to load/.test(p))).toEqual([]);
    await kiosk.close();
  });

  it('keeps working when a section audio file is truncated and cannot be decoded', async () => {
    const kiosk = await openKiosk(browser);
    const { page } = kiosk;
    await page.route(/how-long-[\w-]+\.webm$/, async (route) => {
      const response = await route.fetch();
      const body = await response.body();
      await route.fulfill({ status: 200, contentType: 'audio/webm', body: body.subarray(0, 200) });
    });
    await chooseLanguage(page, 'en');
    await page.click('[data-action="sections"]');
    await page.click('dialog [data-section="how-long"]');
    await page.click('[data-action="play"]');
    await page.waitForSelector('[data-action="play"][data-status="unavailable"], [data-action="play"][data-status="error"]', { timeout: 15_000 });
    await page.click('[data-action="next"]');
    expect(await page.locator('.section-text__heading').textContent()).toBe('How is it done?');
    await kiosk.close();
  });
});

describe('privacy between visits', () => {
  it('leaves no storage, cookie or history entry of a visit after the idle reset', async () => {
    const kiosk = await openKiosk(browser);
    const { page } = kiosk;
    await page.clock.install();
    await page.reload();
    await page.waitForSelector('html[data-kiosk="ready"] [data-language]');
    const before = await page.evaluate(() => ({ history: history.length, url: location.href }));
    await chooseLanguage(page, 'fr');
    await page.click('[data-action="next"]');
    await setDisplay(page, 'extra-large');
    await page.clock.fastForward(10 * 60 * 1000);
    await page.waitForSelector('.welcome');
    const after = await page.evaluate(async () => ({
      local: localStorage.length,
      session: sessionStorage.length,
      cookie: document.cookie,
      history: history.length,
      url: location.href,
      lang: document.documentElement.lang,
      size: document.documentElement.dataset.textSize,
      databases: (await indexedDB.databases?.())?.length ?? 0,
    }));
    expect(after).toEqual({ local: 0, session: 0, cookie: '', history: before.history, url: before.url, lang: 'en', size: 'medium', databases: 0 });
    await kiosk.close();
  });
});

describe('keypad focus', () => {
  it('brings the heading into view when a keypad key leaves focus on it, never off screen', async () => {
    const kiosk = await openKiosk(browser);
    const { page } = kiosk;
    await chooseLanguage(page, 'en');
    await setDisplay(page, 'extra-large');
    await page.click('[data-action="language"]');
    await page.locator('.welcome').waitFor();
    // Scrolled down the list of languages (landscape: the whole screen scrolls), with nothing focused.
    const scrolled = await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      document.querySelector('.welcome')!.scrollBy(0, 10_000);
      return document.querySelector('.welcome__title')!.getBoundingClientRect().bottom < 0;
    });
    expect(scrolled).toBe(true);
    await page.keyboard.press('Backspace');
    await page.waitForFunction(() => document.activeElement?.classList.contains('welcome__title'));
    const box = await page.evaluate(() => document.querySelector('.welcome__title')!.getBoundingClientRect().toJSON() as DOMRect);
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.bottom).toBeLessThanOrEqual(1080);
    await kiosk.close();
  });
});
