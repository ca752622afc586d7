/**
 * The kiosk's service worker: after one load, the kiosk starts and reads aloud with the network down.
 *
 * - Install: every file of the build (app, chunks, fonts, figures, handouts, audio) goes into one
 *   cache per build version, listed at build time by scripts/vite-plugin-service-worker.ts. A file
 *   whose revision is already in an older cache is copied from there, not downloaded again.
 * - Fetch: cache first for everything the build made; a navigation gets the cached index.html; a Range
 *   request (the audio element's) gets a 206 sliced from the cached file.
 * - Update: a new build installs in the background and then waits. It takes over only when the page
 *   says `SKIP_WAITING`, which the kiosk does only between visits (src/kiosk/offline.ts): a patient
 *   is never reloaded out of a handout.
 *
 * No imports at run time and no network but the kiosk's own origin.
 */
import { CACHE_PREFIX, REVISION_HEADER, type PrecacheEntry, type PrecacheManifest, type WorkerStatus } from './manifest';
import { rangeResponse } from './range';

// The worker globals this file uses. The app's tsconfig has the DOM library, whose globals clash
// with the WebWorker library's, so the few types needed are spelt out here.
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Response | Promise<Response>): void;
}
interface ExtendableMessageEvent extends ExtendableEvent {
  readonly data: unknown;
  readonly ports: readonly MessagePort[];
}
interface WorkerScope {
  readonly registration: ServiceWorkerRegistration;
  readonly location: { readonly origin: string };
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  addEventListener(type: 'message', listener: (event: ExtendableMessageEvent) => void): void;
}
declare const self: WorkerScope;
/** Replaced with the build's list by scripts/vite-plugin-service-worker.ts. */
declare const __PRECACHE_MANIFEST__: PrecacheManifest;

const MANIFEST = __PRECACHE_MANIFEST__;
const CURRENT = CACHE_PREFIX + MANIFEST.version;
const urlOf = (path: string) => new URL(path, self.registration.scope).href;
const INDEX = urlOf('index.html');
/** Parallel downloads while installing: enough to be quick, few enough not to swamp a clinic's link. */
const DOWNLOADS = 4;

self.addEventListener('install', (event) => {
  event.waitUntil(
    precache().then(() => {
      // The very first worker has no page of an older build to disturb: it starts at once, so the
      // page that installed it is offline-ready without a reload. Later ones wait for SKIP_WAITING.
      if (!self.registration.active) return self.skipWaiting();
    }),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const older = (await caches.keys()).filter((name) => name.startsWith(CACHE_PREFIX) && name !== CURRENT);
      // The newest older cache stays until the next build: a page of the previous build that was
      // still open when this one took over keeps finding its lazily loaded chunks until it reloads.
      const previous = older.at(-1);
      await Promise.all(older.filter((name) => name !== previous).map((name) => caches.delete(name)));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(cached(INDEX).then((response) => response ?? fetch(request)));
    return;
  }
  event.respondWith(
    cached(url.origin + url.pathname).then((response) => {
      if (!response) return fetch(request);
      const range = request.headers.get('range');
      return range ? rangeResponse(response, range) : response;
    }),
  );
});

self.addEventListener('message', (event) => {
  const type = (event.data as { type?: unknown } | null)?.type;
  if (type === 'SKIP_WAITING') event.waitUntil(self.skipWaiting());
  if (type === 'GET_STATUS') event.waitUntil(status().then((answer) => event.ports[0]?.postMessage(answer)));
});

/** This build's copy first; then an older build's, for a page of that build still open. */
async function cached(url: string): Promise<Response | undefined> {
  return (await (await caches.open(CURRENT)).match(url)) ?? (await caches.match(url));
}

async function precache(): Promise<void> {
  const cache = await caches.open(CURRENT);
  const older = (await caches.keys()).filter((name) => name.startsWith(CACHE_PREFIX) && name !== CURRENT);
  const queue = [...MANIFEST.files];
  const next = async (): Promise<void> => {
    for (let file = queue.shift(); file; file = queue.shift()) await store(cache, older, file);
  };
  await Promise.all(Array.from({ length: DOWNLOADS }, next));
}

async function store(cache: Cache, older: string[], file: PrecacheEntry): Promise<void> {
  const url = urlOf(file.url);
  if ((await cache.match(url))?.headers.get(REVISION_HEADER) === file.revision) return;
  for (const name of older) {
    const copy = await (await caches.open(name)).match(url);
    if (copy?.headers.get(REVISION_HEADER) === file.revision) return cache.put(url, copy);
  }
  const response = await fetch(url, { cache: 'no-cache' });
  if (!response.ok) throw new Error(`Precaching ${file.url}: HTTP ${response.status}`);
  const body = await response.arrayBuffer();
  // A server that already has a newer build would hand us a file of that build: refuse it, so a
  // cache is always one whole build. The install fails and is tried again at the next update check.
  if ((await revisionOf(body)) !== file.revision) throw new Error(`Precaching ${file.url}: the server has a different build`);
  // Only the headers that describe the body: a Content-Encoding or a compressed Content-Length
  // would be wrong for the decoded bytes stored here.
  const headers = new Headers({ 'content-length': String(body.byteLength), [REVISION_HEADER]: file.revision });
  const type = response.headers.get('content-type');
  if (type) headers.set('content-type', type);
  await cache.put(url, new Response(body, { status: 200, headers }));
}

async function revisionOf(body: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', body));
  return [...digest.slice(0, 8)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

async function status(): Promise<WorkerStatus> {
  const cache = await caches.open(CURRENT);
  const present = new Set((await cache.keys()).map((request) => request.url));
  return {
    version: MANIFEST.version,
    expectedFiles: MANIFEST.files.length,
    expectedBytes: MANIFEST.files.reduce((sum, file) => sum + file.bytes, 0),
    cachedFiles: MANIFEST.files.filter((file) => present.has(urlOf(file.url))).length,
  };
}
