/**
 * jsdom gaps, filled only as far as the kiosk relies on them. The real behaviour is covered by the
 * browser tests in tests/browser/, which run in Chromium.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanup } from '@testing-library/preact';
import { afterAll, afterEach } from 'vitest';

// The kiosk fetches its handouts from its own origin (asset URLs such as `/.generated/…` or
// `/@fs/…`). No server runs under jsdom, so such a request is answered from disk as Vite's server
// would answer it, 404 included; anything else goes to the real fetch.
// (A string, not `new URL(…)`: under jsdom, URL is jsdom's, which node:url does not accept.)
const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..') + '/';
const realFetch = globalThis.fetch;
globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (!url.startsWith('/')) return realFetch(input, init);
  const path = url.startsWith('/@fs/') ? url.slice('/@fs'.length) : projectRoot + url.slice(1);
  try {
    const body = await readFile(decodeURIComponent(path.split('?')[0] as string));
    return new Response(body, { status: 200, headers: { 'content-type': path.endsWith('.json') ? 'application/json' : 'application/octet-stream' } });
  } catch {
    return new Response('Not found', { status: 404 });
  }
};

if (typeof HTMLDialogElement !== 'undefined' && !HTMLDialogElement.prototype.showModal) {
  // jsdom has <dialog> but not showModal()/close() (jsdom issue #3294).
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
}

if (typeof Element !== 'undefined' && !Element.prototype.scrollTo) {
  Element.prototype.scrollTo = function scrollTo() {};
}
if (typeof Element !== 'undefined' && !Element.prototype.scrollBy) {
  // The reader scrolls by the distance to the word being read; jsdom has no layout to scroll.
  Element.prototype.scrollBy = function scrollBy() {};
}

afterEach(() => {
  cleanup();
});

// Preact runs effects after the next frame, with a 35 ms timer as fallback that then calls
// cancelAnimationFrame. A timer still pending when a file ends would fire after jsdom's globals are
// gone and throw (an unhandled error that fails the whole run), so let such timers fire first.
afterAll(() => new Promise<void>((done) => setTimeout(done, 100)));
