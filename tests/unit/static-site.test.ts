// @vitest-environment node
/**
 * The production server (scripts/server/) against a real node:http server on a free port, over a
 * fixture build made here: what audio seeking, caching, the offline copy and an attacker each ask of it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../scripts/server/listen.ts';
import { parseRange } from '../../scripts/server/range.ts';
import { createStaticSite, requestPath } from '../../scripts/server/static-site.ts';

const AUDIO = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
const SCRIPT = `export const words = ${JSON.stringify('read aloud '.repeat(200))};\n`;
let outer: string;
let server: RunningServer;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw request: node's client sends the path exactly as given (fetch would normalise `/../`). */
function ask(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  outer = mkdtempSync(join(tmpdir(), 'kiosk-static-'));
  const root = join(outer, 'build');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(outer, 'secret.txt'), 'outside the build');
  writeFileSync(join(root, '.env'), 'a dotfile');
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Kiosk</title>');
  writeFileSync(join(root, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  writeFileSync(join(root, 'early-taps.js'), '// unhashed, copied from public/');
  writeFileSync(join(root, 'manifest.webmanifest'), '{"name":"Kiosk"}');
  writeFileSync(join(root, 'assets', 'index-AbCd12_-.js'), SCRIPT);
  writeFileSync(join(root, 'assets', 'index-AbCd12_-.js.br'), brotliCompressSync(SCRIPT));
  writeFileSync(join(root, 'assets', 'index-AbCd12_-.js.gz'), gzipSync(SCRIPT));
  writeFileSync(join(root, 'assets', 'nerve-ablation.en-Q1w2E3r4.json'), '{"id":"nerve-ablation"}');
  writeFileSync(join(root, 'assets', 'atkinson-latin-400-normal-Zx9_Yw8v.woff2'), 'wOF2');
  writeFileSync(join(root, 'assets', '0058d60c95b8f61a-COWQngPO.webm'), AUDIO);
  const site = createStaticSite(root);
  server = await listen(site.handle, 0);
});

afterAll(async () => {
  await server?.close();
  rmSync(outer, { recursive: true, force: true });
});

const WEBM = '/assets/0058d60c95b8f61a-COWQngPO.webm';

describe('Range requests for audio seeking', () => {
  it('answers the first bytes with 206 and their place in the file', async () => {
    const answer = await ask(WEBM, { Range: 'bytes=0-99' });
    expect(answer.status).toBe(206);
    expect(answer.headers['content-range']).toBe('bytes 0-99/1000');
    expect(answer.headers['content-length']).toBe('100');
    expect(answer.body.equals(AUDIO.subarray(0, 100))).toBe(true);
  });

  it('answers a single first byte (bytes=0-0), which browsers send to learn the length', async () => {
    const answer = await ask(WEBM, { Range: 'bytes=0-0' });
    expect(answer.status).toBe(206);
    expect(answer.headers['content-range']).toBe('bytes 0-0/1000');
    expect(answer.body.equals(AUDIO.subarray(0, 1))).toBe(true);
  });

  it('answers bytes from the middle', async () => {
    const answer = await ask(WEBM, { Range: 'bytes=400-599' });
    expect(answer.status).toBe(206);
    expect(answer.headers['content-range']).toBe('bytes 400-599/1000');
    expect(answer.body.equals(AUDIO.subarray(400, 600))).toBe(true);
  });

  it('answers an open range to the last byte', async () => {
    const answer = await ask(WEBM, { Range: 'bytes=990-' });
    expect(answer.headers['content-range']).toBe('bytes 990-999/1000');
    expect(answer.body.equals(AUDIO.subarray(990))).toBe(true);
  });

  it('clips a range that runs past the end to the last byte', async () => {
    const answer = await ask(WEBM, { Range: 'bytes=995-5000' });
    expect(answer.status).toBe(206);
    expect(answer.headers['content-range']).toBe('bytes 995-999/1000');
  });

  it('answers a suffix range with the last bytes', async () => {
    const answer = await ask(WEBM, { Range: 'bytes=-300' });
    expect(answer.status).toBe(206);
    expect(answer.headers['content-range']).toBe('bytes 700-999/1000');
    expect(answer.body.equals(AUDIO.subarray(700))).toBe(true);
  });

  it('answers a suffix longer than the file with the whole file as a range', async () => {
    const answer = await ask(WEBM, { Range: 'bytes=-5000' });
    expect(answer.status).toBe(206);
    expect(answer.headers['content-range']).toBe('bytes 0-999/1000');
  });

  it('refuses a range that starts past the end with 416 and the size', async () => {
    const answer = await ask(WEBM, { Range: 'bytes=1000-1100' });
    expect(answer.status).toBe(416);
    expect(answer.headers['content-range']).toBe('bytes */1000');
    expect(answer.body.length).toBe(0);
  });

  it('refuses an empty suffix (bytes=-0) with 416', async () => {
    expect((await ask(WEBM, { Range: 'bytes=-0' })).status).toBe(416);
  });

  it('sends the whole file for a malformed or multi-part range', async () => {
    for (const range of ['bytes=abc', 'bytes=5-2', 'items=0-1', 'bytes=0-1,5-6']) {
      const answer = await ask(WEBM, { Range: range });
      expect(answer.status, range).toBe(200);
      expect(answer.body.length, range).toBe(1000);
    }
  });

  it('ignores the range when If-Range names another copy of the file', async () => {
    const answer = await ask(WEBM, { Range: 'bytes=0-9', 'If-Range': '"stale-0"' });
    expect(answer.status).toBe(200);
    const current = (await ask(WEBM, {}, 'HEAD')).headers.etag as string;
    expect((await ask(WEBM, { Range: 'bytes=0-9', 'If-Range': current })).status).toBe(206);
  });

  it('parses ranges as RFC 9110 says, without a server', () => {
    expect(parseRange(undefined, 10)).toEqual({ kind: 'whole' });
    expect(parseRange('bytes=2-4', 10)).toEqual({ kind: 'partial', start: 2, end: 4 });
    expect(parseRange('bytes=-3', 10)).toEqual({ kind: 'partial', start: 7, end: 9 });
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
  });
});

describe('headers for each kind of file', () => {
  it('keeps hashed assets for a year and never revalidates them', async () => {
    for (const path of ['/assets/index-AbCd12_-.js', WEBM, '/assets/atkinson-latin-400-normal-Zx9_Yw8v.woff2', '/assets/nerve-ablation.en-Q1w2E3r4.json']) {
      expect((await ask(path)).headers['cache-control'], path).toBe('public, max-age=31536000, immutable');
    }
  });

  it('makes browsers ask again for index.html, sw.js and every unhashed file', async () => {
    for (const path of ['/', '/index.html', '/sw.js', '/early-taps.js', '/manifest.webmanifest']) {
      expect((await ask(path)).headers['cache-control'], path).toBe('no-cache');
    }
  });

  it('names each file type correctly', async () => {
    const types: Record<string, string> = {
      '/': 'text/html; charset=utf-8',
      '/sw.js': 'text/javascript; charset=utf-8',
      '/manifest.webmanifest': 'application/manifest+json; charset=utf-8',
      [WEBM]: 'audio/webm',
      '/assets/atkinson-latin-400-normal-Zx9_Yw8v.woff2': 'font/woff2',
      '/assets/nerve-ablation.en-Q1w2E3r4.json': 'application/json; charset=utf-8',
    };
    for (const [path, type] of Object.entries(types)) expect((await ask(path)).headers['content-type'], path).toBe(type);
  });

  it('sends the Content-Security-Policy with frame-ancestors, and nosniff, on files and errors alike', async () => {
    for (const path of ['/', WEBM, '/missing.js', '/../secret.txt']) {
      const { headers } = await ask(path);
      expect(headers['content-security-policy'], path).toContain("script-src 'self'");
      expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
      expect(headers['x-content-type-options'], path).toBe('nosniff');
    }
  });

  it('sends the brotli copy to a browser that accepts it, gzip to one that accepts only gzip, and the file to others', async () => {
    const path = '/assets/index-AbCd12_-.js';
    const brotli = await ask(path, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(brotli.headers.vary).toBe('Accept-Encoding');
    expect(brotli.body.equals(brotliCompressSync(SCRIPT))).toBe(true);
    expect((await ask(path, { 'Accept-Encoding': 'gzip' })).headers['content-encoding']).toBe('gzip');
    expect((await ask(path, { 'Accept-Encoding': 'br;q=0, gzip' })).headers['content-encoding']).toBe('gzip');
    const plain = await ask(path);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);
  });

  it('answers a range of a text file from the file itself, never from a compressed copy', async () => {
    const answer = await ask('/assets/index-AbCd12_-.js', { 'Accept-Encoding': 'br', Range: 'bytes=0-5' });
    expect(answer.status).toBe(206);
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.body.toString()).toBe(SCRIPT.slice(0, 6));
  });
});

describe('nothing outside the build is served', () => {
  const attempts = [
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/..%5csecret.txt',
    '//secret.txt',
    `/${'x/'.repeat(3)}..%2f..%2f..%2fsecret.txt`,
    '/index.html%00.js',
    '/%00',
    '/%zz',
    '/.env',
    '/%2eenv',
  ];

  it.each(attempts)('%s is answered 400 or 404 with nothing from outside', async (path) => {
    const answer = await ask(path);
    expect([400, 404]).toContain(answer.status);
    expect(answer.body.toString()).not.toContain('outside the build');
    expect(answer.body.toString()).not.toContain('a dotfile');
  });

  it('refuses an absolute path, or one on the file system, however it is spelt', async () => {
    const absolute = join(outer, 'secret.txt');
    for (const path of [absolute, `/${encodeURIComponent(absolute)}`, '/etc/passwd', '/%2fetc%2fpasswd']) {
      const answer = await ask(path);
      expect([400, 404], path).toContain(answer.status);
      expect(answer.body.toString(), path).not.toContain('outside the build');
    }
  });

  it('reads request paths without touching the disk', () => {
    expect(requestPath('/')).toBe('index.html');
    expect(requestPath('/assets/a.js?v=1#x')).toBe('assets/a.js');
    expect(requestPath('/../a')).toBe(400);
    expect(requestPath('/%2e%2e/a')).toBe(400);
    expect(requestPath('http://elsewhere/a')).toBe(400);
    expect(requestPath('/a%00b')).toBe(400);
    expect(requestPath('/.git/config')).toBe(404);
  });
});

describe('HEAD and conditional requests', () => {
  it('answers HEAD with the headers of GET and no body', async () => {
    const get = await ask(WEBM);
    const head = await ask(WEBM, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-length']).toBe('1000');
    expect(head.headers.etag).toBe(get.headers.etag);
    expect(head.headers['accept-ranges']).toBe('bytes');
  });

  it('answers 304 with no body when the ETag still matches, and 200 when it does not', async () => {
    const { headers } = await ask('/sw.js');
    const etag = headers.etag as string;
    expect(etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    const again = await ask('/sw.js', { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    expect(again.headers['cache-control']).toBe('no-cache');
    expect((await ask('/sw.js', { 'If-None-Match': `"other", W/${etag}` })).status).toBe(304);
    expect((await ask('/sw.js', { 'If-None-Match': '"other"' })).status).toBe(200);
  });

  it('answers 304 to If-Modified-Since when the file is no newer', async () => {
    const { headers } = await ask('/index.html');
    expect((await ask('/index.html', { 'If-Modified-Since': headers['last-modified'] as string })).status).toBe(304);
    expect((await ask('/index.html', { 'If-Modified-Since': 'Thu, 01 Jan 1970 00:00:00 GMT' })).status).toBe(200);
  });

  it('refuses methods other than GET and HEAD', async () => {
    const answer = await ask('/', {}, 'POST');
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET, HEAD');
  });
});
