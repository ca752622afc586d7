/**
 * What the server says about its builds, for the staff panel: `/build-status.json`, which `npm start`
 * serves beside the build (scripts/lib/serve-kiosk.ts, `BuildStatus`). Staff need to know when the
 * kiosk they look at is not what they last changed: a build that failed (the kiosk goes on showing
 * the last good one), one under way, or one waiting to take over between visits.
 *
 * Like the panel's other probes it settles, never throws: a kiosk served by nginx or a CDN has no
 * such file (404), and an offline kiosk cannot ask; both read as `null`, "nothing to report".
 */

export interface BuildReport {
  /** The build this page is running (the manifest's `build.id`). */
  running: string;
  /** The build the server now serves; differs from `running` until the kiosk takes it up between visits. */
  serving: string;
  /** A build of changed sources under way, since when (ISO time). */
  building: { id: string; since: string } | null;
  /** The last failed build: when, and the end of what it printed (the error, naming the file and field). */
  failed: { id: string; at: string; output: string } | null;
}

export const BUILD_STATUS_URL = '/build-status.json';

export async function readBuildStatus(running: string, fetchJson: (url: string) => Promise<Response> = (url) => fetch(url, { cache: 'no-store' })): Promise<BuildReport | null> {
  try {
    const response = await fetchJson(BUILD_STATUS_URL);
    if (!response.ok) return null;
    return parseBuildStatus(running, await response.json());
  } catch {
    return null;
  }
}

/** The report, or null when `json` is not what serve-kiosk writes (an older or foreign server). */
export function parseBuildStatus(running: string, json: unknown): BuildReport | null {
  if (!isRecord(json) || !isRecord(json.serving) || typeof json.serving.id !== 'string') return null;
  const building =
    isRecord(json.building) && typeof json.building.id === 'string' && typeof json.building.since === 'string' ? { id: json.building.id, since: json.building.since } : null;
  const failed =
    isRecord(json.failed) && typeof json.failed.id === 'string' && typeof json.failed.at === 'string' && typeof json.failed.output === 'string'
      ? { id: json.failed.id, at: json.failed.at, output: json.failed.output }
      : null;
  return { running, serving: json.serving.id, building, failed };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
