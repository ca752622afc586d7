/**
 * `npm start`: serves the production kiosk on localhost at the configured port (default 4173): the
 * last good build at once when the sources have not changed, otherwise while a new one is built
 * beside it. See scripts/lib/serve-kiosk.ts.
 */
import { fileURLToPath } from 'node:url';
import { serveKiosk } from './lib/serve-kiosk.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

async function main() {
  const server = await serveKiosk(root);
  // From the process's own start, so staff (and the README's claim) see the whole wait.
  console.log(`\nHandout kiosk running at ${server.url}  (${Math.round(performance.now())} ms after start; Ctrl+C to stop)`);
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
