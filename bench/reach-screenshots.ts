/**
 * Screenshots of every screen and dialog in portrait and landscape, in English, Spanish and Arabic,
 * with the seated-reach line drawn across them (kiosk/reach.ts), for docs/reach/ and the README.
 * Run by hand after a layout change, then look at them:
 *
 *   npx tsx bench/reach-screenshots.ts            # builds the kiosk and serves it
 *   npx tsx bench/reach-screenshots.ts --url http://127.0.0.1:5173/   # an already running kiosk
 *   npx tsx bench/reach-screenshots.ts --url … --only 'portrait-.*-ar'  # just those shots
 *
 * Shot at half size (device scale 0.5) in 64 colours: enough to judge a layout, small enough to commit.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { DEFAULT_MOUNTING, reachLines, type Orientation } from '../src/kiosk/reach';
import { launchChromium } from './browser';
import { buildSite } from '../tests/browser/site-build';
import { openReader, waitFor } from './kiosk';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'docs/reach');
const LANGUAGES = ['en', 'es', 'ar'];
const VIEWPORTS: Record<Orientation, { width: number; height: number }> = {
  portrait: { width: 1080, height: 1920 },
  landscape: { width: 1920, height: 1080 },
};
const IDLE_MS = 95_000;

/** Each shot: how to get there from a fresh kiosk in `lang`. */
type Shot = (page: Page, lang: string) => Promise<void>;
const SHOTS = {
  // As a patient comes back to it with Language: in the chosen language, with Start again.
  welcome: async (page, lang) => {
    await page.click(`[data-language="${lang}"]`);
    await waitFor(page, '.library__card');
    await page.click('[data-action="language"]');
    await waitFor(page, '.welcome');
  },
  library: async (page, lang) => {
    await page.click(`[data-language="${lang}"]`);
    await waitFor(page, '.library__card');
  },
  reader: (page, lang) => openReader(page, lang, 'nerve-ablation'),
  term: async (page, lang) => {
    await openReader(page, lang, 'nerve-ablation');
    await page.click('.section-text button.term');
    await waitFor(page, 'dialog[open][data-dialog="term"]');
  },
  'take-home': (page, lang) => openDialog(page, lang, 'take-home'),
  // Not offered in the clinic's own language (English): shot in Spanish and Arabic only.
  compare: async (page, lang) => {
    await openReader(page, lang, 'nerve-ablation');
    await page.click('[data-action="compare"]');
    await waitFor(page, '.compare__side--staff .compare__text');
  },
  sections: (page, lang) => openDialog(page, lang, 'sections'),
  settings: (page, lang) => openDialog(page, lang, 'settings'),
  help: (page, lang) => openDialog(page, lang, 'help'),
  idle: async (page, lang) => {
    await openReader(page, lang, 'nerve-ablation');
    await page.clock.runFor(IDLE_MS);
    await waitFor(page, 'dialog[open][data-dialog="idle"]');
  },
} satisfies Record<string, Shot>;
/** Landscape is unchanged by the reach work: its screens, not every dialog again. */
const LANDSCAPE_SHOTS: (keyof typeof SHOTS)[] = ['welcome', 'library', 'reader', 'sections', 'compare'];

async function openDialog(page: Page, lang: string, action: string) {
  await openReader(page, lang, 'nerve-ablation');
  await page.click(`[data-action="${action}"]`);
  await waitFor(page, 'dialog[open]');
}

async function shoot(browser: Browser, baseUrl: string, orientation: Orientation, lang: string, name: string, shot: Shot) {
  const viewport = VIEWPORTS[orientation];
  const context = await browser.newContext({ viewport, deviceScaleFactor: 0.5, reducedMotion: 'reduce', serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.clock.install();
  await page.goto(baseUrl);
  await waitFor(page, 'html[data-kiosk="ready"] [data-language]');
  await shot(page, lang);
  // Fonts and the screen's chunk settle; the attract loop keeps still on the fake clock.
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(300);
  const line = reachLines(DEFAULT_MOUNTING[orientation], viewport.height);
  const file = join(outDir, `${orientation}-${name}-${lang}.png`);
  await page.screenshot({ path: file });
  await context.close();
  // The line is drawn on the image, not into the page: the kiosk's own layers and re-renders would
  // hide or remove an element added to it. ImageMagick is optional (apt-get install imagemagick).
  const y = Math.round(line.top * 0.5);
  try {
    execFileSync('convert', [file, '-fill', 'none', '-stroke', '#d00000', '-strokewidth', '2', '-draw', `stroke-dasharray 8 6 line 0,${y} ${viewport.width * 0.5},${y}`, file]);
  } catch {
    console.warn(`${file}: no reach line drawn (ImageMagick's convert is missing)`);
  }
  // Playwright writes 24-bit PNGs; 64 colours keep them legible at a fraction of the size.
  try {
    execFileSync('pngquant', ['--force', '--skip-if-larger', '--output', file, '64', file]);
  } catch {
    // pngquant is optional (apt-get install pngquant); the full-colour file stays.
  }
}

/** The value after `flag` on the command line. */
function argValue(flag: string): string {
  const value = process.argv[process.argv.indexOf(flag) + 1];
  if (value === undefined) throw new Error(`${flag} needs a value`);
  return value;
}

async function main() {
  const urlAt = process.argv.indexOf('--url');
  // Built with every option that adds controls: a public copy ("Take it home") and a printer.
  const served =
    urlAt > 0
      ? null
      : await buildSite(LANGUAGES, (config) => {
          config.site.publicUrl = 'https://handouts.example-clinic.ca/';
          config.print = { enabled: true };
        });
  const baseUrl = served ? served.url : argValue('--url');
  // `--only 'portrait-.*-en'` retakes just the shots whose file name matches.
  const onlyAt = process.argv.indexOf('--only');
  const only = new RegExp(onlyAt > 0 ? argValue('--only') : '');
  if (onlyAt < 0) rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const browser = await launchChromium();
  try {
    for (const orientation of ['portrait', 'landscape'] as const) {
      const shots: [string, Shot][] = orientation === 'portrait' ? Object.entries(SHOTS) : LANDSCAPE_SHOTS.map((name) => [name, SHOTS[name]]);
      for (const [name, shot] of shots) {
        for (const lang of LANGUAGES) {
          if (name === 'compare' && lang === 'en') continue;
          if (only.test(`${orientation}-${name}-${lang}`)) await shoot(browser, baseUrl, orientation, lang, name, shot);
        }
      }
    }
  } finally {
    await browser.close();
    await served?.close();
  }
  const files = readdirSync(outDir);
  const bytes = files.reduce((sum, f) => sum + statSync(join(outDir, f)).size, 0);
  console.log(`${files.length} screenshots in docs/reach/, ${(bytes / 1e6).toFixed(2)} MB`);
}

await main();
