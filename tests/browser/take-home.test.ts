/**
 * "Take it home" (issue #21, item 1), end to end in Chromium: the kiosk shows a QR code and the
 * written-out link for the section on screen; the code, decoded from the SVG as a camera would see
 * it, is that link; the link opens the same build on a phone as a personal reader, in Spanish at
 * section 3, which reads aloud with the highlight moving, with none of the kiosk's lock-down.
 * And "Print" (item 2): the whole handout, printed to PDF, in English and in Arabic.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
    config.print = { enabled: true };
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
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
      colorScheme: 'dark',
      reducedMotion: 'reduce',
    });
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

/**
 * The text of a PDF page by page, in reading order, and where each word sits across its page. Read
 * with poppler's pdftotext (Debian's poppler-utils): Chromium's PDF gives shaped Arabic glyphs their
 * text only through ActualText spans, which pdftotext honours and pdf.js does not.
 */
function pdfPages(pdf: Buffer): { text: string; visual: string; width: number; words: { x: number; right: number; y: number; str: string }[] }[] {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-print-'));
  const file = join(dir, 'handout.pdf');
  const run = (args: string[]) => {
    try {
      return execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        throw new Error('pdftotext is not installed: apt-get install poppler-utils (the print test reads the PDF with it)', { cause: error });
      throw error;
    }
  };
  try {
    writeFileSync(file, pdf);
    // Pages end with a form feed; -bbox lists each page's words (in visual order: fine for where they sit).
    const texts = run(['-enc', 'UTF-8']).split('\f').slice(0, -1);
    const boxes = [...run(['-bbox']).matchAll(/<page width="([\d.]+)"[^>]*>([\s\S]*?)<\/page>/g)].map(([, width, body]) => ({
      width: Number(width),
      words: [...body!.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map(([, x, y, right, str]) => ({
        x: Number(x),
        y: Number(y),
        right: Number(right),
        str: str!.replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"'),
      })),
    }));
    expect(boxes.length).toBe(texts.length);
    return texts.map((text, n) => ({ text, visual: visualText(boxes[n]!.words), ...boxes[n]! }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A page's words as the eye meets them: line by line from the top, each line from left to right.
 * For left-to-right text inside a right-to-left page (the link), this is the order a reader sees.
 */
function visualText(words: { x: number; y: number; str: string }[]): string {
  const lines: (typeof words)[] = [];
  for (const word of [...words].sort((a, b) => a.y - b.y)) {
    const line = lines.at(-1);
    // Words of one line differ in top edge by their glyphs' heights, a few points at most.
    if (line && Math.abs(word.y - line[0]!.y) < 4) line.push(word);
    else lines.push([word]);
  }
  return lines
    .map((line) =>
      line
        .sort((a, b) => a.x - b.x)
        .map((w) => w.str)
        .join(' '),
    )
    .join('\n');
}

/**
 * What is compared of two texts: no spaces, no hyphens (pdftotext joins a word broken at a line's end
 * and drops its hyphen, the link's "nerve-ablation" included), no bidi marks (pdftotext adds them
 * around right-to-left runs), Arabic presentation forms undone (NFKC), and lam-alef in one order,
 * because pdftotext gives the lam-alef ligature's two letters alef first.
 */
const plain = (text: string) =>
  text
    .normalize('NFKC')
    .replace(/[\s\-\u00ad\u2010\u2011\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\u0644([\u0622\u0623\u0625\u0627])/g, '$1\u0644');
const count = (text: string, part: string) => (part ? text.split(part).length - 1 : 0);

describe('printing the handout', () => {
  it.each<[string, 'ltr' | 'rtl']>([
    ['en', 'ltr'],
    ['ar', 'rtl'],
  ])('prints every section of the handout in %s, with the QR link and none of the kiosk’s controls', async (lang, dir) => {
    const kiosk = await openKioskAt(browser, site.url, { width: 1920, height: 1080 }, { serviceWorkers: 'block' });
    const { page } = kiosk;
    try {
      // The browser's print dialog is the browser's; the test counts that it was asked for.
      await page.evaluate(() => {
        const w = window as unknown as { __printed: number };
        w.__printed = 0;
        window.print = () => void w.__printed++;
      });
      await chooseLanguage(page, lang);
      expect(await axeInPage(page)).toEqual([]);
      await page.click('[data-action="print"]');
      await page.locator('.print-copy[data-ready]').waitFor({ state: 'attached' });
      expect(await page.evaluate(() => (window as unknown as { __printed: number }).__printed)).toBe(1);

      const pages = pdfPages(await page.pdf({ format: 'A4' }));
      const text = plain(pages.map((p) => p.text).join(''));
      const source = readFileSync(new URL(`../../locales/${lang}/handouts/nerve-ablation.md`, import.meta.url), 'utf8');
      const title = source.match(/^# (.*)$/m)![1]!;
      const headings = [...source.matchAll(/^## (.*?) \{#[a-z-]+\}$/gm)].map((m) => m[1]!);
      expect(headings.length).toBeGreaterThan(3);
      expect(text).toContain(plain(title));
      for (const heading of headings) expect(text).toContain(plain(heading));
      // The nurse line from the config, and the address of the QR code beside it.
      expect(text).toContain('811');
      // The link as the eye reads it on paper, left to right even on an Arabic page (pdftotext's
      // reading order would move a "?" that ends a line to where a right-to-left line starts).
      expect(plain(pages.map((p) => p.visual).join(''))).toContain(plain(`${site.url}?reader=phone&lang=${lang}&handout=nerve-ablation&section=1`));
      // A section to a page (the QR code has its own).
      expect(pages.length).toBeGreaterThanOrEqual(headings.length + 1);
      // None of the kiosk's controls: each label is in the PDF no more often than the printed words
      // say it (the handout, and the line above the QR code: "…in this language" holds "Language"
      // in Arabic, which has no capitals to tell them apart).
      const ui = JSON.parse(readFileSync(new URL(`../../locales/${lang}/ui.json`, import.meta.url), 'utf8'));
      const printedWords = plain(source) + plain(ui.takeHome.scan);
      const labels = [
        ui.reader.previous,
        ui.reader.next,
        ui.reader.play,
        ui.reader.sections,
        ui.reader.settings,
        ui.reader.print,
        ui.common.home,
        ui.common.language,
        ui.common.help,
        ui.takeHome.open,
        ui.welcome.touchToHear,
      ];
      for (const label of labels) expect(count(text, plain(label)), label).toBeLessThanOrEqual(count(printedWords, plain(label)));
      expect(text).not.toContain(plain(ui.reader.sectionOf.replace('{{current}}', '1').replace('{{total}}', String(headings.length))));
      // Right to left on the page itself: Arabic lines end at the right margin, English at the left.
      const body = pages.flatMap((p) => p.words.map((w) => ({ ...w, width: p.width })));
      const atRight = body.filter((i) => i.right > i.width * 0.8).length / body.length;
      const atLeft = body.filter((i) => i.x < i.width * 0.2).length / body.length;
      if (dir === 'rtl') expect(atRight).toBeGreaterThan(atLeft);
      else expect(atLeft).toBeGreaterThan(atRight);
      expect(kiosk.problems).toEqual([]);
    } finally {
      await kiosk.close();
    }
  });
});
