/**
 * The kiosk's service worker: after one load, the kiosk starts and reads aloud with the network down.
 *
 * - Install: the app, chunks, fonts, every configured language's strings, handouts, figures and prompt
 *   clips, and the featured handouts' audio go into one cache per build version, listed at build time
 *   by scripts/vite/service-worker.ts. A file whose revision is already in an older cache (or
 *   in the audio cache) is copied from there, not downloaded again.
 * - Audio of the other handouts: cached the first time it is played, in one cache shared by every
 *   build (`kiosk-audio`), held within the clinic's `offline.audioBudgetMB`, least recently played
 *   first out (audio-budget.ts). Its index (each file's size and last use) is a JSON entry in that
 *   same cache, so the files and their index are cleared together. With the network down, audio not
 *   cached fails to load, and the reader falls back to the browser's voice or the text with a note.
 * - Fetch: cache first for everything the build made; a navigation gets the cached index.html; a Range
 *   request (the audio element's) gets a 206 sliced from the cached file.
 * - Update: a new build installs in the background and then waits. It takes over only when the page
 *   says `SKIP_WAITING`, which the kiosk does only between visits (src/kiosk/offline.ts): a patient
 *   is never reloaded out of a handout.
 *
 * No imports at run time and no network but the kiosk's own origin.
 */
import { emptyIndex, evictions, fitsBudget, parseIndex, reconcile, totalBytes, touch, without, type AudioIndex } from './audio-budget';
import { AUDIO_CACHE, AUDIO_INDEX_PATH, CACHE_PREFIX, REVISION_HEADER, type PrecacheEntry, type PrecacheManifest, type WorkerStatus } from './manifest';
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
/** Replaced with the build's list by scripts/vite/service-worker.ts. */
declare const __PRECACHE_MANIFEST__: PrecacheManifest;

const MANIFEST = __PRECACHE_MANIFEST__;
const CURRENT = CACHE_PREFIX + MANIFEST.version;
const urlOf = (path: string) => new URL(path, self.registration.scope).href;
const INDEX = urlOf('index.html');
/** Parallel downloads while installing: enough to be quick, few enough not to swamp a clinic's link. */
const DOWNLOADS = 4;
/** The on-demand audio of this build, by absolute URL. */
const ON_DEMAND = new Map(MANIFEST.audio.map((entry) => [urlOf(entry.url), entry]));
const AUDIO_INDEX = urlOf(AUDIO_INDEX_PATH);
/** One download per file however many range requests ask for it at once. */
const downloading = new Map<string, Promise<Response | undefined>>();
/** Index changes one at a time: each reads what the one before it wrote. */
let audioQueue: Promise<unknown> = Promise.resolve();

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
      // Audio this build does not have (changed or gone), and anything over a budget made smaller.
      await updateAudio(async (index, cache) => {
        // (Audio URLs carry a hash of their contents, so a URL this build lists is this build's file.)
        const stale = Object.keys(index.entries).filter((url) => !ON_DEMAND.has(url));
        const kept = without(index, stale);
        const over = evictions(kept, MANIFEST.audioBudgetBytes);
        for (const url of [...stale, ...over]) await cache.delete(url);
        return without(kept, over);
      });
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
  const range = request.headers.get('range');
  const sliced = (response: Response) => (range ? rangeResponse(response, range) : response);
  const audio = ON_DEMAND.get(url.origin + url.pathname);
  if (audio) {
    const waitUntil = (promise: Promise<unknown>) => event.waitUntil(promise);
    event.respondWith(onDemandAudio(url.origin + url.pathname, audio, waitUntil).then((response) => (response ? sliced(response) : fetch(request))));
    return;
  }
  event.respondWith(cached(url.origin + url.pathname).then((response) => (response ? sliced(response) : fetch(request))));
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
  // The audio cache too: a handout newly featured was often played already.
  const older = [...(await caches.keys()).filter((name) => name.startsWith(CACHE_PREFIX) && name !== CURRENT), AUDIO_CACHE];
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
  await cache.put(url, await download(file));
}

/**
 * The file from the server, as stored: only if it is this build's (the same revision). On-demand
 * audio bypasses the browser's HTTP cache (`no-store`): a second copy there would sit outside the
 * budget, and would keep playing evicted audio the budget says the kiosk no longer holds.
 */
async function download(file: PrecacheEntry, cache: RequestCache = 'no-cache'): Promise<Response> {
  const url = urlOf(file.url);
  const response = await fetch(url, { cache });
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
  return new Response(body, { status: 200, headers });
}

/**
 * A section's audio that is not precached: from the audio cache (marking it played now), else
 * downloaded whole and answered at once, then kept within the budget in the background
 * (`waitUntil`), so the first play waits for nothing but the download. Undefined when it cannot be
 * had (offline and not cached): the caller's fetch then fails as the network does, and the reader
 * falls back to the browser's voice or the text.
 */
async function onDemandAudio(url: string, file: PrecacheEntry, waitUntil: (promise: Promise<unknown>) => void): Promise<Response | undefined> {
  const cache = await caches.open(AUDIO_CACHE);
  const hit = await cache.match(url);
  if (hit?.headers.get(REVISION_HEADER) === file.revision) {
    waitUntil(updateAudio(async (index) => touch(index, url, file.bytes)).catch(() => {}));
    return hit;
  }
  let pending = downloading.get(url);
  if (!pending) {
    pending = download(file, 'no-store').then(
      (response) => {
        // Until the file is in the cache, another request for it shares this download.
        const kept = fitsBudget(file.bytes, MANIFEST.audioBudgetBytes) ? keepAudio(url, file, response.clone()) : Promise.resolve();
        waitUntil(kept.finally(() => downloading.delete(url)));
        return response;
      },
      () => {
        downloading.delete(url);
        return undefined;
      },
    );
    downloading.set(url, pending);
  }
  return (await pending)?.clone();
}

/** Puts a played file in the audio cache, after making room for it: the least recently played go first. */
async function keepAudio(url: string, file: PrecacheEntry, response: Response): Promise<void> {
  try {
    await updateAudio(async (index, cache) => {
      // Room first, then the file: the cache never holds more than the budget, even for a moment.
      const next = touch(index, url, file.bytes);
      const out = evictions(next, MANIFEST.audioBudgetBytes, new Set([url]));
      for (const old of out) await cache.delete(old);
      await cache.put(url, response);
      return without(next, out);
    });
  } catch {
    // The browser refused the storage (its quota, a private profile): the patient heard it from
    // the network this time, and will again next time.
  }
}

/**
 * Reads the audio index (made to agree with the cache), lets `change` act on the cache and return
 * the new index, and writes it back.
 */
function updateAudio(change: (index: AudioIndex, cache: Cache) => Promise<AudioIndex>): Promise<AudioIndex> {
  const run = audioQueue.then(async () => {
    const cache = await caches.open(AUDIO_CACHE);
    const index = await readAudioIndex(cache);
    const next = await change(index, cache);
    await cache.put(AUDIO_INDEX, new Response(JSON.stringify(next), { headers: { 'content-type': 'application/json' } }));
    return next;
  });
  audioQueue = run.catch(() => {});
  return run;
}

async function readAudioIndex(cache: Cache): Promise<AudioIndex> {
  const stored = await cache.match(AUDIO_INDEX);
  const index = stored ? parseIndex(await stored.json().catch(() => null)) : emptyIndex();
  // Only a file the index does not know is opened for its size: a full cache holds thousands.
  const files = await Promise.all(
    (await cache.keys())
      .filter((request) => request.url !== AUDIO_INDEX)
      .map(async (request) => ({
        url: request.url,
        bytes: index.entries[request.url]?.bytes ?? Number((await cache.match(request))?.headers.get('content-length') ?? 0),
      })),
  );
  return reconcile(index, files);
}

async function revisionOf(body: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', body));
  return Array.from(digest.slice(0, 8), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

async function status(): Promise<WorkerStatus> {
  const cache = await caches.open(CURRENT);
  const present = new Set((await cache.keys()).map((request) => request.url));
  const index = await updateAudio(async (current) => current);
  // A handout's audio is on the kiosk when every one of its files is: precached or played.
  const handouts = new Map<string, { featured: boolean; missing: number }>();
  for (const file of MANIFEST.files) {
    if (!file.handout) continue;
    const handout = handouts.get(file.handout) ?? { featured: true, missing: 0 };
    if (!present.has(urlOf(file.url))) handout.missing++;
    handouts.set(file.handout, handout);
  }
  for (const file of MANIFEST.audio) {
    if (!file.handout) continue;
    const handout = handouts.get(file.handout) ?? { featured: false, missing: 0 };
    if (!index.entries[urlOf(file.url)]) handout.missing++;
    handouts.set(file.handout, handout);
  }
  return {
    version: MANIFEST.version,
    expectedFiles: MANIFEST.files.length,
    expectedBytes: MANIFEST.files.reduce((sum, file) => sum + file.bytes, 0),
    cachedFiles: MANIFEST.files.filter((file) => present.has(urlOf(file.url))).length,
    audio: {
      budgetBytes: MANIFEST.audioBudgetBytes,
      cachedBytes: totalBytes(index),
      cachedFiles: Object.keys(index.entries).length,
      totalFiles: MANIFEST.audio.length,
      handouts: handouts.size,
      handoutsCached: [...handouts.values()].filter((h) => h.missing === 0).length,
      handoutsFeatured: [...handouts.values()].filter((h) => h.featured).length,
    },
  };
}
