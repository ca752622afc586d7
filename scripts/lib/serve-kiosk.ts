/**
 * Checks the config and content, builds the production kiosk and serves it on localhost at the
 * configured port (default 4173), as `npm start` and `npm run kiosk` both need. The server answers
 * HTTP Range requests, which audio seeking needs.
 */
import { build, preview } from 'vite';
import { DEFAULT_PORT } from '../../src/config/schema.ts';
import { loadConfig } from './load-config.ts';

export interface KioskServer {
  url: string;
  close(): Promise<void>;
}

/** Throws an InputError, naming the field, when kiosk.config.json is wrong. */
export function kioskPort(root: string): number {
  return Number(process.env.PORT) || loadConfig(`${root}/kiosk.config.json`).server?.port || DEFAULT_PORT;
}

export async function serveKiosk(root: string): Promise<KioskServer> {
  const port = kioskPort(root);
  await build({ root, logLevel: 'warn' });
  const server = await preview({ root, preview: { port, strictPort: true, host: '127.0.0.1', open: false } });
  return { url: `http://localhost:${port}/`, close: () => server.close() };
}
