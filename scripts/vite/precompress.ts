/**
 * Vite plugin: once the production build is on disk (service worker included), writes a brotli
 * (`.br`) and a gzip (`.gz`) copy beside each text file (HTML, JS, CSS, JSON, SVG), for the `npm start`
 * server and nginx's `brotli_static`/`gzip_static` to send as they are: a slow kiosk computer or a
 * busy clinic server never compresses on the fly. A copy that would not be smaller is not written.
 *
 * It runs at `closeBundle`, after scripts/vite/service-worker.ts has listed the build, so the
 * copies are not in the offline cache twice: the browser caches what it decoded.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';
import { isCompressible } from '../server/file-kinds.ts';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
/** Below this a compressed copy saves less than its own headers cost. */
const MIN_BYTES = 1024;

export function precompress(): Plugin {
  let outDir = '';
  // closeBundle runs after a failed build too, over a folder that may not exist: only a build that
  // was written is compressed, so the build's own error is the one reported.
  let written = false;
  return {
    name: 'kiosk-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    buildStart() {
      written = false;
    },
    writeBundle() {
      written = true;
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        if (written) await precompressFolder(outDir);
      },
    },
  };
}

/** Writes `<file>.br` and `<file>.gz` beside every compressible file of at least 1 KB under `dir`. */
export async function precompressFolder(dir: string): Promise<void> {
  const files = listFiles(dir).filter((file) => isCompressible(file) && !file.endsWith('.map'));
  await Promise.all(
    files.map(async (file) => {
      const body = readFileSync(file);
      if (body.length < MIN_BYTES) return;
      const [br, gz] = await Promise.all([
        // Quality 11 is brotli's slowest and smallest: paid once per build, saved on every download.
        brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
        gzipAsync(body, { level: 9 }),
      ]);
      if (br.length < body.length) writeFileSync(`${file}.br`, br);
      if (gz.length < body.length) writeFileSync(`${file}.gz`, gz);
    }),
  );
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path) : entry.isFile() ? [path] : [];
  });
}
