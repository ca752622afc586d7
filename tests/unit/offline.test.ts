/**
 * The update rule, without a browser: a new build waits while anyone is using the kiosk and takes
 * over only between visits. The service worker container is a fake; the kiosk is the real one.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { signal } from '@preact/signals';
import { act, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { precacheManifest } from '../../scripts/vite/service-worker';
import { registerOffline } from '../../src/kiosk/offline';
import { parseRange, rangeResponse } from '../../src/service-worker/range';
import { fakeClock } from '../helpers/fake-clock';
import { config, renderKiosk } from '../helpers/kiosk';
import { createRecordingPlayer } from '../helpers/recording-player';

class FakeWorker extends EventTarget {
  messages: unknown[] = [];
  constructor(public state: ServiceWorkerState) {
    super();
  }
  postMessage(message: unknown) {
    this.messages.push(message);
  }
  becomes(state: ServiceWorkerState) {
    this.state = state;
    this.dispatchEvent(new Event('statechange'));
  }
}

class FakeRegistration extends EventTarget {
  installing: FakeWorker | null = null;
  waiting: FakeWorker | null = null;
  active: FakeWorker | null = null;
  updates = 0;
  async update() {
    this.updates++;
  }
  /** A new build found on the server: it installs, then waits. */
  newBuild(): FakeWorker {
    const worker = new FakeWorker('installing');
    this.installing = worker;
    this.dispatchEvent(new Event('updatefound'));
    this.installing = null;
    this.waiting = worker;
    worker.becomes('installed');
    return worker;
  }
}

class FakeContainer extends EventTarget {
  registration = new FakeRegistration();
  registered: string[] = [];
  constructor(public controller: FakeWorker | null) {
    super();
  }
  async register(url: string) {
    this.registered.push(url);
    return this.registration;
  }
  /** The waiting worker took over (after SKIP_WAITING), or the first worker claimed the page. */
  takeOver(worker: FakeWorker) {
    this.controller = worker;
    this.dispatchEvent(new Event('controllerchange'));
  }
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function start(container: FakeContainer, isSafeToUpdate: () => boolean) {
  const reloads: number[] = [];
  const checks: (() => void)[] = [];
  const ready: string[] = [];
  const stop = registerOffline({
    isSafeToUpdate,
    container: container as unknown as ServiceWorkerContainer,
    dev: false,
    reload: () => reloads.push(Date.now()),
    every: (_ms, callback) => {
      checks.push(callback);
      return () => {};
    },
    onUpdateReady: () => ready.push('ready'),
  });
  cleanups.push(stop);
  return { reloads, checks, ready };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const SKIP = { type: 'SKIP_WAITING' };

describe('registerOffline', () => {
  it('does nothing in development or where there are no service workers', async () => {
    const container = new FakeContainer(null);
    cleanups.push(registerOffline({ isSafeToUpdate: () => true, container: container as unknown as ServiceWorkerContainer, dev: true }));
    cleanups.push(registerOffline({ isSafeToUpdate: () => true, container: undefined, dev: false }));
    await settle();
    expect(container.registered).toEqual([]);
  });

  it('registers the built worker and asks the server for a new build periodically', async () => {
    const container = new FakeContainer(null);
    const { checks } = start(container, () => true);
    await settle();
    expect(container.registered).toEqual(['/sw.js']);
    checks[0]!();
    expect(container.registration.updates).toBe(1);
  });

  it('does not reload when the first worker takes over the page that installed it', async () => {
    const container = new FakeContainer(null);
    const { reloads } = start(container, () => true);
    await settle();
    container.takeOver(new FakeWorker('activated'));
    expect(reloads).toEqual([]);
  });

  it('keeps a new build waiting while it is not safe, and lets it take over once it is', async () => {
    const safe = signal(false);
    const container = new FakeContainer(new FakeWorker('activated'));
    const { reloads, ready } = start(container, () => safe.value);
    await settle();
    const next = container.registration.newBuild();
    expect(ready).toEqual(['ready']);
    expect(next.messages).toEqual([]);
    safe.value = true;
    expect(next.messages).toEqual([SKIP]);
    container.takeOver(next);
    expect(reloads.length).toBe(1);
  });

  it('finds a build that was already waiting when the page loaded', async () => {
    const container = new FakeContainer(new FakeWorker('activated'));
    const waiting = new FakeWorker('installed');
    container.registration.waiting = waiting;
    start(container, () => true);
    await settle();
    expect(waiting.messages).toEqual([SKIP]);
  });

  it('does not reload if a patient started in the moment before the new build took over; reloads when they are done', async () => {
    const safe = signal(true);
    const container = new FakeContainer(new FakeWorker('activated'));
    const { reloads } = start(container, () => safe.value);
    await settle();
    const next = container.registration.newBuild();
    expect(next.messages).toEqual([SKIP]);
    safe.value = false;
    container.takeOver(next);
    expect(reloads).toEqual([]);
    safe.value = true;
    expect(reloads.length).toBe(1);
    // Only once.
    safe.value = false;
    safe.value = true;
    expect(reloads.length).toBe(1);
  });
});

/** English, then the first handout if the library is showing (it is when several are configured). */
async function readInEnglish() {
  fireEvent.click(document.querySelector<HTMLElement>('[data-language="en"]')!);
  await waitFor(() => expect(document.querySelector('.reader__position, [data-handout]')).not.toBeNull());
  const card = document.querySelector('[data-handout]');
  if (card) fireEvent.click(card);
  await waitFor(() => expect(document.querySelector('.reader__position')).not.toBeNull());
}

describe('between visits', () => {
  async function kioskWithUpdate() {
    const clock = fakeClock();
    const recording = createRecordingPlayer();
    const { kiosk } = await renderKiosk({ clock, createPlayer: () => recording.player });
    const container = new FakeContainer(new FakeWorker('activated'));
    const { reloads } = start(container, () => kiosk.visit.value.betweenVisits.value);
    await settle();
    return { kiosk, clock, recording, container, reloads };
  }

  it('is true on a fresh welcome screen only', async () => {
    const { kiosk, clock } = await kioskWithUpdate();
    expect(kiosk.visit.value.betweenVisits.value).toBe(true);

    await readInEnglish();
    expect(kiosk.visit.value.betweenVisits.value).toBe(false);

    // Back at the language picker, but with a handout open behind it: still a visit.
    fireEvent.click(document.querySelector('[data-action="language"]')!);
    expect(kiosk.visit.value.screen.value).toBe('welcome');
    expect(kiosk.visit.value.betweenVisits.value).toBe(false);

    await act(() => kiosk.resetVisit());
    expect(kiosk.visit.value.betweenVisits.value).toBe(true);

    await act(() => kiosk.visit.value.openDialog('help'));
    expect(kiosk.visit.value.betweenVisits.value).toBe(false);
    await act(() => kiosk.visit.value.closeDialog());

    await act(() => clock.advance(config.idle.timeoutSeconds * 1000));
    expect(kiosk.idle.phase.value).toBe('warning');
    expect(kiosk.visit.value.betweenVisits.value).toBe(false);
  });

  it('lets a new build take over only after the patient reading a handout is done', async () => {
    const { kiosk, container, reloads } = await kioskWithUpdate();
    await readInEnglish();

    const next = container.registration.newBuild();
    kiosk.visit.value.nextSection();
    expect(next.messages).toEqual([]);

    fireEvent.click(document.querySelector('[data-action="home"]')!);
    await screen.findByText('welcome.greeting');
    expect(next.messages).toEqual([SKIP]);
    container.takeOver(next);
    expect(reloads.length).toBe(1);
  });
});

describe('Range answers from the cache', () => {
  it('resolves byte ranges the way the media element asks for them', () => {
    expect(parseRange('bytes=0-', 1000)).toEqual({ start: 0, end: 999 });
    expect(parseRange('bytes=100-199', 1000)).toEqual({ start: 100, end: 199 });
    expect(parseRange('bytes=900-5000', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-1,5-6', 1000)).toBeNull();
    expect(parseRange('items=0-1', 1000)).toBeNull();
    expect(parseRange(null, 1000)).toBeNull();
  });

  it('answers 206 with the asked-for bytes and their place in the whole', async () => {
    const body = new Uint8Array(1000).map((_, i) => i % 251);
    const full = () => new Response(body, { headers: { 'content-type': 'audio/webm' } });
    const part = await rangeResponse(full(), 'bytes=100-199');
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 100-199/1000');
    expect(part.headers.get('content-length')).toBe('100');
    expect(part.headers.get('content-type')).toBe('audio/webm');
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(body.slice(100, 200));
    expect((await rangeResponse(full(), 'bytes=5000-')).status).toBe(416);
    expect((await rangeResponse(full(), 'bytes=0-1,5-6')).status).toBe(200);
  });
});

describe('the precache list', () => {
  it("holds every built file but the worker, the server's build news, source maps, dot-folders and unused .woff fonts", () => {
    const dir = mkdtempSync(join(tmpdir(), 'precache-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    for (const file of ['index.html', 'sw.js', 'build-status.json', 'assets/app.js', 'assets/app.js.map', 'assets/font.woff2', 'assets/font.woff', '.vite/manifest.json']) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), file);
    }
    const manifest = precacheManifest(dir);
    expect(manifest.files.map((f) => f.url)).toEqual(['assets/app.js', 'assets/font.woff2', 'index.html']);
    expect(manifest.files[0]!.bytes).toBe('assets/app.js'.length);
    // The version follows the contents: the same files give the same version, a change a new one.
    expect(precacheManifest(dir).version).toBe(manifest.version);
    writeFileSync(join(dir, 'assets/app.js'), 'changed');
    expect(precacheManifest(dir).version).not.toBe(manifest.version);
  });

  it("leaves out the servers' brotli and gzip copies, in a folder listed again after they were made", () => {
    const dir = mkdtempSync(join(tmpdir(), 'precache-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    // The copies beside index.html, app.js and the worker are the servers'; a file that merely ends
    // in .gz, with nothing beside it, is the build's own and is kept.
    for (const file of ['index.html', 'index.html.br', 'index.html.gz', 'sw.js', 'sw.js.br', 'sw.js.gz', 'assets/app.js', 'assets/app.js.br', 'assets/data.gz']) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), file);
    }
    const manifest = precacheManifest(dir);
    expect(manifest.files.map((f) => f.url)).toEqual(['assets/app.js', 'assets/data.gz', 'index.html']);
    // A copy rewritten after the listing (sw.js.br, when the worker is rewritten in place) changes nothing.
    writeFileSync(join(dir, 'sw.js.br'), 'a newer copy');
    expect(precacheManifest(dir).version).toBe(manifest.version);
  });

  it("precaches the featured handouts' audio and leaves the rest to be cached as played, within the budget", () => {
    const dir = mkdtempSync(join(tmpdir(), 'precache-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    for (const file of ['index.html', 'assets/en-a.json', 'assets/what-1.webm', 'assets/what-2.webm', 'assets/prompt-3.webm']) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), file);
    }
    const plan = {
      audioBudgetBytes: 5_000_000,
      sections: { 'assets/what-1.webm': { handout: 'en/featured-one', featured: true }, 'assets/what-2.webm': { handout: 'en/other', featured: false } },
    };
    writeFileSync(join(dir, 'offline-audio.json'), JSON.stringify(plan));
    const manifest = precacheManifest(dir);
    // Prompt clips, strings and handouts are precached like the app: only section audio is on demand.
    expect(manifest.files.map((f) => f.url)).toEqual(['assets/en-a.json', 'assets/prompt-3.webm', 'assets/what-1.webm', 'index.html']);
    expect(manifest.files.find((f) => f.url === 'assets/what-1.webm')?.handout).toBe('en/featured-one');
    expect(manifest.audio.map((f) => [f.url, f.handout])).toEqual([['assets/what-2.webm', 'en/other']]);
    expect(manifest.audioBudgetBytes).toBe(5_000_000);
    // A smaller budget is a new build for the kiosks (a new worker enforces it when it takes over).
    const before = manifest.version;
    writeFileSync(join(dir, 'offline-audio.json'), JSON.stringify({ ...plan, audioBudgetBytes: 1_000_000 }));
    expect(precacheManifest(dir).version).not.toBe(before);
  });
});
