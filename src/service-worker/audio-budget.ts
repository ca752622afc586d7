/**
 * The audio budget of the offline copy, as pure functions the service worker (sw.ts) calls and the
 * unit tests drive without a browser.
 *
 * A featured handout's audio is precached with the build and is never here. Every other section's
 * audio is cached the first time it is played, and the cache is held within the clinic's
 * `offline.audioBudgetMB`: when a new file would take it over, the files played longest ago go
 * first. The order is a use counter, not a clock: a kiosk whose clock jumps (NTP, a flat CMOS
 * battery) still evicts in the order the audio was really played.
 */

/** One cached audio file as the index knows it. */
export interface CachedAudio {
  url: string;
  bytes: number;
  /** The use counter's value when it was last played (higher is more recent). */
  lastUsed: number;
}

/** What the worker keeps beside the audio: every cached file's size and last use, and the counter. */
export interface AudioIndex {
  version: 1;
  /** The last use number handed out. */
  counter: number;
  entries: Record<string, { bytes: number; lastUsed: number }>;
}

export const emptyIndex = (): AudioIndex => ({ version: 1, counter: 0, entries: {} });

/** The index as read from storage; anything unreadable is an empty index (the cache is reconciled after). */
export function parseIndex(json: unknown): AudioIndex {
  const value = json as Partial<AudioIndex> | null;
  if (!value || value.version !== 1 || typeof value.counter !== 'number' || !value.entries || typeof value.entries !== 'object') return emptyIndex();
  const entries: AudioIndex['entries'] = {};
  for (const [url, entry] of Object.entries(value.entries)) {
    if (entry && Number.isFinite(entry.bytes) && Number.isFinite(entry.lastUsed)) entries[url] = { bytes: entry.bytes, lastUsed: entry.lastUsed };
  }
  return { version: 1, counter: value.counter, entries };
}

/** Marks `url` as played now (adding it with its size if it is new); returns a new index. */
export function touch(index: AudioIndex, url: string, bytes?: number): AudioIndex {
  const counter = index.counter + 1;
  const known = index.entries[url];
  const size = bytes ?? known?.bytes;
  if (size === undefined) return index;
  return { version: 1, counter, entries: { ...index.entries, [url]: { bytes: size, lastUsed: counter } } };
}

/**
 * The index made to agree with what the cache really holds (a worker stopped between writing a file
 * and its index entry, or storage cleared by the browser): entries for files no longer cached go;
 * files cached without an entry are added as the oldest, with the size the cache reports.
 */
export function reconcile(index: AudioIndex, cached: readonly { url: string; bytes: number }[]): AudioIndex {
  const entries: AudioIndex['entries'] = {};
  for (const { url, bytes } of cached) entries[url] = index.entries[url] ?? { bytes, lastUsed: 0 };
  return { version: 1, counter: index.counter, entries };
}

export function totalBytes(index: AudioIndex): number {
  return Object.values(index.entries).reduce((sum, entry) => sum + entry.bytes, 0);
}

/**
 * The files to delete, least recently used first, so that the rest fits within `budgetBytes`.
 * `protect` (the file being played right now) is never chosen: if it alone is over the budget, every
 * other file goes and it stays until the next file is played.
 */
export function evictions(index: AudioIndex, budgetBytes: number, protect: ReadonlySet<string> = new Set()): string[] {
  let total = totalBytes(index);
  if (total <= budgetBytes) return [];
  const oldestFirst: CachedAudio[] = Object.entries(index.entries)
    .map(([url, entry]) => ({ url, ...entry }))
    .filter((entry) => !protect.has(entry.url))
    // Ties (files found in the cache without an entry) go by URL, so the choice is repeatable.
    .sort((a, b) => a.lastUsed - b.lastUsed || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  const out: string[] = [];
  for (const entry of oldestFirst) {
    if (total <= budgetBytes) break;
    out.push(entry.url);
    total -= entry.bytes;
  }
  return out;
}

/** Whether a file of `bytes` may be cached at all: one larger than the whole budget is played from the network only. */
export function fitsBudget(bytes: number, budgetBytes: number): boolean {
  return bytes <= budgetBytes;
}

/** Removes `urls` from the index; returns a new index. */
export function without(index: AudioIndex, urls: readonly string[]): AudioIndex {
  const gone = new Set(urls);
  return { version: 1, counter: index.counter, entries: Object.fromEntries(Object.entries(index.entries).filter(([url]) => !gone.has(url))) };
}

/** The budget is in MB as the build log counts them: a million bytes. */
export const MEGABYTE = 1_000_000;
