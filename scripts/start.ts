/**
 * `npm start`: checks the config and content, builds the production kiosk and serves it on
 * localhost at the configured port (default 4173). See scripts/lib/serve-kiosk.ts.
 */
import { fileURLToPath } from 'node:url';
import { serveKiosk } from './lib/serve-kiosk.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

async function main() {
  const server = await serveKiosk(root);
  console.log(`\nHandout kiosk running at ${server.url}  (Ctrl+C to stop)`);
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
