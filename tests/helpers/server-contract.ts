/**
 * What any server of a kiosk build must do, whichever it is: the kiosk's own (scripts/server/,
 * tests/unit/static-site.test.ts) and nginx with deploy/nginx/ (tests/unit/nginx.test.ts) run the
 * same checks over the same fixture build, so the two cannot drift apart.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../scripts/vite/csp.ts';

export const AUDIO = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
export const SCRIPT = `export const words = ${JSON.stringify('read aloud '.repeat(200))};\n`;
export const WEBM = '/assets/0058d60c95b8f61a-COWQngPO.webm';
export const HASHED_JS = '/assets/index-AbCd12_-.js';
export const SECRET = 'outside the build';
/** A site's settings (src/kiosk/site-settings.ts): keeps its name when an operator edits it. */
export const SITE_FILE = '/sites/east-lobby.json';

/** Writes a small build into `outer/build` (returned), and a secret beside it that must never be served. */
export function writeFixtureBuild(outer: string): string {
  const root = join(outer, 'build');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(outer, 'secret.txt'), SECRET);
  writeFileSync(join(root, '.env'), 'a dotfile');
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Kiosk</title>');
  writeFileSync(join(root, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  writeFileSync(join(root, 'early-taps.js'), '// unhashed, copied from public/');
  writeFileSync(join(root, 'manifest.webmanifest'), '{"name":"Kiosk"}');
  mkdirSync(join(root, 'sites'));
  writeFileSync(join(root, SITE_FILE.slice(1)), '{"site":{"name":"East lobby"}}');
  writeFileSync(join(root, HASHED_JS.slice(1)), SCRIPT);
  writeFileSync(join(root, `${HASHED_JS.slice(1)}.br`), brotliCompressSync(SCRIPT));
  writeFileSync(join(root, `${HASHED_JS.slice(1)}.gz`), gzipSync(SCRIPT));
  writeFileSync(join(root, 'assets', 'nerve-ablation.en-Q1w2E3r4.json'), '{"id":"nerve-ablation"}');
  writeFileSync(join(root, 'assets', 'atkinson-latin-400-normal-Zx9_Yw8v.woff2'), 'wOF2');
  writeFileSync(join(root, WEBM.slice(1)), AUDIO);
  return root;
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw request: node's client sends the path exactly as given (fetch would normalise `/../`). */
export function ask(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The shared checks; `server()` gives the port of a running server over writeFixtureBuild's folder. */
export function describeServerContract(name: string, server: () => { port: number; outer: string }) {
  const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => ask(server().port, path, headers, method);

  describe(`${name}: Range requests for audio seeking`, () => {
    it('answers the first bytes with 206 and their place in the file', async () => {
      const answer = await get(WEBM, { Range: 'bytes=0-99' });
      expect(answer.status).toBe(206);
      expect(answer.headers['content-range']).toBe('bytes 0-99/1000');
      expect(answer.headers['content-length']).toBe('100');
      expect(answer.body.equals(AUDIO.subarray(0, 100))).toBe(true);
    });

    it('answers a single first byte (bytes=0-0), which browsers send to learn the length', async () => {
      const answer = await get(WEBM, { Range: 'bytes=0-0' });
      expect(answer.status).toBe(206);
      expect(answer.headers['content-range']).toBe('bytes 0-0/1000');
      expect(answer.body.equals(AUDIO.subarray(0, 1))).toBe(true);
    });

    it('answers bytes from the middle', async () => {
      const answer = await get(WEBM, { Range: 'bytes=400-599' });
      expect(answer.status).toBe(206);
      expect(answer.headers['content-range']).toBe('bytes 400-599/1000');
      expect(answer.body.equals(AUDIO.subarray(400, 600))).toBe(true);
    });

    it('answers an open range to the last byte', async () => {
      const answer = await get(WEBM, { Range: 'bytes=990-' });
      expect(answer.headers['content-range']).toBe('bytes 990-999/1000');
      expect(answer.body.equals(AUDIO.subarray(990))).toBe(true);
    });

    it('clips a range that runs past the end to the last byte', async () => {
      const answer = await get(WEBM, { Range: 'bytes=995-5000' });
      expect(answer.status).toBe(206);
      expect(answer.headers['content-range']).toBe('bytes 995-999/1000');
    });

    it('answers a suffix range with the last bytes', async () => {
      const answer = await get(WEBM, { Range: 'bytes=-300' });
      expect(answer.status).toBe(206);
      expect(answer.headers['content-range']).toBe('bytes 700-999/1000');
      expect(answer.body.equals(AUDIO.subarray(700))).toBe(true);
    });

    it('answers a suffix longer than the file with the whole file as a range', async () => {
      const answer = await get(WEBM, { Range: 'bytes=-5000' });
      expect(answer.status).toBe(206);
      expect(answer.headers['content-range']).toBe('bytes 0-999/1000');
    });

    it('refuses a range that starts past the end with 416 and the size', async () => {
      const answer = await get(WEBM, { Range: 'bytes=1000-1100' });
      expect(answer.status).toBe(416);
      expect(answer.headers['content-range']).toBe('bytes */1000');
    });

    it('sends the whole file for a request of several ranges', async () => {
      const answer = await get(WEBM, { Range: 'bytes=0-1,5-6' });
      expect(answer.status).toBe(200);
      expect(answer.body.length).toBe(1000);
    });
  });

  describe(`${name}: headers for each kind of file`, () => {
    it('keeps hashed assets for a year and never revalidates them', async () => {
      for (const path of [HASHED_JS, WEBM, '/assets/atkinson-latin-400-normal-Zx9_Yw8v.woff2', '/assets/nerve-ablation.en-Q1w2E3r4.json']) {
        expect((await get(path)).headers['cache-control'], path).toBe('public, max-age=31536000, immutable');
      }
    });

    it('makes browsers ask again for index.html, sw.js, the site files and every unhashed file', async () => {
      for (const path of ['/', '/index.html', '/sw.js', '/early-taps.js', '/manifest.webmanifest', SITE_FILE]) {
        expect((await get(path)).headers['cache-control'], path).toBe('no-cache');
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
        [SITE_FILE]: 'application/json; charset=utf-8',
      };
      for (const [path, type] of Object.entries(types)) expect((await get(path)).headers['content-type'], path).toBe(type);
    });

    it("sends the kiosk's Content-Security-Policy with frame-ancestors, and nosniff, on files and errors alike", async () => {
      for (const path of ['/', WEBM, '/missing.js']) {
        const { headers } = await get(path);
        expect(headers['content-security-policy'], path).toBe(`${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
        expect(headers['x-content-type-options'], path).toBe('nosniff');
        expect(headers['referrer-policy'], path).toBe('no-referrer');
      }
    });

    it('sends the brotli copy to a browser that accepts it, gzip to one that accepts only gzip, and the file to others', async () => {
      const brotli = await get(HASHED_JS, { 'Accept-Encoding': 'gzip, deflate, br' });
      expect(brotli.headers['content-encoding']).toBe('br');
      expect(brotli.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(brotli.headers.vary).toBe('Accept-Encoding');
      expect(brotli.body.equals(brotliCompressSync(SCRIPT))).toBe(true);
      expect((await get(HASHED_JS, { 'Accept-Encoding': 'gzip' })).headers['content-encoding']).toBe('gzip');
      const plain = await get(HASHED_JS);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.toString()).toBe(SCRIPT);
    });
  });

  describe(`${name}: nothing outside the build is served`, () => {
    const attempts = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E%2Fsecret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%5csecret.txt',
      '//secret.txt',
      `/${'x/'.repeat(3)}..%2f..%2f..%2f..%2fsecret.txt`,
      '/index.html%00.js',
      '/%00',
      '/.env',
      '/%2eenv',
    ];

    it.each(attempts)('%s is answered 400 or 404 with nothing from outside', async (path) => {
      const answer = await get(path);
      expect([400, 404]).toContain(answer.status);
      expect(answer.body.toString()).not.toContain(SECRET);
      expect(answer.body.toString()).not.toContain('a dotfile');
    });

    it('refuses an absolute path, or one on the file system, however it is spelt', async () => {
      const absolute = join(server().outer, 'secret.txt');
      for (const path of [absolute, `/${encodeURIComponent(absolute)}`, '/etc/passwd', '/%2fetc%2fpasswd']) {
        const answer = await get(path);
        expect([400, 404], path).toContain(answer.status);
        expect(answer.body.toString(), path).not.toContain(SECRET);
      }
    });
  });

  describe(`${name}: HEAD and conditional requests`, () => {
    it('answers HEAD with the headers of GET and no body', async () => {
      const full = await get(WEBM);
      const head = await get(WEBM, {}, 'HEAD');
      expect(head.status).toBe(200);
      expect(head.body.length).toBe(0);
      expect(head.headers['content-length']).toBe('1000');
      expect(head.headers.etag).toBe(full.headers.etag);
      expect(head.headers['accept-ranges']).toBe('bytes');
    });

    it('answers 304 with no body when the ETag still matches, and 200 when it does not', async () => {
      const { headers } = await get('/sw.js');
      const etag = headers.etag as string;
      expect(etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
      const again = await get('/sw.js', { 'If-None-Match': etag });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
      expect(again.headers.etag).toBe(etag);
      expect(again.headers['cache-control']).toBe('no-cache');
      expect((await get('/sw.js', { 'If-None-Match': `"other", W/${etag}` })).status).toBe(304);
      expect((await get('/sw.js', { 'If-None-Match': '"other"' })).status).toBe(200);
    });

    it('answers 304 to If-Modified-Since with the file’s own date, and 200 to an older one', async () => {
      const { headers } = await get('/index.html');
      expect((await get('/index.html', { 'If-Modified-Since': headers['last-modified'] as string })).status).toBe(304);
      expect((await get('/index.html', { 'If-Modified-Since': 'Thu, 01 Jan 1970 00:00:00 GMT' })).status).toBe(200);
    });
  });
}
