import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hydrate, render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { assembleKiosk } from '../../src/app/assemble';
import { replayEarlyTaps, type EarlyTaps } from '../../src/kiosk/early-taps';
import { prerender } from '../../src/prerender';

/** Runs public/early-taps.js as index.html does, before any of the app's code. */
const earlyScript = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../public/early-taps.js'), 'utf8');
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

  it('has every language button, each in its own language and direction', async () => {
    const mount = document.createElement('div');
    mount.innerHTML = (await prerender()).html;
    const buttons = [...mount.querySelectorAll('button[data-language]')];
    expect(buttons.map((b) => [b.getAttribute('lang'), b.getAttribute('dir')])).toEqual([
      ['en', 'ltr'],
      ['fr', 'ltr'],
      ['es', 'ltr'],
      ['zh-Hans', 'ltr'],
      ['ar', 'rtl'],
      ['pa', 'ltr'],
    ]);
  });

  it('once hydrated, answers a touch made before the app was up, on the same button', async () => {
    const mount = document.body.appendChild(document.createElement('div'));
    mount.innerHTML = (await prerender()).html;
    listenForEarlyTaps();
    // Touched while still the drawn page: nothing handles it yet.
    mount.querySelector<HTMLElement>('button[data-language="es"]')!.click();
    const { app, kiosk } = await assembleKiosk({});
    const chosen = vi.spyOn(kiosk.visit.peek(), 'chooseLanguage');
    hydrate(app, mount);
    expect(chosen).not.toHaveBeenCalled();
    replayEarlyTaps(window);
    expect(chosen).toHaveBeenCalledExactlyOnceWith('es');
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
    const chosen = vi.spyOn(kiosk.visit.peek(), 'chooseLanguage');
    hydrate(app, mount);
    replayEarlyTaps(window);
    expect(chosen).not.toHaveBeenCalled();
    expect(document.querySelector('dialog[open]')).toBeNull();
    render(null, mount);
    kiosk.dispose();
  });
});
