/**
 * Vite plugin (build only): draws the welcome screen into index.html's #app with the app's own
 * components (src/prerender.tsx, loaded through a throwaway Vite server in SSR mode), so the screen
 * is on show as soon as the page is, before any script has run; src/main.tsx then hydrates it.
 * A separate server, not a second build input, so the browser's chunks stay as they are.
 */
import preact from '@preact/preset-vite';
import { createServer, type Plugin } from 'vite';
import { kioskContent, type KioskContentPlugin } from './kiosk-content.ts';

const ENTRY = '/src/prerender.tsx';
const MOUNT = '<div id="app"></div>';
const ROOT = /<html lang="[^"]*" dir="[^"]*">/;

/** index.html with the screen inside its empty #app, and the screen's language on its root. */
export function drawInto(html: string, page: { html: string; lang: string; dir: string }): string {
  if (!html.includes(MOUNT)) throw new Error(`index.html: no empty ${MOUNT} to draw the welcome screen into`);
  if (!ROOT.test(html)) throw new Error('index.html: the root element must be written <html lang="…" dir="…">, for the welcome screen\'s language');
  return html.replace(MOUNT, () => `<div id="app">${page.html}</div>`).replace(ROOT, () => `<html lang="${page.lang}" dir="${page.dir}">`);
}

/** `content`: the build's own kiosk-content plugin, whose content the drawing uses. */
export function prerenderWelcome(root: string, contentRoot: string, content: KioskContentPlugin): Plugin {
  return {
    name: 'kiosk-prerender',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      async handler(html) {
        const server = await createServer({
          root,
          configFile: false,
          logLevel: 'error',
          appType: 'custom',
          server: { middlewareMode: true, hmr: false, watch: null },
          plugins: [preact(), kioskContent(contentRoot, { from: content })],
        });
        try {
          const { prerender } = (await server.ssrLoadModule(ENTRY)) as { prerender: () => Promise<{ html: string; lang: string; dir: string }> };
          return drawInto(html, await prerender());
        } finally {
          await server.close();
        }
      },
    },
  };
}
