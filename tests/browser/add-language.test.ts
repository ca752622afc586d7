/**
 * The README's recipe for adding a language, followed to the letter with files only: strings,
 * handouts, glossary, its language.json and the language in kiosk.config.json, no code. The built kiosk offers it on the welcome
 * screen, reads it in its own language and direction, marks the translation as a draft, and, with
 * no audio made for it yet, says on its button and in the reader that it is text only.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { buildContentRoot } from '../helpers/build-content-root.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../../scripts/server/listen.ts';
import { createStaticSite } from '../../scripts/server/static-site.ts';
import { launchChromium, openKioskAt } from './browser';
import { loadConfig } from '../../scripts/lib/load-config.ts';

const project = fileURLToPath(new URL('../..', import.meta.url));

let browser: Browser;
let server: { url: string; close(): Promise<void> };
let dir: string;

/** Esperanto, as a clinic would add it: every English string and handout, "translated". */
function addEsperanto(root: string) {
  const en = JSON.parse(readFileSync(join(project, 'locales/en/ui.json'), 'utf8')) as Record<string, Record<string, unknown>>;
  const eo = {
    ...en,
    meta: { ...en.meta, languageName: 'Esperanto' },
    welcome: { ...en.welcome, greeting: 'Tuŝu vian lingvon por komenci', textOnly: 'Nur teksto, ankoraŭ sen voĉo' },
  };
  mkdirSync(join(root, 'locales/eo/handouts'), { recursive: true });
  writeFileSync(join(root, 'locales/eo/ui.json'), JSON.stringify(eo, null, 2));
  for (const id of ['nerve-ablation', 'acetaminophen']) {
    const original = readFileSync(join(project, `locales/en/handouts/${id}.md`), 'utf8');
    const translated = original
      .replace('translation: original', 'translation: draft')
      .replace(/^# .*$/m, '# Esperanta traduko')
      .replace('take two of these', 'take du of these');
    writeFileSync(join(root, `locales/eo/handouts/${id}.md`), translated);
  }
  const glossary = JSON.parse(readFileSync(join(project, 'locales/en/glossary.json'), 'utf8')) as { terms: Record<string, { term: string; definition: string }> };
  glossary.terms.liver = { term: 'Hepato', definition: 'La organo kiu purigas la sangon.' };
  writeFileSync(join(root, 'locales/eo/glossary.json'), JSON.stringify(glossary, null, 2));
  // The facts check learns Esperanto's "du" (two) from the language's own file, not from code.
  writeFileSync(join(root, 'locales/eo/language.json'), JSON.stringify({ numbers: { words: { du: 2, tri: 3 }, units: { day: ['tagoj'] } } }));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-add-language-'));
  const config = loadConfig(project);
  writeFileSync(join(dir, 'kiosk.config.json'), JSON.stringify({ ...config, $schema: undefined, languages: ['en', 'eo'], defaultLanguage: 'en' }));
  cpSync(join(project, 'locales/en'), join(dir, 'locales/en'), { recursive: true });
  cpSync(join(project, 'locales/figures'), join(dir, 'locales/figures'), { recursive: true });
  // English keeps its audio; Esperanto has none made yet.
  cpSync(join(project, 'audio/en'), join(dir, 'audio/en'), { recursive: true });
  cpSync(join(project, 'audio/manifest.json'), join(dir, 'audio/manifest.json'));
  addEsperanto(dir);
  server = await listen(createStaticSite(await buildContentRoot(dir)).handle, 0);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a language added with files only', () => {
  it('is offered on the welcome screen, says it is text only, and reads as a draft in its own language', async () => {
    const kiosk = await openKioskAt(browser, server.url);
    const { page } = kiosk;
    const button = page.locator('[data-language="eo"]');
    await expect.poll(() => button.getAttribute('lang')).toBe('eo');
    expect((await button.textContent())?.trim()).toBe('EsperantoNur teksto, ankoraŭ sen voĉo');
    // English has its audio, so its button makes no such promise.
    expect(await page.locator('[data-language="en"] .welcome__text-only').count()).toBe(0);
    await button.click();
    await page.click('[data-handout="nerve-ablation"]');
    await page.waitForSelector('.section-text');
    expect(await page.locator('h1').textContent()).toBe('Esperanta traduko');
    expect(await page.getAttribute('html', 'lang')).toBe('eo');
    expect(await page.locator('.reader__draft').count()).toBe(1);
    expect(await page.locator('[data-notice="text-only"]').textContent()).toBe(
      'This language is text only: the kiosk has no voice for it yet. You can read every section on the screen.',
    );
    expect(kiosk.problems).toEqual([]);
    await kiosk.close();
  });
});
