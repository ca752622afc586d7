// @vitest-environment node
/**
 * `npm start`'s choice of what to serve (scripts/lib/serve-kiosk.ts), with a fake build in a fixture
 * checkout so each case takes milliseconds: the last good build at once, a new one only when it
 * succeeded, and a failure that leaves the kiosk serving and says why.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BuildRun } from '../../scripts/lib/run-build.ts';
import { serveKiosk, type BuildStatus, type KioskServer } from '../../scripts/lib/serve-kiosk.ts';

let root: string;
let server: KioskServer | null;
let builds: string[];
let failWith: string | null;
/** While set, builds wait for it: a test can look at the server mid-build. */
let hold: Promise<void> | null;

/** Stands in for `vite build`: writes an index.html naming the handout text, or fails. */
function fakeBuild(_root: string, outDir: string, id: string): BuildRun {
  builds.push(id);
  const failure = failWith;
  const text = readFileSync(join(root, 'locales', 'en', 'handout.md'), 'utf8');
  const done = (async () => {
    await (hold ?? new Promise((resolve) => setTimeout(resolve, 20)));
    if (failure) return { ok: false, output: failure };
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'index.html'), `<p>${text}</p>`);
    return { ok: true, output: '' };
  })();
  return { done, stop: () => {} };
}

function setHandout(text: string) {
  mkdirSync(join(root, 'locales', 'en'), { recursive: true });
  writeFileSync(join(root, 'locales', 'en', 'handout.md'), text);
}

async function start(): Promise<KioskServer> {
  server = await serveKiosk(root, { port: 0, build: fakeBuild, fastStart: false, log: () => {} });
  return server;
}

async function page(): Promise<string> {
  return (await fetch(server!.url)).text();
}

async function status(): Promise<BuildStatus> {
  return (await fetch(new URL('/build-status.json', server!.url))).json() as Promise<BuildStatus>;
}

async function stop() {
  await server?.close();
  server = null;
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kiosk-start-'));
  writeFileSync(join(root, 'kiosk.config.json'), '{"server":{"port":4173}}');
  setHandout('first version');
  builds = [];
  failWith = null;
  hold = null;
  server = null;
});

afterEach(async () => {
  await stop();
  rmSync(root, { recursive: true, force: true });
});

describe('npm start', () => {
  it('builds before serving when there is no build yet', async () => {
    await start();
    expect(builds).toHaveLength(1);
    expect(await page()).toContain('first version');
    expect((await status()).serving.id).toBe(builds[0]);
  });

  it('serves the kept build at once, without building, when nothing changed', async () => {
    await start();
    await stop();
    await start();
    expect(builds).toHaveLength(1);
    expect(await page()).toContain('first version');
  });

  it('does not rebuild for a file that was only touched or rewritten with the same bytes', async () => {
    await start();
    await stop();
    setHandout('first version');
    await start();
    expect(builds).toHaveLength(1);
  });

  it('serves the last good build while the changed sources build, then switches to the new one', async () => {
    await start();
    await stop();
    setHandout('second version');
    let release = () => {};
    hold = new Promise((resolve) => (release = resolve));
    await start();
    expect(await page()).toContain('first version');
    expect((await status()).building?.id).toBe(builds[1]);
    release();
    await server!.settled;
    expect(await page()).toContain('second version');
    expect(await status()).toMatchObject({ serving: { id: builds[1] }, building: null, failed: null });
  });

  it('keeps serving the last good build when the new one fails, and says why at /build-status.json', async () => {
    await start();
    await stop();
    setHandout('broken version');
    failWith = 'locales/en/handout.md: line 3: a section heading needs an id';
    await start();
    await server!.settled;
    expect(await page()).toContain('first version');
    const { serving, failed } = await status();
    expect(serving.id).toBe(builds[0]);
    expect(failed).toMatchObject({ id: builds[1], output: failWith });
    expect(readdirSync(join(root, '.builds')).filter((name) => name.startsWith('.partial'))).toEqual([]);
  });

  it('refuses to start, with the error, when the very first build fails', async () => {
    failWith = 'kiosk.config.json: idle.warningSeconds: 5 is not allowed';
    await expect(start()).rejects.toThrow(/no earlier build to serve:\n.*idle\.warningSeconds/);
    server = null;
  });

  it('keeps only the build served and the one before it', async () => {
    for (const version of ['one', 'two', 'three']) {
      setHandout(version);
      await start();
      await server!.settled;
      await stop();
    }
    const kept = readdirSync(join(root, '.builds')).filter((name) => /^[0-9a-f]{16}$/.test(name));
    expect(new Set(kept)).toEqual(new Set([builds[1], builds[2]]));
    const pointer = JSON.parse(readFileSync(join(root, '.builds', 'current.json'), 'utf8'));
    expect(pointer).toMatchObject({ id: builds[2], previous: builds[1] });
  });

  it('goes back to a kept build at once when the sources are rolled back', async () => {
    setHandout('one');
    await start();
    await stop();
    setHandout('two');
    await start();
    await server!.settled;
    await stop();
    setHandout('one');
    await start();
    expect(builds).toHaveLength(2);
    expect(await page()).toContain('one');
    expect(existsSync(join(root, '.builds', builds[1]!))).toBe(true);
  });
});

describe("the staff panel's reading of /build-status.json", () => {
  it('reads what npm start serves, failure included', async () => {
    const { readBuildStatus } = await import('../../src/screens/staff/build-status.ts');
    await start();
    await stop();
    setHandout('broken version');
    failWith = 'locales/en/handout.md: line 3: a section heading needs an id';
    await start();
    await server!.settled;
    const report = await readBuildStatus(builds[0]!, (path) => fetch(new URL(path, server!.url)));
    expect(report).toEqual({ running: builds[0], serving: builds[0], building: null, failed: { id: builds[1], at: expect.any(String), output: failWith } });
  });

  it('reads a server with no status (nginx, offline) as nothing to report', async () => {
    const { parseBuildStatus, readBuildStatus } = await import('../../src/screens/staff/build-status.ts');
    expect(await readBuildStatus('x', async () => new Response('Not found', { status: 404 }))).toBeNull();
    expect(await readBuildStatus('x', async () => Promise.reject(new TypeError('Failed to fetch')))).toBeNull();
    expect(parseBuildStatus('x', { serving: 'nope' })).toBeNull();
  });
});

describe('the quick start (scripts/lib/fast-start.ts, run by scripts/start.mjs without the TypeScript loader)', () => {
  it('serves the current build when the sources are unchanged, and steps aside when they changed', async () => {
    const { serveUnchanged } = await import('../../scripts/lib/fast-start.ts');
    await start();
    await stop();
    const quick = await serveUnchanged(root, { port: 0 });
    expect(quick?.buildId).toBe(builds[0]);
    expect(await (await fetch(quick!.url)).text()).toContain('first version');
    expect(await (await fetch(new URL('/build-status.json', quick!.url))).json()).toEqual({ serving: { id: builds[0] }, building: null, failed: null });
    await quick!.close();
    setHandout('second version');
    expect(await serveUnchanged(root, { port: 0 })).toBeNull();
  });

  it('bundles into one JavaScript file that Node runs as it is', async () => {
    const { bundleFastStart, fastStartFile } = await import('../../scripts/lib/bundle-fast-start.ts');
    const project = fileURLToPath(new URL('../..', import.meta.url));
    await bundleFastStart(project, join(root, '.builds'), '0123456789abcdef');
    const bundled = fastStartFile(join(root, '.builds'), '0123456789abcdef');
    // Only node: imports: nothing from the project's TypeScript is left to load.
    expect([...readFileSync(bundled, 'utf8').matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]!).every((from) => from.startsWith('node:'))).toBe(true);
    const { serveUnchanged } = (await import(pathToFileURL(bundled).href)) as typeof import('../../scripts/lib/fast-start.ts');
    expect(await serveUnchanged(root, { port: 0 })).toBeNull(); // no build here: it steps aside
  }, 60_000);
});
