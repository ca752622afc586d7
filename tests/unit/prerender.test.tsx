import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hydrate, render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { assembleKiosk } from '../../src/app/assemble';
import { replayEarlyTaps, type EarlyTaps } from '../../src/kiosk/early-taps';
import { prerender } from '../../src/prerender';
import { languages } from 'virtual:kiosk/manifest';

/** Runs public/early-taps.js as index.html does, before any of the app's code. */
const earlyScript = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../public/early-taps.js'), 'utf8');
// oxlint-disable-next-line typescript/no-implied-eval -- the test runs the page's own inline script, as the browser would.
const listenForEarlyTaps = () => new Function(earlyScript)();
const early = window as Window & { kioskEarlyTaps?: EarlyTaps };

afterEach(() => {
  document.body.innerHTML = '';
  early.kioskEarlyTaps?.take();
  delete early.kioskEarlyTaps;
});

describe('the welcome screen drawn at build time', () => {
  it('is exactly what the app renders first, so hydration takes it over as it is', async () => {
    const page = await prerender();
    expect(page).toMatchObject({ lang: 'en', dir: 'ltr' });
    const fresh = document.createElement('div');
    const { app, kiosk } = await assembleKiosk({});
    render(app, fresh);
    expect(page.html).toBe(fresh.innerHTML);
    render(null, fresh);
    kiosk.dispose();
  });

  it('has every language button, each in its own language and direction, and nothing the CSP would block', async () => {
    const mount = document.createElement('div');
    const { html } = await prerender();
    // style-src 'self' blocks style attributes written in HTML (Preact's own, set from script, are allowed).
    expect(html).not.toMatch(/\sstyle=|<script|\son[a-z]+=/i);
    mount.innerHTML = html;
    const buttons = [...mount.querySelectorAll('button[data-language]')];
    expect(buttons.map((b) => [b.getAttribute('lang'), b.getAttribute('dir')])).toEqual(languages.map((l) => [l.code, l.dir]));
    // The scripts written right to left are drawn that way before any script runs.
    expect(buttons.filter((b) => b.getAttribute('dir') === 'rtl').map((b) => b.getAttribute('lang'))).toEqual(['ar', 'ur', 'fa']);
  });

  it('once hydrated, answers a touch made before the app was up, on the same button', async () => {
    const mount = document.body.appendChild(document.createElement('div'));
    mount.innerHTML = (await prerender()).html;
    listenForEarlyTaps();
    // Touched while still the drawn page: nothing handles it yet.
    mount.querySelector<HTMLElement>('button[data-language="es"]')!.click();
    const { app, kiosk, prompter } = await assembleKiosk({});
    // Only which handlers run matters here, not the strings and clips they would load.
    const chosen = vi.spyOn(kiosk.visit.peek(), 'chooseLanguage').mockResolvedValue(undefined);
    const said = vi.spyOn(prompter, 'say').mockImplementation(() => {});
    hydrate(app, mount);
    expect(chosen).not.toHaveBeenCalled();
    replayEarlyTaps(window);
    expect(chosen).toHaveBeenCalledExactlyOnceWith('es');
    expect(said).toHaveBeenCalledExactlyOnceWith('es', ['Español']);
    // The app answers later touches itself; they are not noted again.
    mount.querySelector<HTMLElement>('button[data-language="fr"]')!.click();
    replayEarlyTaps(window);
    expect(chosen.mock.calls).toEqual([['es'], ['fr']]);
    render(null, mount);
    kiosk.dispose();
  });

  it('says when it starts listening, and does nothing without the early script', () => {
    performance.clearMarks();
    replayEarlyTaps(window);
    listenForEarlyTaps();
    expect(performance.getEntriesByName('kiosk:taps-heard')).toHaveLength(1);
  });

  it('replays nothing when nothing, or something other than a language or touch-to-hear, was touched', async () => {
    const mount = document.body.appendChild(document.createElement('div'));
    mount.innerHTML = (await prerender()).html;
    listenForEarlyTaps();
    mount.querySelector<HTMLElement>('[data-action="help"]')!.click();
    const { app, kiosk } = await assembleKiosk({});
    const chosen = vi.spyOn(kiosk.visit.peek(), 'chooseLanguage').mockResolvedValue(undefined);
    hydrate(app, mount);
    replayEarlyTaps(window);
    expect(chosen).not.toHaveBeenCalled();
    expect(document.querySelector('dialog[open]')).toBeNull();
    render(null, mount);
    kiosk.dispose();
  });
});

describe('drawing the screen into index.html', () => {
  const template = '<!doctype html>\n<html lang="en" dir="ltr">\n<body><div id="app"></div></body></html>';

  it('puts it inside #app and gives the root the screen’s language and direction', async () => {
    const { drawInto } = await import('../../scripts/vite/prerender');
    const html = drawInto(template, { html: '<main lang="ar">مرحبا $& $1</main>', lang: 'ar', dir: 'rtl' });
    expect(html).toBe('<!doctype html>\n<html lang="ar" dir="rtl">\n<body><div id="app"><main lang="ar">مرحبا $& $1</main></div></body></html>');
  });

  it('refuses a template it cannot draw into, naming index.html', async () => {
    const { drawInto } = await import('../../scripts/vite/prerender');
    expect(() => drawInto(template.replace('<div id="app"></div>', '<div id="root"></div>'), { html: '', lang: 'en', dir: 'ltr' })).toThrow(
      /^index\.html: no empty <div id="app"><\/div>/,
    );
    expect(() => drawInto(template.replace(' dir="ltr"', ''), { html: '', lang: 'en', dir: 'ltr' })).toThrow(/^index\.html: the root element/);
  });
});
