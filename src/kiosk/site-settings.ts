/**
 * Which site this kiosk is, and its settings: the page's address names the site (`/?site=lobby-2`),
 * whose file `sites/lobby-2.json` sits beside the build. Chosen once, at start, before the first
 * render, so a patient never sees one site's languages turn into another's.
 *
 * Patients always get a working kiosk: a site file that cannot be fetched or is invalid leaves the
 * kiosk on the last valid copy of that file this kiosk kept, or else on the build's own settings
 * (kiosk.config.json). Staff see why on the staff panel, and a discreet marker says there is
 * something to see. The copy is kept only once it has passed the check, so a bad file on the server
 * never replaces a good one, and a kiosk that restarts during a network outage comes up as its site.
 * (The service worker caches the build, not site files: it cannot tell a valid file from an invalid one.)
 */
import type { RuntimeConfig } from '../config/schema';
import type { SettingsProblem } from '../config/describe-issue';

export type SiteSource =
  /** No site named: the build's own settings. */
  | 'built-in'
  /** The site file as the server has it now. */
  | 'file'
  /** The last valid copy this kiosk kept, because the server's could not be fetched or was invalid. */
  | 'saved';

export interface SiteSettings {
  config: RuntimeConfig;
  /** The site the address names, or null. */
  id: string | null;
  /** The site file's path beside the build, `sites/<id>.json`, or null. */
  file: string | null;
  source: SiteSource;
  /** When the copy in use was kept (ISO time), for `saved`. */
  savedAt: string | null;
  /** Why the kiosk is not on the server's file: each names the file and, where it can, the field. */
  problems: SettingsProblem[];
}

export interface SiteStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

export interface SiteDeps {
  build: RuntimeConfig;
  /** The page's address. */
  url: string;
  /** The file's text, or a thrown error when the server cannot be reached; a status other than 200 is `{ status }`. */
  fetchText?: (url: string) => Promise<{ status: number; text: string }>;
  store?: SiteStore | null;
  now?: () => Date;
}

/** A kiosk whose server does not answer within this starts on its kept copy rather than wait on. */
const FETCH_TIMEOUT_MS = 4000;
const STORE_PREFIX = 'handout-kiosk.site.';

/** The site the address names: `?site=<id>`; null when none is named. */
export function siteIdFrom(url: string): string | null {
  const id = new URL(url).searchParams.get('site');
  return id === null || id === '' ? null : id;
}

export async function loadSiteSettings(deps: SiteDeps): Promise<SiteSettings> {
  const id = siteIdFrom(deps.url);
  const builtIn: SiteSettings = { config: deps.build, id, file: null, source: 'built-in', savedAt: null, problems: [] };
  if (id === null) return builtIn;
  const { mergeSite, SITE_ID } = await import('../config/site');
  if (!SITE_ID.test(id)) {
    return {
      ...builtIn,
      problems: [{ file: 'the kiosk’s address', where: 'site', message: `${JSON.stringify(id)} is not allowed; expected a site id in lower case with hyphens, such as "lobby-2"` }],
    };
  }
  const file = `sites/${id}.json`;
  const store = deps.store === undefined ? browserStore() : deps.store;
  const now = deps.now ?? (() => new Date());
  const fetchText = deps.fetchText ?? fetchWithTimeout;

  const problems: SettingsProblem[] = [];
  try {
    const answer = await fetchText(new URL(file, deps.url).href);
    if (answer.status === 200) {
      const merged = mergeSite(deps.build, answer.text, file);
      if (merged.ok) {
        store?.set(STORE_PREFIX + id, JSON.stringify({ text: answer.text, savedAt: now().toISOString() }));
        return { config: merged.config, id, file, source: 'file', savedAt: null, problems: [] };
      }
      problems.push(...merged.problems);
    } else {
      problems.push({
        file,
        message: answer.status === 404 ? 'is not on the server (HTTP 404): copy it into the build’s sites/ folder' : `the server answered HTTP ${answer.status}`,
      });
    }
  } catch (error) {
    // Offline or the server down: not a mistake in the file. The kept copy is what it is for.
    problems.push({ file, message: `could not be fetched (${error instanceof Error ? error.message : String(error)})` });
  }

  const kept = readKept(store, id);
  if (kept) {
    // Checked again: the build may have changed since (a language dropped), and a kept copy is text.
    const merged = mergeSite(deps.build, kept.text, file);
    if (merged.ok) return { config: merged.config, id, file, source: 'saved', savedAt: kept.savedAt, problems };
  }
  return { ...builtIn, file, problems };
}

function readKept(store: SiteStore | null, id: string): { text: string; savedAt: string } | null {
  try {
    const value = JSON.parse(store?.get(STORE_PREFIX + id) ?? 'null') as { text?: unknown; savedAt?: unknown } | null;
    return value && typeof value.text === 'string' && typeof value.savedAt === 'string' ? { text: value.text, savedAt: value.savedAt } : null;
  } catch {
    return null;
  }
}

/** localStorage, which outlives a restart of the kiosk's browser; null where it is refused. */
function browserStore(): SiteStore | null {
  try {
    const storage = globalThis.localStorage;
    if (!storage) return null;
    return {
      get: (key) => storage.getItem(key),
      set: (key, value) => {
        try {
          storage.setItem(key, value);
        } catch (error) {
          console.warn('The site file could not be kept for offline starts', error);
        }
      },
    };
  } catch {
    return null;
  }
}

async function fetchWithTimeout(url: string): Promise<{ status: number; text: string }> {
  // no-cache: the browser asks the server every start (a site file keeps its name when it changes).
  const response = await fetch(url, { cache: 'no-cache', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  return { status: response.status, text: response.status === 200 ? await response.text() : '' };
}
