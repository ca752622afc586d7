/**
 * The precache list, shared by the build step that writes it (scripts/vite-plugin-service-worker.ts)
 * and the worker that reads it (sw.ts).
 */
export interface PrecacheEntry {
  /** Path relative to the worker's scope (the app's base), e.g. `assets/en-BI6lms6O.js`. */
  url: string;
  /** First 16 hex digits of the file's SHA-256: an unchanged file is never downloaded twice. */
  revision: string;
  bytes: number;
}

export interface PrecacheManifest {
  /** Hash of every url and revision: a new build gets a new version, hence a new worker and cache. */
  version: string;
  files: PrecacheEntry[];
}

/** What the worker answers to `{ type: 'GET_STATUS' }`, for the staff panel. */
export interface WorkerStatus {
  version: string;
  expectedFiles: number;
  expectedBytes: number;
  cachedFiles: number;
}

export const CACHE_PREFIX = 'kiosk-precache-';
export const REVISION_HEADER = 'x-kiosk-revision';
