/**
 * The precache list, shared by the build step that writes it (scripts/vite/service-worker.ts)
 * and the worker that reads it (sw.ts).
 */
export interface PrecacheEntry {
  /** Path relative to the worker's scope (the app's base), e.g. `assets/en-BI6lms6O.js`. */
  url: string;
  /** First 16 hex digits of the file's SHA-256: an unchanged file is never downloaded twice. */
  revision: string;
  bytes: number;
  /** For a section's audio: the handout it reads, `<lang>/<handout id>` (the staff panel counts them). */
  handout?: string;
}

export interface PrecacheManifest {
  /** Hash of every url and revision: a new build gets a new version, hence a new worker and cache. */
  version: string;
  /**
   * Kept from the first start, in one cache per build: the app, fonts, every configured language's
   * strings, handouts, figures and prompt clips, and the featured handouts' audio.
   */
  files: PrecacheEntry[];
  /** Every other section's audio: cached when first played, within `audioBudgetBytes` (audio-budget.ts). */
  audio: PrecacheEntry[];
  audioBudgetBytes: number;
}

/**
 * Which built files are a section's audio, written by the content plugin beside the build
 * (`offline-audio.json`; not in the offline copy: the worker carries what it says in its own list).
 */
export interface OfflineAudioPlan {
  audioBudgetBytes: number;
  /** url → handout (`<lang>/<id>`) and whether that handout is featured. */
  sections: Record<string, { handout: string; featured: boolean }>;
}

/** What the worker answers to `{ type: 'GET_STATUS' }`, for the staff panel. */
export interface WorkerStatus {
  version: string;
  expectedFiles: number;
  /** Bytes of the precached part (everything but the on-demand audio). */
  expectedBytes: number;
  cachedFiles: number;
  audio: AudioStatus;
}

export interface AudioStatus {
  budgetBytes: number;
  /** On-demand audio cached now, and how many files that is. */
  cachedBytes: number;
  cachedFiles: number;
  /** On-demand audio files in this build. */
  totalFiles: number;
  /** Handouts (per language) with audio in this build, and those whose every section's audio is on the kiosk. */
  handouts: number;
  handoutsCached: number;
  /** Of those, featured (always kept). */
  handoutsFeatured: number;
}

export const CACHE_PREFIX = 'kiosk-precache-';
/** On-demand audio, shared by every build (a new build keeps what an older one played, if unchanged). */
export const AUDIO_CACHE = 'kiosk-audio';
/** The audio cache's index (sizes and last use), stored in that cache under this path of the scope. */
export const AUDIO_INDEX_PATH = '__kiosk-audio-index.json';
export const OFFLINE_AUDIO_PLAN = 'offline-audio.json';
export const REVISION_HEADER = 'x-kiosk-revision';
