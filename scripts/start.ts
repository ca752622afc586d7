/**
 * `npm start`: checks the config and content, builds the production kiosk and serves it on
 * localhost at the configured port (default 4173). The server answers HTTP Range requests, which
 * audio seeking needs.
 */
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import { DEFAULT_PORT } from '../src/config/schema.ts';
import { InputError } from './lib/input-error.ts';
import { loadConfig } from './lib/load-config.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

async function main() {
  let port = DEFAULT_PORT;
  try {
    port = Number(process.env.PORT) || loadConfig(`${root}/kiosk.config.json`).server?.port || DEFAULT_PORT;
  } catch (error) {
    if (error instanceof InputError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  await build({ root, logLevel: 'warn' });
  const server = await preview({ root, preview: { port, strictPort: true, host: '127.0.0.1', open: false } });
  console.log(`\nHandout kiosk running at http://localhost:${port}/  (Ctrl+C to stop)`);
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
