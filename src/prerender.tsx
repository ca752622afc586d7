/**
 * Build time only (scripts/vite/prerender.ts calls it): the welcome screen as HTML for
 * index.html's #app, so it is on screen as soon as the page is, before any script has run.
 * main.tsx hydrates it.
 */
import { renderToString } from 'preact-render-to-string';
import { assembleKiosk } from './app/assemble';

export async function prerender() {
  const { i18n, kiosk, app } = await assembleKiosk({});
  try {
    return { html: renderToString(app), lang: i18n.language.peek(), dir: i18n.dir.peek() };
  } finally {
    kiosk.dispose();
  }
}
