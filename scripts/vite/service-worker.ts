/**
 * Vite plugin: after the production build is written, lists every file in it (app shell, chunks,
 * fonts, figures, handouts, audio; not source maps) with a content hash, and writes `sw.js`: the
 * worker in src/service-worker/sw.ts compiled with that list inside. A new build means a new list,
 * hence a byte-different sw.js, which is how browsers notice an update.
 *
 * It runs after the files are on disk (`writeBundle`), so what is listed is exactly what is served,
 * including the files Vite copies from public/.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { build, type Logger, type Plugin } from 'vite';
import { MEGABYTE } from '../../src/service-worker/audio-budget.ts';
import { OFFLINE_AUDIO_PLAN, type OfflineAudioPlan, type PrecacheEntry, type PrecacheManifest } from '../../src/service-worker/manifest.ts';
import { group } from '../lib/regex.ts';

const WORKER_FILE = 'sw.js';
/** News from the server about its builds: live from `npm start`, so never a cached copy. */
const BUILD_STATUS = 'build-status.json';

export function serviceWorker(root: string): Plugin {
  let outDir = '';
  let logger: Logger | null = null;
  return {
    name: 'kiosk-service-worker',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
      logger = config.logger;
    },
    writeBundle: {
      order: 'post',
      sequential: true,
      async handler(options) {
        const manifest = await writeServiceWorker(root, options.dir ?? outDir);
        const megabytes = (files: PrecacheEntry[]) => (files.reduce((sum, f) => sum + f.bytes, 0) / MEGABYTE).toFixed(2);
        logger?.info(
          `service worker: ${WORKER_FILE} precaches ${manifest.files.length} files, ${megabytes(manifest.files)} MB; ` +
            `${manifest.audio.length} other audio files (${megabytes(manifest.audio)} MB) are cached as played, within ${(manifest.audioBudgetBytes / MEGABYTE).toFixed(0)} MB (version ${manifest.version})`,
        );
      },
    },
  };
}

/** Lists the built files in `dir` and writes `dir/sw.js` with that list; returns the list. */
export async function writeServiceWorker(root: string, dir: string): Promise<PrecacheManifest> {
  const manifest = precacheManifest(dir);
  writeFileSync(join(dir, WORKER_FILE), await compileWorker(root, manifest));
  return manifest;
}

/** Without the content plugin's plan (a folder built some other way): everything is precached. */
const DEFAULT_BUDGET_MB = 200;

/**
 * Every file under `dir` but the worker itself, the servers' `.br`/`.gz` copies, the server's build
 * news, the site files (`sites/`: each kiosk keeps the last valid copy of its own,
 * src/kiosk/site-settings.ts, and an operator may change one on the server without a new build), the
 * offline audio plan, source maps, dot-folders and `.woff` fonts, sorted by path. (@fontsource lists
 * a `.woff` after each `.woff2` for browsers older than any the kiosk supports: built, but never
 * fetched, so not worth a place in every kiosk's cache.)
 *
 * The sections' audio that `offline-audio.json` names (scripts/vite/kiosk-content.ts writes it)
 * is split off: a featured handout's stays in `files`, precached; the rest goes to `audio`, cached as
 * it is played within the budget. Everything else (app, strings, handouts, figures, prompts) is
 * precached, so every handout can be read, and its controls spoken, with the network down.
 */
export function precacheManifest(dir: string): PrecacheManifest {
  const plan = readAudioPlan(dir);
  const urls = listFiles(dir).map((path) => relative(dir, path).split('\\').join('/'));
  const present = new Set(urls);
  const all: PrecacheEntry[] = urls
    .filter(
      (url) =>
        url !== WORKER_FILE &&
        !isPrecompressedCopy(url, present) &&
        url !== BUILD_STATUS &&
        url !== OFFLINE_AUDIO_PLAN &&
        !url.startsWith('sites/') &&
        !url.endsWith('.map') &&
        !url.endsWith('.woff') &&
        !url.split('/').some((part) => part.startsWith('.')),
    )
    .sort()
    .map((url) => {
      const body = readFileSync(join(dir, url));
      const section = plan.sections[url];
      return { url, revision: createHash('sha256').update(body).digest('hex').slice(0, 16), bytes: body.length, ...(section ? { handout: section.handout } : {}) };
    });
  const onDemand = (entry: PrecacheEntry) => {
    const section = plan.sections[entry.url];
    return section !== undefined && !section.featured;
  };
  const files = all.filter((entry) => !onDemand(entry));
  const audio = all.filter(onDemand);
  const version = createHash('sha256')
    .update(all.map((f) => `${f.url} ${f.revision}${onDemand(f) ? ' on-demand' : ''}`).join('\n') + `\nbudget ${plan.audioBudgetBytes}`)
    .digest('hex')
    .slice(0, 16);
  return { version, files, audio, audioBudgetBytes: plan.audioBudgetBytes };
}

/**
 * A server's brotli or gzip copy of a file beside it (scripts/vite/precompress.ts): the browser
 * never asks for it by name, and caches what it decoded from the file's own URL. A build lists its
 * files before the copies are made; a folder listed again afterwards (a build measured, or changed in
 * place) must not list them either, or a kiosk would download every text file three times, and a
 * copy rewritten after the listing would fail the install.
 */
function isPrecompressedCopy(url: string, present: Set<string>): boolean {
  const match = /^(.+)\.(br|gz)$/.exec(url);
  return match !== null && present.has(group(match, 1));
}

function readAudioPlan(dir: string): OfflineAudioPlan {
  const path = join(dir, OFFLINE_AUDIO_PLAN);
  if (!existsSync(path)) return { audioBudgetBytes: DEFAULT_BUDGET_MB * MEGABYTE, sections: {} };
  return JSON.parse(readFileSync(path, 'utf8')) as OfflineAudioPlan;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? listFiles(join(dir, entry.name)) : entry.isFile() ? [join(dir, entry.name)] : []));
}

/** Bundles the worker (a classic script: service workers as modules are not needed here). */
async function compileWorker(root: string, manifest: PrecacheManifest): Promise<string> {
  const result = await build({
    root,
    configFile: false,
    logLevel: 'silent',
    publicDir: false,
    define: { __PRECACHE_MANIFEST__: JSON.stringify(manifest) },
    build: {
      write: false,
      emptyOutDir: false,
      target: 'es2022',
      minify: true,
      lib: { entry: resolve(root, 'src/service-worker/sw.ts'), formats: ['iife'], name: 'kioskServiceWorker', fileName: () => WORKER_FILE },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output : []));
  const chunk = outputs.find((o) => o.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('The service worker did not compile');
  return `// generated by scripts/vite/service-worker.ts from src/service-worker/sw.ts; do not edit\n${chunk.code}`;
}
