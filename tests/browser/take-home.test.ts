/**
 * "Take it home" (issue #21, item 1), end to end in Chromium: the kiosk shows a QR code and the
 * written-out link for the section on screen; the code, decoded from the SVG as a camera would see
 * it, is that link; the link opens the same build on a phone as a personal reader, in Spanish at
 * section 3, which reads aloud with the highlight moving, with none of the kiosk's lock-down.
 */
import type { Browser, Page } from 'playwright-core';
import decodeQR from 'qr/decode.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeInPage, chooseLanguage, launchChromium, openKioskAt } from './browser';
import { RECORD_MEDIA, SPEECH_PLAYING } from './media';
import { watchForProblems } from './problems';
import { buildSite, type SiteBuild } from './site-build';

let browser: Browser;
let site: SiteBuild;

beforeAll(async () => {
  // The test server's own address is the public copy, so the phone link opens this build.
  site = await buildSite(['en', 'es', 'ar'], (config, url) => {
    config.site.publicUrl = url;
  });
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** Renders the QR code's SVG to pixels in a blank page and decodes them with the library's decoder. */
async function decodeSvg(svg: string): Promise<string> {
  const size = 300;
  const page = await browser.newPage();
  try {
    // Pixels come back as base64: a plain array of a few hundred thousand numbers is slow to pass.
    const rgba = await page.evaluate(
      async ({ markup, size }) => {
        const image = new Image(size, size);
        image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup.replace('<svg ', `<svg width="${size}" height="${size}" `))}`;
        await new Promise((resolve, reject) => {
          image.onload = resolve;
          image.onerror = reject;
        });
        const canvas = document.createElement('canvas');
        canvas.width = canvas.height = size;
        const context = canvas.getContext('2d')!;
        context.fillStyle = '#fff';
        context.fillRect(0, 0, size, size);
        context.drawImage(image, 0, 0, size, size);
        const data = context.getImageData(0, 0, size, size).data;
        let bytes = '';
        for (const byte of data) bytes += String.fromCharCode(byte);
        return btoa(bytes);
      },
      { markup: svg, size },
    );
    return decodeQR({ width: size, height: size, data: new Uint8Array(Buffer.from(rgba, 'base64')) });
  } finally {
    await page.close();
  }
}

/** On every frame for `ms`: the index of the highlighted word, while section speech plays. */
function highlightedWords(page: Page, ms: number): Promise<number[]> {
  return page.evaluate(
    (duration) =>
      new Promise<number[]>((resolve) => {
        const seen: number[] = [];
        const end = performance.now() + duration;
        const frame = () => {
          const word = document.querySelector('.word--current')?.getAttribute('data-word');
          if (word != null) seen.push(Number(word));
          if (performance.now() < end) requestAnimationFrame(frame);
          else resolve(seen);
        };
        requestAnimationFrame(frame);
      }),
    ms,
  );
}

describe('take it home on a phone', () => {
  it('goes from the kiosk’s QR code to the phone reader in Spanish at section 3, reading with the highlight', async () => {
    // The kiosk: Spanish, section 3, "Take it home".
    const kiosk = await openKioskAt(browser, site.url, { width: 1920, height: 1080 }, { serviceWorkers: 'block' });
    const { page } = kiosk;
    await chooseLanguage(page, 'es');
    for (let i = 0; i < 2; i++) {
      const heading = await page.locator('.section-text__heading').textContent();
      await page.click('[data-action="next"]');
      await expect.poll(() => page.locator('.section-text__heading').textContent()).not.toBe(heading);
    }
    const kioskHeading = await page.locator('.section-text__heading').textContent();
    await page.click('[data-action="take-home"]');
    const dialog = page.locator('dialog[open][data-dialog="take-home"]');
    await dialog.locator('.qr-code svg').waitFor();
    const written = (await dialog.locator('.take-home__link').textContent())!.trim();
    const encoded = await decodeSvg(await dialog.locator('.qr-code svg').evaluate((svg) => svg.outerHTML));
    expect(encoded).toBe(written);
    // The link carries the place and nothing else.
    const link = new URL(written);
    expect(link.origin + link.pathname).toBe(site.url);
    expect(Object.fromEntries(link.searchParams)).toEqual({ reader: 'phone', lang: 'es', handout: 'nerve-ablation', section: '3' });
    expect(await axeInPage(page)).toEqual([]);
    expect(kiosk.problems).toEqual([]);
    await kiosk.close();

    // The phone: the same build, opened from the link, at phone size, in the phone's dark mode.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, colorScheme: 'dark', reducedMotion: 'reduce' });
    try {
      const phone = await context.newPage();
      await phone.addInitScript(RECORD_MEDIA);
      const problems = watchForProblems(phone, site.url);
      await phone.goto(written);
      await phone.locator('html[data-kiosk="ready"] .section-text').waitFor();
      expect(await phone.locator('.section-text__heading').textContent()).toBe(kioskHeading);
      expect(await phone.locator('html').getAttribute('lang')).toBe('es');
      expect(await phone.locator('.reader__title').getAttribute('lang')).toBe(null);
      expect(await phone.locator('.reader__head').getAttribute('lang')).toBe('es');
      // A personal reader: no lock-down, the phone's dark mode, no "Take it home" (it is home).
      const root = await phone.locator('html').evaluate((html) => ({ mode: html.dataset.mode, theme: html.dataset.theme, locked: html.classList.contains('locked-down') }));
      expect(root).toEqual({ mode: 'personal', theme: 'dark', locked: false });
      expect(await phone.locator('[data-action="take-home"]').count()).toBe(0);
      // Nothing wider than the phone.
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(await axeInPage(phone)).toEqual([]);

      await phone.tap('[data-action="play"]');
      await expect.poll(() => phone.evaluate(SPEECH_PLAYING), { timeout: 20_000 }).toBe(1);
      const words = await highlightedWords(phone, 2500);
      // The highlight moves forward through the words as they are spoken, never back.
      expect(new Set(words).size).toBeGreaterThanOrEqual(3);
      expect(words.every((word, i) => i === 0 || word >= words[i - 1]!)).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);
});
