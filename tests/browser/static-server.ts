/**
 * A private server over a folder, for the offline tests: it can be stopped (the network going down)
 * and told that a new build has appeared in its folder. It is the kiosk's production server
 * (scripts/server/), or Debian's nginx with deploy/nginx/ when KIOSK_TEST_SERVER=nginx, so the
 * offline copy and the update between visits are tested against both (`npm test` runs both).
 */
import { chmodSync } from 'node:fs';
import { listen } from '../../scripts/server/listen.ts';
import { createStaticSite } from '../../scripts/server/static-site.ts';
import { startNginx } from '../helpers/nginx.ts';

export interface StaticServer {
  url: string;
  /** The folder's files changed (a new build put in place): serve what is there now. */
  refresh(): void;
  close(): Promise<void>;
}

export async function serveFolder(dir: string): Promise<StaticServer> {
  if (process.env.KIOSK_TEST_SERVER === 'nginx') {
    chmodSync(dir, 0o755); // nginx's unprivileged workers read it
    // nginx opens each file afresh for every request: nothing to refresh.
    const nginx = await startNginx(dir);
    return { url: nginx.url, refresh: () => {}, close: () => nginx.close() };
  }
  // The production server lists its folder once (a build is never changed in place, scripts/server):
  // a new build is a new site, as `npm start` makes one.
  let site = createStaticSite(dir);
  const server = await listen((request, response) => site.handle(request, response), 0);
  return {
    url: server.url,
    refresh: () => {
      site = createStaticSite(dir);
    },
    close: () => server.close(),
  };
}
