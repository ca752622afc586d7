/**
 * Content is data, never code: a handout full of markup, script tags and event handlers is built
 * and shown in Chromium as the literal text it is, runs nothing, and the built kiosk carries a strict
 * Content-Security-Policy, as a header from the server and as a meta tag for any other server.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseLanguage, launchChromium, openKioskAt } from './browser';
import { loadConfig } from '../../scripts/lib/load-config.ts';

const project = fileURLToPath(new URL('../..', import.meta.url));

const HOSTILE = `---
id: hostile
summary: <img src=x onerror="window.__pwned = 'summary'">
source: <script>window.__pwned = 'source'</script>
licence: None.
translation: original
---

# Title <script>window.__pwned = 'title'</script>

## A section <b onclick="window.__pwned = 'heading'">bold</b> {#first}

<script>window.__pwned = 'block'</script>

Inline <img src=x onerror="window.__pwned = 'inline'"> and <a href="https://example.com" onclick="window.__pwned = 'link'">a link</a>.

[A markdown link](javascript:window.__pwned='markdown')
`;

let browser: Browser;
let server: PreviewServer;
let dir: string;
let url: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-hostile-'));
  const config = loadConfig(project);
  writeFileSync(join(dir, 'kiosk.config.json'), JSON.stringify({ ...config, $schema: undefined, languages: ['en'], defaultLanguage: 'en', handouts: ['hostile'] }));
  mkdirSync(join(dir, 'locales/en/handouts'), { recursive: true });
  cpSync(join(project, 'locales/en/ui.json'), join(dir, 'locales/en/ui.json'));
  cpSync(join(project, 'locales/figures'), join(dir, 'locales/figures'), { recursive: true });
  writeFileSync(join(dir, 'locales/en/handouts/hostile.md'), HOSTILE);
  process.env.KIOSK_CONTENT_ROOT = dir;
  try {
    await build({ root: project, logLevel: 'silent', build: { outDir: join(dir, 'dist'), emptyOutDir: true } });
    server = await preview({ root: project, logLevel: 'silent', build: { outDir: join(dir, 'dist') }, preview: { port: 0, host: '127.0.0.1' } });
  } finally {
    delete process.env.KIOSK_CONTENT_ROOT;
  }
  url = server.resolvedUrls!.local[0]!;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('hostile content in Chromium', () => {
  it('shows markup as literal text and runs none of it', async () => {
    const kiosk = await openKioskAt(browser, url);
    const { page } = kiosk;
    await chooseLanguage(page, 'en', 'hostile');
    const text = await page.locator('.section-text').textContent();
    expect(text).toContain("<script>window.__pwned = 'block'</script>");
    expect(text).toContain('<img src=x onerror="window.__pwned = \'inline\'">');
    expect(await page.locator('h1').textContent()).toBe("Title <script>window.__pwned = 'title'</script>");
    await page.locator('.section-text').getByText('A section').click();
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(await page.locator('#app script, #app img[src="x"], #app a').count()).toBe(0);
    expect(kiosk.problems).toEqual([]);
    await kiosk.close();
  });

  it('sends a Content-Security-Policy with no inline script and no remote origin', async () => {
    const response = await fetch(url);
    const header = response.headers.get('content-security-policy') ?? '';
    const html = await response.text();
    const meta = (/http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '').replaceAll('&#39;', "'");
    for (const policy of [header, meta]) {
      expect(policy).toContain("default-src 'none'");
      expect(policy).toContain("script-src 'self'");
      expect(policy).not.toContain('unsafe-inline');
      expect(policy).not.toMatch(/https?:/);
    }
    expect(header).toContain("frame-ancestors 'none'");
  });

  it('blocks an inline script that somehow reached the page', async () => {
    const kiosk = await openKioskAt(browser, url);
    const { page } = kiosk;
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__pwned = "injected"';
      document.body.append(script);
      return (window as unknown as { __pwned?: string }).__pwned;
    });
    expect(ran).toBeUndefined();
    await kiosk.close();
  });
});
