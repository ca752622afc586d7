/**
 * Vite plugin: once the production build is on disk (service worker included), writes a brotli
 * (`.br`) and a gzip (`.gz`) copy beside each text file (HTML, JS, CSS, JSON, SVG), for the `npm start`
 * server and nginx's `brotli_static`/`gzip_static` to send as they are: a slow kiosk computer or a
 * busy clinic server never compresses on the fly. A copy that would not be smaller is not written.
 *
 * It runs at `closeBundle`, after scripts/vite/service-worker.ts has listed the build, so the
 * copies are not in the offline cache twice: the browser caches what it decoded.
 *
 * Brotli's quality 11 costs about a second of CPU per megabyte, and a library of a hundred handouts
 * in six languages has tens of megabytes of text: most of a rebuild's time. So the copies are kept
 * in node_modules/.cache/kiosk-precompress/, named by the SHA-256 of what they compress, and a
 * rebuild reuses them for every file whose bytes did not change (nearly all: an edit changes one
 * handout's chunk). A copy no build has used for a week is removed. Builds may run side by side
 * (the tests do): copies appear whole under their final names, and a copy that cannot be read is
 * simply made again.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';
import { isCompressible } from '../server/file-kinds.ts';
import { isSiteFile } from '../server/static-site.ts';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
/** Below this a compressed copy saves less than its own headers cost. */
const MIN_BYTES = 1024;

export function precompress(): Plugin {
  let outDir = '';
  let cacheDir = '';
  // closeBundle runs after a failed build too, over a folder that may not exist: only a build that
  // was written is compressed, so the build's own error is the one reported.
  let written = false;
  return {
    name: 'kiosk-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
      cacheDir = resolve(config.root, 'node_modules/.cache/kiosk-precompress');
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
        if (written) await precompressFolder(outDir, cacheDir);
      },
    },
  };
}

/**
 * Writes `<file>.br` and `<file>.gz` beside every compressible file of at least 1 KB under `dir`.
 * With `cacheDir`, copies of the same bytes made by an earlier build are reused from there.
 */
export async function precompressFolder(dir: string, cacheDir?: string): Promise<void> {
  // Site files are edited on the server after the build: a copy made now would go stale there.
  const files = listFiles(dir).filter((file) => isCompressible(file) && !file.endsWith('.map') && !isSiteFile(relative(dir, file).split(sep).join('/')));
  if (cacheDir) mkdirSync(cacheDir, { recursive: true });
  await Promise.all(files.map((file) => precompressFile(file, cacheDir)));
  if (cacheDir) forgetUnused(cacheDir);
}

/**
 * Writes the brotli and gzip copies of one file, and removes a copy it does not write (the file is
 * too small, or would not shrink): a copy left from an older version of the file would be what the
 * servers send, and validate with its own ETag, in place of the file.
 */
export async function precompressFile(file: string, cacheDir?: string): Promise<void> {
  const body = readFileSync(file);
  if (body.length < MIN_BYTES) {
    rmSync(`${file}.br`, { force: true });
    rmSync(`${file}.gz`, { force: true });
    return;
  }
  const key = createHash('sha256').update(body).digest('hex');
  const cached = cacheDir ? readCached(cacheDir, key) : null;
  const { br, gz } = cached ?? (await compress(body));
  if (cacheDir && !cached) writeCached(cacheDir, key, br, gz);
  if (br.length < body.length) writeFileSync(`${file}.br`, br);
  else rmSync(`${file}.br`, { force: true });
  if (gz.length < body.length) writeFileSync(`${file}.gz`, gz);
  else rmSync(`${file}.gz`, { force: true });
}

const WEEK_MS = 7 * 24 * 3600 * 1000;

function forgetUnused(cacheDir: string) {
  const now = Date.now();
  for (const name of readdirSync(cacheDir)) {
    const path = join(cacheDir, name);
    try {
      if (now - statSync(path).mtimeMs > WEEK_MS) rmSync(path, { force: true });
    } catch {
      // Removed by a build running beside this one.
    }
  }
}

async function compress(body: Buffer): Promise<{ br: Buffer; gz: Buffer }> {
  const [br, gz] = await Promise.all([
    // Quality 11 is brotli's slowest and smallest: paid once per file, saved on every download.
    brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
    gzipAsync(body, { level: 9 }),
  ]);
  return { br, gz };
}

function readCached(cacheDir: string, key: string): { br: Buffer; gz: Buffer } | null {
  try {
    const br = join(cacheDir, `${key}.br`);
    const gz = join(cacheDir, `${key}.gz`);
    const copies = { br: readFileSync(br), gz: readFileSync(gz) };
    // Used now: kept for another week.
    const now = new Date();
    utimesSync(br, now, now);
    utimesSync(gz, now, now);
    return copies;
  } catch {
    return null;
  }
}

/** Each copy written whole under a temporary name first: an interrupted build leaves no torn copy to reuse. */
function writeCached(cacheDir: string, key: string, br: Buffer, gz: Buffer) {
  for (const [ext, bytes] of [
    ['gz', gz],
    ['br', br],
  ] as const) {
    const temp = join(cacheDir, `${key}.${ext}.${process.pid}.${randomUUID()}.tmp`);
    writeFileSync(temp, bytes);
    renameSync(temp, join(cacheDir, `${key}.${ext}`));
  }
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path) : entry.isFile() ? [path] : [];
  });
}
