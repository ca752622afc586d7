/**
 * Serves one finished build folder over node:http, as production needs it: Range for audio seeking,
 * ETag and Last-Modified for conditional requests, year-long caching for hashed assets and `no-cache`
 * for the rest, the precompressed `.br`/`.gz` copy a browser accepts, and the security headers on
 * every answer.
 *
 * The folder is listed once, when the site is made (a build is never changed in place: a new build
 * is a new folder and a new site). A request is answered only from that list, so no spelling of a
 * path (`/../`, `%2e%2e`, `//etc/passwd`, a NUL) can reach a file outside the build.
 *
 * Why not a library: sirv, the obvious one (and what `vite preview` uses), answers `bytes=0-0` with
 * the whole file and a suffix range (`bytes=-500`) with the first bytes; audio seeking needs both.
 */
import { createReadStream, readdirSync, statSync, type Stats } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { cacheControl, contentType, isCompressible } from './file-kinds.ts';
import { parseRange } from './range.ts';
import { SECURITY_HEADERS } from './security-headers.ts';

interface FileEntry {
  abs: string;
  size: number;
  mtime: Date;
  etag: string;
}

export interface StaticSite {
  /** The folder served. */
  readonly root: string;
  handle: (request: IncomingMessage, response: ServerResponse) => void;
}

/** Browsers name brotli `br`; the preference order is ours (brotli is smaller), not the header's. */
const ENCODINGS = [
  { token: 'br', suffix: '.br' },
  { token: 'gzip', suffix: '.gz' },
] as const;

export function createStaticSite(root: string): StaticSite {
  const files = indexFolder(root);
  return {
    root,
    handle(request, response) {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      const path = requestPath(request.url ?? '');
      if (typeof path === 'number') {
        response.writeHead(path, { 'Content-Type': 'text/plain; charset=utf-8' }).end(path === 400 ? 'Bad request\n' : 'Not found\n');
        return;
      }
      const file = isSiteFile(path) ? liveEntry(join(root, path)) : files.get(path);
      if (!file) {
        response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
        return;
      }
      sendFile(request, response, path, file, files);
    },
  };
}

/**
 * The build-relative path a request names, or the status to refuse it with: 400 for what no browser
 * sends for a real file (an undecodable escape, NUL, a backslash, a `.` or `..` segment), 404 for a
 * dotfile. `/` and folders mean their index.html.
 */
export function requestPath(url: string): string | 400 | 404 {
  if (!url.startsWith('/')) return 400;
  const end = url.search(/[?#]/);
  let path: string;
  try {
    path = decodeURIComponent(end === -1 ? url : url.slice(0, end));
  } catch {
    return 400;
  }
  if (path.includes('\0') || path.includes('\\')) return 400;
  const segments = path.split('/').slice(1);
  if (segments.some((segment) => segment === '.' || segment === '..')) return 400;
  if (segments.some((segment) => segment.startsWith('.'))) return 404;
  const relative = segments.join('/');
  return relative === '' || relative.endsWith('/') ? `${relative}index.html` : relative;
}

function sendFile(request: IncomingMessage, response: ServerResponse, path: string, identity: FileEntry, files: Map<string, FileEntry>) {
  const compressible = isCompressible(path);
  const rangeHeader = request.headers.range;
  // A Range names bytes of the file itself, so a ranged answer is never a compressed copy.
  const encoding = compressible && !rangeHeader ? pickEncoding(request.headers['accept-encoding'], path, files) : undefined;
  const file = encoding ? encoding.file : identity;

  const headers: Record<string, string | number> = {
    'Content-Type': contentType(path),
    'Cache-Control': cacheControl(path),
    ETag: file.etag,
    'Last-Modified': file.mtime.toUTCString(),
    'Accept-Ranges': 'bytes',
  };
  if (compressible) headers.Vary = 'Accept-Encoding';
  if (encoding) headers['Content-Encoding'] = encoding.token;

  if (notModified(request, file)) {
    response.writeHead(304, headers).end();
    return;
  }

  // If-Range: the client holds part of a copy; a range of a different copy would splice two files.
  const ifRange = request.headers['if-range'];
  const range = ifRange !== undefined && ifRange !== file.etag ? ({ kind: 'whole' } as const) : parseRange(rangeHeader, file.size);
  if (range.kind === 'unsatisfiable') {
    response.writeHead(416, { ...headers, 'Content-Range': `bytes */${file.size}` }).end();
    return;
  }
  const [status, start, end] = range.kind === 'partial' ? [206, range.start, range.end] : [200, 0, file.size - 1];
  if (status === 206) headers['Content-Range'] = `bytes ${start}-${end}/${file.size}`;
  headers['Content-Length'] = end - start + 1;
  response.writeHead(status, headers);
  if (request.method === 'HEAD' || file.size === 0) {
    response.end();
    return;
  }
  const stream = createReadStream(file.abs, { start, end });
  // A file that vanished under us (a build pruned by hand) ends the answer; the client retries.
  stream.on('error', () => response.destroy());
  stream.pipe(response);
}

function pickEncoding(accept: string | undefined, path: string, files: Map<string, FileEntry>) {
  if (!accept) return undefined;
  const accepted = new Set(
    accept
      .split(',')
      .map((part) => {
        const [token = '', q] = part.trim().split(';');
        return { token, q };
      })
      .filter(({ q }) => !q || !/^\s*q\s*=\s*0(\.0*)?\s*$/i.test(q))
      .map(({ token }) => token.trim().toLowerCase()),
  );
  for (const { token, suffix } of ENCODINGS) {
    const file = files.get(path + suffix);
    if (file && accepted.has(token)) return { token, file };
  }
  return undefined;
}

/** RFC 9110 §13.1: If-None-Match wins over If-Modified-Since; ETags compare weakly here. */
function notModified(request: IncomingMessage, file: FileEntry): boolean {
  const match = request.headers['if-none-match'];
  if (match !== undefined) {
    const tags = match.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
    return tags.includes('*') || tags.includes(file.etag);
  }
  const since = request.headers['if-modified-since'];
  if (since === undefined) return false;
  const time = Date.parse(since);
  return !Number.isNaN(time) && Math.floor(file.mtime.getTime() / 1000) * 1000 <= time;
}

/**
 * Site files (`sites/<site>.json`) are the one part of a build that staff may edit, add or replace on
 * the server without building again (README, "One build, many sites"): they are looked up at each
 * request, not taken from the list made at start, so an edited file is never sent with its old
 * length and a new one is found. The build makes no compressed copies of them (vite/precompress).
 */
export const isSiteFile = (path: string): boolean => path.startsWith('sites/');

function liveEntry(abs: string): FileEntry | undefined {
  try {
    const stats = statSync(abs);
    return stats.isFile() ? entryFor(abs, stats) : undefined;
  } catch {
    return undefined;
  }
}

function entryFor(abs: string, stats: Stats): FileEntry {
  // The same form nginx uses (mtime and size in hex), so either server answers a kiosk's
  // conditional request for a file of the same build in the same way.
  const etag = `"${Math.floor(stats.mtimeMs / 1000).toString(16)}-${stats.size.toString(16)}"`;
  return { abs, size: stats.size, mtime: stats.mtime, etag };
}

/** Every regular file under `root` by its `/`-separated relative path, dotfiles and dot-folders left out. */
function indexFolder(root: string): Map<string, FileEntry> {
  const files = new Map<string, FileEntry>();
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const abs = join(dir, entry.name);
      if (entry.isDirectory()) walk(abs, `${prefix}${entry.name}/`);
      else if (entry.isFile()) files.set(`${prefix}${entry.name}`, entryFor(abs, statSync(abs)));
    }
  };
  walk(root, '');
  return files;
}
