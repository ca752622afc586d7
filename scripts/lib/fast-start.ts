/**
 * `npm start` when nothing has changed, in as little time as it can be done: hash the sources, and if
 * they are exactly those of the build served last time, serve it. No build, no config validation
 * (the build validated this very config), no TypeScript loader: scripts/start.mjs runs this file as
 * a JavaScript bundle that the slow path (scripts/lib/serve-kiosk.ts) makes for each build, so the
 * bundle's code is always the code of the sources it checks for.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_HOST, listen } from '../server/listen.ts';
import { createStaticSite } from '../server/static-site.ts';
import { buildInputs } from './build-inputs.ts';
import { BuildStore } from './build-store.ts';
import { kioskHandler, type BuildStatus } from './kiosk-handler.ts';

export interface FastServer {
  url: string;
  buildId: string;
  close(): Promise<void>;
}

/** Serves the current build if the sources are unchanged since it was made; null otherwise. */
export async function serveUnchanged(root: string, options: { port?: number; host?: string } = {}): Promise<FastServer | null> {
  const store = new BuildStore(join(root, '.builds'));
  const current = store.current();
  if (!current) return null;
  const { id } = buildInputs(root);
  if (id !== current.id) return null;
  // Without server.port the slow path served on the schema's default, which it recorded.
  const port = options.port ?? (Number(process.env.PORT) || checkedConfigPort(root) || current.port);
  const site = createStaticSite(store.folder(id));
  const status: BuildStatus = { serving: { id }, building: null, failed: null };
  const server = await listen(
    kioskHandler(
      () => site,
      () => status,
    ),
    port,
    options.host ?? process.env.HOST ?? DEFAULT_HOST,
  );
  return { url: server.url, buildId: id, close: () => server.close() };
}

/**
 * `server.port` from a config that a finished build of these very sources has already checked, read
 * as plain JSON. The one reader of kiosk.config.json besides scripts/lib/load-config.ts, on purpose:
 * loading zod and the schema would be most of the time a start with unchanged sources takes.
 */
export function checkedConfigPort(root: string): number | undefined {
  return (JSON.parse(readFileSync(join(root, 'kiosk.config.json'), 'utf8')) as { server?: { port?: number } }).server?.port;
}
