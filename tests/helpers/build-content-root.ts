/**
 * A production build of the kiosk's code over another content root (config, locales, audio), the
 * way a clinic's own content is built: for browser tests with content of their own. The build goes
 * to `<contentRoot>/dist`, whose path is returned.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const project = fileURLToPath(new URL('../..', import.meta.url));

export async function buildContentRoot(contentRoot: string): Promise<string> {
  const outDir = join(contentRoot, 'dist');
  // vite.config.ts reads the content root from the environment when it is loaded, at the build's start.
  process.env.KIOSK_CONTENT_ROOT = contentRoot;
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root: project, logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  } finally {
    delete process.env.KIOSK_CONTENT_ROOT;
    process.env.NODE_ENV = nodeEnv;
  }
  return outDir;
}
