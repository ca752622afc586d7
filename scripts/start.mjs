/**
 * `npm start`: serves the production kiosk on localhost at the configured port (default 4173).
 *
 * Plain JavaScript on purpose: when the sources are unchanged since the build served last time, it
 * serves that build through the quick start the last build left (`.builds/start-<id>.mjs`, bundled
 * from scripts/lib/fast-start.ts), without loading the TypeScript loader at all, which is about half
 * of what a start would otherwise take. In every other case (first start, changed sources, no quick
 * start) it loads the loader and scripts/lib/serve-kiosk.ts does the work: serve the last good build,
 * build the new one beside it, switch only when it succeeded.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The quick start's server, or null when it does not apply (it then changes nothing). */
async function quickStart() {
  let id;
  try {
    id = JSON.parse(readFileSync(`${root}.builds/current.json`, 'utf8')).id;
  } catch {
    return null; // no build yet
  }
  const bundle = `${root}.builds/start-${id}.mjs`;
  if (typeof id !== 'string' || !existsSync(bundle)) return null;
  const { serveUnchanged } = await import(pathToFileURL(bundle).href);
  const server = await serveUnchanged(root);
  if (server) console.log(`Sources unchanged: serving build ${server.buildId}.`);
  return server;
}

async function fullStart() {
  const { register } = await import('tsx/esm/api');
  register();
  const { serveKiosk } = await import('./lib/serve-kiosk.ts');
  return serveKiosk(root);
}

async function main() {
  const server = (await quickStart()) ?? (await fullStart());
  // From the process's own start, so staff (and the README's figure) see the whole wait.
  console.log(`\nHandout kiosk running at ${server.url}  (${Math.round(performance.now())} ms after start; Ctrl+C to stop)`);
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
