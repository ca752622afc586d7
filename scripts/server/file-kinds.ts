/**
 * What each file of the build is, for the headers it is served with: its MIME type, how long a
 * browser may keep it, and whether a precompressed copy is worth making. One table, shared by the
 * `npm start` server and the precompression step; deploy/nginx/ says the same for nginx.
 */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.webm': 'audio/webm',
  '.ogg': 'audio/ogg',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
};

/** Text worth compressing; fonts, audio and images are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.txt', '.svg', '.map']);

export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

export function contentType(path: string): string {
  return TYPES[extensionOf(path)] ?? 'application/octet-stream';
}

export function isCompressible(path: string): boolean {
  return COMPRESSIBLE.has(extensionOf(path));
}

/**
 * Vite names what it emits under assets/ `<name>-<8-character hash>.<ext>`: a changed file gets a new
 * name, so a browser may keep these for a year without asking. Everything else (index.html, sw.js,
 * the files copied from public/) keeps its name across builds and must be asked about every time, or
 * a kiosk would keep an old build's index.html or worker.
 */
const HASHED = /^assets\/(?:[^/]+\/)*[^/]+-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/;

export function isHashed(path: string): boolean {
  return HASHED.test(path);
}

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

export function cacheControl(path: string): string {
  return isHashed(path) ? IMMUTABLE : REVALIDATE;
}
