/**
 * Bytes: what the first screen downloads (raw, gzip and brotli, compressed here with node:zlib from the
 * built files, since `vite preview` serves them uncompressed), and what each language needs cached
 * to work offline.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { listDist, type ViteManifest, type ViteManifestEntry } from './build';

export interface Bytes {
  raw: number;
  gzip: number;
  brotli: number;
}

const ZERO: Bytes = { raw: 0, gzip: 0, brotli: 0 };
const add = (a: Bytes, b: Bytes): Bytes => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli });

const cache = new Map<string, Bytes>();
/** A built file's size as served plain, with gzip -9 and with brotli at quality 11. */
export function fileBytes(outDir: string, path: string): Bytes {
  const key = join(outDir, path);
  let found = cache.get(key);
  if (!found) {
    const body = readFileSync(key);
    found = {
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
      brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }).length,
    };
    cache.set(key, found);
  }
  return found;
}

export const sumBytes = (outDir: string, paths: Iterable<string>) => [...paths].reduce((total, path) => add(total, fileBytes(outDir, path)), ZERO);

export interface FirstScreen {
  files: ({ path: string; kind: 'js' | 'css' | 'html' | 'font' | 'other' } & Bytes)[];
  js: Bytes;
  css: Bytes;
  html: Bytes;
  fonts: Bytes;
}

const kindOf = (path: string): FirstScreen['files'][number]['kind'] =>
  path.endsWith('.js') ? 'js' : path.endsWith('.css') ? 'css' : path.endsWith('.html') ? 'html' : /\.(woff2?|ttf|otf)$/.test(path) ? 'font' : 'other';

/** `paths` are the build's files the page requested before its first language button was tappable. */
export function firstScreenBytes(outDir: string, paths: string[]): FirstScreen {
  const files = [...new Set(paths)].filter((path) => existsSync(join(outDir, path))).map((path) => ({ path, kind: kindOf(path), ...fileBytes(outDir, path) }));
  const total = (kind: string) => files.filter((f) => f.kind === kind).reduce<Bytes>((sum, f) => add(sum, f), ZERO);
  return { files, js: total('js'), css: total('css'), html: total('html'), fonts: total('font') };
}

interface FontFace {
  file: string;
  ranges: [number, number][];
}

/** Each @font-face of the built CSS: the first (preferred) source the browser would fetch, and its unicode-range. */
export function fontFaces(css: string): FontFace[] {
  const faces: FontFace[] = [];
  for (const [, body] of css.matchAll(/@font-face\s*{([^}]*)}/g)) {
    const url = /url\(\s*["']?([^"')]+)["']?\s*\)/.exec(body ?? '')?.[1];
    if (!url) continue;
    const range = /unicode-range\s*:\s*([^;]+)/.exec(body ?? '')?.[1];
    faces.push({ file: url.replace(/^\.?\//, ''), ranges: range ? parseUnicodeRange(range) : [[0, 0x10ffff]] });
  }
  return faces;
}

export function parseUnicodeRange(value: string): [number, number][] {
  return value.split(',').flatMap((part): [number, number][] => {
    const token = part.trim().replace(/^u\+/i, '');
    if (!token) return [];
    if (token.includes('?')) return [[parseInt(token.replace(/\?/g, '0'), 16), parseInt(token.replace(/\?/g, 'f'), 16)]];
    const [from, to] = token.split('-');
    const start = parseInt(from ?? '', 16);
    return Number.isNaN(start) ? [] : [[start, to ? parseInt(to, 16) : start]];
  });
}

export interface LanguagePrecache {
  /** The language's own files: UI strings, handouts, figures, audio, and the font subsets its text uses. */
  own: number;
  audio: number;
  fonts: number;
  /** Shared files (app shell and code) plus the language's own: what a kiosk in only this language needs. */
  total: number;
  files: number;
}

export interface Precache {
  /** The service worker's list, when the build has one (it caches every file, for every language). */
  serviceWorker: { files: number; bytes: number } | null;
  shared: { files: number; bytes: number; paths: string[] };
  languages: Record<string, LanguagePrecache>;
  /** Files in the build that no language needs (e.g. WOFF fallbacks for WOFF2-capable browsers). */
  unused: { files: number; bytes: number; paths: string[] };
}

/** The precache list compiled into sw.js, read back from its JSON: url and bytes per file. */
export function serviceWorkerList(outDir: string): { url: string; bytes: number }[] | null {
  const file = join(outDir, 'sw.js');
  if (!existsSync(file)) return null;
  const source = readFileSync(file, 'utf8');
  // The list is a JSON object that the minifier may have rewritten with unquoted keys and `template` strings.
  const q = '["\'`]';
  const pattern = new RegExp(`${q}?url${q}?\\s*:\\s*${q}([^"'\`]+)${q}\\s*,\\s*${q}?revision${q}?\\s*:\\s*${q}[^"'\`]*${q}\\s*,\\s*${q}?bytes${q}?\\s*:\\s*(\\d+)`, 'g');
  const files = [...source.matchAll(pattern)].map(([, url, bytes]) => ({ url: url as string, bytes: Number(bytes) }));
  return files.length ? files : null;
}

/**
 * What each language needs offline: the shared app (entry, its CSS, code chunks used by every
 * language, index.html, the worker), plus that language's string and handout chunks with everything
 * they import (figures, audio), plus the font subsets whose unicode-range covers a character of the
 * language's text or of the welcome screen's text (which shows every language's name).
 */
export function precacheByLanguage(outDir: string, manifest: ViteManifest, languages: string[], welcomeText: string): Precache {
  const sw = serviceWorkerList(outDir);
  const files = sw ? sw.map((f) => f.url) : listDist(outDir).filter((p) => !p.startsWith('.') && !p.endsWith('.map'));
  const size = (path: string) => sw?.find((f) => f.url === path)?.bytes ?? fileBytes(outDir, path).raw;
  const text = (path: string) => (existsSync(join(outDir, path)) ? readFileSync(join(outDir, path), 'utf8') : '');

  const closure = (key: string, seen = new Set<string>()): Set<string> => {
    const entry: ViteManifestEntry | undefined = manifest[key];
    if (!entry || seen.has(entry.file)) return seen;
    seen.add(entry.file);
    for (const css of entry.css ?? []) seen.add(css);
    for (const asset of entry.assets ?? []) seen.add(asset);
    for (const imported of entry.imports ?? []) closure(imported, seen);
    return seen;
  };
  const entryKey = Object.keys(manifest).find((key) => manifest[key]?.isEntry) ?? 'index.html';
  const css = [...closure(entryKey)].filter((p) => p.endsWith('.css'));
  const faces = fontFaces(css.map(text).join('\n'));
  const fontFiles = new Set(files.filter((p) => /\.(woff2?|ttf|otf)$/.test(p)));
  const chars = (paths: Iterable<string>) => {
    const set = new Set<number>();
    for (const path of paths) if (path.endsWith('.js')) for (const ch of text(path)) set.add(ch.codePointAt(0) as number);
    return set;
  };
  const welcomeChars = new Set(Array.from(welcomeText, (ch) => ch.codePointAt(0) as number));
  const fontsFor = (codePoints: Set<number>) =>
    faces.filter((face) => [...codePoints].some((cp) => face.ranges.some(([from, to]) => cp >= from && cp <= to))).map((face) => face.file);

  const own = new Map<string, Set<string>>();
  for (const lang of languages) {
    // The content plugin's per-language modules: virtual:kiosk/<kind>/<lang>[/<id>] (strings, handouts, prompts…).
    const keys = Object.keys(manifest).filter((key) => /^virtual:kiosk\/[^/]+\/([^/]+)(\/|$)/.exec(key)?.[1] === lang);
    const paths = new Set<string>();
    for (const key of keys) closure(key, paths);
    own.set(lang, paths);
  }
  const languageSpecific = new Set([...own.values()].flatMap((paths) => [...paths]));
  // Shared: whatever no language owns and is not a font (fonts are counted per language). Chunks that
  // several languages import (a figure used by every handout) count as each language's own as well.
  const shared = files.filter((p) => !fontFiles.has(p) && !languageSpecific.has(p) && !p.startsWith('.vite/'));
  const sharedBytes = shared.reduce((sum, p) => sum + size(p), 0);
  const neededFonts = new Set<string>();
  const result: Record<string, LanguagePrecache> = {};
  for (const lang of languages) {
    const paths = own.get(lang) ?? new Set<string>();
    const codePoints = chars(paths);
    for (const cp of welcomeChars) codePoints.add(cp);
    const fonts = fontsFor(codePoints).filter((f) => fontFiles.has(f));
    for (const f of fonts) neededFonts.add(f);
    const ownBytes = [...paths].reduce((sum, p) => sum + size(p), 0);
    const fontBytes = fonts.reduce((sum, p) => sum + size(p), 0);
    result[lang] = {
      own: ownBytes + fontBytes,
      audio: [...paths].filter((p) => /\.(webm|ogg|mp3|m4a|opus)$/.test(p)).reduce((sum, p) => sum + size(p), 0),
      fonts: fontBytes,
      total: sharedBytes + ownBytes + fontBytes,
      files: shared.length + paths.size + fonts.length,
    };
  }
  const unused = [...fontFiles].filter((f) => !neededFonts.has(f));
  return {
    serviceWorker: sw ? { files: sw.length, bytes: sw.reduce((sum, f) => sum + f.bytes, 0) } : null,
    shared: { files: shared.length, bytes: sharedBytes, paths: shared },
    languages: result,
    unused: { files: unused.length, bytes: unused.reduce((sum, p) => sum + size(p), 0), paths: unused },
  };
}
