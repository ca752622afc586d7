/**
 * Builds the production kiosk into a temporary folder (with Vite's manifest, so chunks and audio can
 * be traced back to the language they belong to) and serves it with `vite preview` on a free
 * localhost port, as `npm start` does.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { build, preview } from 'vite';
import { readTimings, sectionFiles } from '../scripts/audio/timings.ts';

export interface Served {
  outDir: string;
  baseUrl: string;
  buildMs: number;
  close(): Promise<void>;
}

export async function buildAndServe(root: string): Promise<Served> {
  const outDir = mkdtempSync(join(tmpdir(), 'kiosk-bench-'));
  const started = performance.now();
  // A production build whatever NODE_ENV the shell has (Vite would honour NODE_ENV=test or development).
  process.env.NODE_ENV = 'production';
  await build({ root, mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true, manifest: true } });
  const buildMs = performance.now() - started;
  const server = await preview({ root, logLevel: 'error', build: { outDir }, preview: { port: 0, host: '127.0.0.1', open: false } });
  const baseUrl = server.resolvedUrls?.local[0];
  if (!baseUrl) throw new Error('The preview server did not report a URL');
  return {
    outDir,
    baseUrl,
    buildMs,
    async close() {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/** Every file of the build, relative to it, with `/` separators. */
export function listDist(outDir: string, dir = outDir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listDist(outDir, path);
    return entry.isFile() ? [relative(outDir, path).split('\\').join('/')] : [];
  });
}

export interface SectionAudio {
  lang: string;
  handout: string;
  section: string;
  /** Path in the build, e.g. `assets/what-it-is-3kc_osib.webm`. */
  asset: string;
  bytes: number;
  /** Word starts in seconds, by word index. */
  timings: { index: number; start: number; end: number }[];
  duration: number;
}

export interface ViteManifestEntry {
  file: string;
  name?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
  assets?: string[];
}
export type ViteManifest = Record<string, ViteManifestEntry>;

export function readViteManifest(outDir: string): ViteManifest {
  return JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8')) as ViteManifest;
}

/** The prepared audio that made it into the build (Vite's manifest names each file's source), with its word timings. */
export function audioInBuild(root: string, manifest: ViteManifest): SectionAudio[] {
  const found: SectionAudio[] = [];
  for (const [source, entry] of Object.entries(manifest)) {
    const match = /^audio\/([^/]+)\/([^/]+)\/([^/]+)\.(webm|ogg|mp3|m4a|opus)$/.exec(source);
    if (!match) continue;
    const [, lang, handout, section] = match as unknown as [string, string, string, string];
    const { timings: file } = sectionFiles(lang, handout, section);
    if (!existsSync(join(root, 'audio', file))) continue;
    const timings = readTimings(join(root, 'audio'), file);
    found.push({ lang, handout, section, asset: entry.file, bytes: statSync(join(root, source)).size, timings: timings.words, duration: timings.duration });
  }
  return found;
}
