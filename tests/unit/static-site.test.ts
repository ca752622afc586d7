// @vitest-environment node
/**
 * The kiosk's production server (scripts/server/) on a real node:http server on a free port, over a
 * fixture build: the checks every server of a build must pass (tests/helpers/server-contract.ts, also
 * run against nginx), then what only this server promises.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { listen, type RunningServer } from '../../scripts/server/listen.ts';
import { parseRange } from '../../scripts/server/range.ts';
import { createStaticSite, requestPath } from '../../scripts/server/static-site.ts';
import { ask, describeServerContract, HASHED_JS, SCRIPT, WEBM, writeFixtureBuild } from '../helpers/server-contract.ts';

let outer: string;
let server: RunningServer;

beforeAll(async () => {
  outer = mkdtempSync(join(tmpdir(), 'kiosk-static-'));
  server = await listen(createStaticSite(writeFixtureBuild(outer)).handle, 0);
});

afterAll(async () => {
  await server?.close();
  rmSync(outer, { recursive: true, force: true });
});

describeServerContract('npm start server', () => ({ port: server.port, outer }));

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => ask(server.port, path, headers, method);

describe('npm start server: beyond what nginx is held to', () => {
  it('serves a site file as it is now: edited, added or removed on the server after it started', async () => {
    const sites = join(outer, 'build', 'sites');
    mkdirSync(sites, { recursive: true });
    const site = join(sites, 'lobby-2.json');
    writeFileSync(site, '{"site":{"name":"Lobby 2"}}');
    expect((await get('/sites/lobby-2.json')).body.toString()).toBe('{"site":{"name":"Lobby 2"}}');
    writeFileSync(site, '{"site":{"name":"Lobby 2, east wing"}}');
    const edited = await get('/sites/lobby-2.json');
    expect(edited.body.toString()).toBe('{"site":{"name":"Lobby 2, east wing"}}');
    expect(edited.headers['cache-control']).toBe('no-cache');
    rmSync(site);
    expect((await get('/sites/lobby-2.json')).status).toBe(404);
  });

  it('refuses an empty suffix (bytes=-0) with 416', async () => {
    expect((await get(WEBM, { Range: 'bytes=-0' })).status).toBe(416);
  });

  it('sends the whole file for a malformed range, as RFC 9110 asks', async () => {
    for (const range of ['bytes=abc', 'bytes=5-2', 'items=0-1']) {
      const answer = await get(WEBM, { Range: range });
      expect(answer.status, range).toBe(200);
      expect(answer.body.length, range).toBe(1000);
    }
  });

  it('ignores the range when If-Range names another copy of the file', async () => {
    expect((await get(WEBM, { Range: 'bytes=0-9', 'If-Range': '"stale-0"' })).status).toBe(200);
    const current = (await get(WEBM, {}, 'HEAD')).headers.etag as string;
    expect((await get(WEBM, { Range: 'bytes=0-9', 'If-Range': current })).status).toBe(206);
  });

  it('answers a range of a text file from the file itself, never from a compressed copy', async () => {
    const answer = await get(HASHED_JS, { 'Accept-Encoding': 'br', Range: 'bytes=0-5' });
    expect(answer.status).toBe(206);
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.body.toString()).toBe(SCRIPT.slice(0, 6));
  });

  it('honours a refusal of brotli (br;q=0)', async () => {
    expect((await get(HASHED_JS, { 'Accept-Encoding': 'br;q=0, gzip' })).headers['content-encoding']).toBe('gzip');
  });

  it('answers an undecodable path with 400', async () => {
    expect((await get('/%zz')).status).toBe(400);
  });

  it('refuses methods other than GET and HEAD', async () => {
    const answer = await get('/', {}, 'POST');
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET, HEAD');
  });

  it('parses ranges as RFC 9110 says, without a server', () => {
    expect(parseRange(undefined, 10)).toEqual({ kind: 'whole' });
    expect(parseRange('bytes=2-4', 10)).toEqual({ kind: 'partial', start: 2, end: 4 });
    expect(parseRange('bytes=-3', 10)).toEqual({ kind: 'partial', start: 7, end: 9 });
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
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
