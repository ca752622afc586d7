/**
 * Builds the production kiosk once into a temporary folder and serves it on a free localhost port
 * for the browser tests with the production server `npm start` uses (scripts/server/): its headers,
 * Range answers, caching and precompressed copies are what the tests exercise.
 *
 * KIOSK_TEST_SERVER=nginx serves the same build with Debian's nginx and deploy/nginx/ instead, as a
 * fleet's web server would: `KIOSK_TEST_SERVER=nginx npx vitest run --project browser tests/browser/read-aloud.test.ts`.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { listen } from '../../scripts/server/listen.ts';
import { createStaticSite } from '../../scripts/server/static-site.ts';
import { startNginx } from '../helpers/nginx.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

export default async function setup(project: TestProject) {
  const outDir = mkdtempSync(join(tmpdir(), 'kiosk-browser-'));
  // Vitest sets NODE_ENV=test, which Vite would honour with a development-flavoured build
  // (import.meta.env.DEV: no service worker, strict i18n); `npm start` builds for production.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  let server: { url: string; close(): Promise<void> };
  if (process.env.KIOSK_TEST_SERVER === 'nginx') {
    chmodSync(outDir, 0o755); // nginx's unprivileged workers read it
    server = await startNginx(outDir);
  } else {
    server = await listen(createStaticSite(outDir).handle, 0);
  }
  project.provide('baseUrl', server.url);
  project.provide('distDir', outDir);
  return async () => {
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    distDir: string;
  }
}
