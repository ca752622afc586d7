/**
 * Vite plugin (build only): draws the welcome screen into index.html's #app with the app's own
 * components (src/prerender.tsx, loaded through a throwaway Vite server in SSR mode), so the screen
 * is on show as soon as the page is, before any script has run; src/main.tsx then hydrates it.
 * A separate server, not a second build input, so the browser's chunks stay as they are.
 */
import preact from '@preact/preset-vite';
import { createServer, type Plugin } from 'vite';
import { kioskContent } from './vite-plugin-kiosk-content.ts';

const ENTRY = '/src/prerender.tsx';

export function prerenderWelcome(root: string, contentRoot: string): Plugin {
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
          plugins: [preact(), kioskContent(contentRoot)],
        });
        try {
          const { prerender } = (await server.ssrLoadModule(ENTRY)) as { prerender: () => Promise<{ html: string; lang: string; dir: string }> };
          const page = await prerender();
          const mount = '<div id="app"></div>';
          if (!html.includes(mount)) throw new Error(`index.html: no empty ${mount} to draw the welcome screen into`);
          return html.replace(mount, `<div id="app">${page.html}</div>`).replace(/<html lang="[^"]*" dir="[^"]*">/, `<html lang="${page.lang}" dir="${page.dir}">`);
        } finally {
          await server.close();
        }
      },
    },
  };
}
