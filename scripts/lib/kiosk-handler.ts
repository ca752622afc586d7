/**
 * The `npm start` server's requests: `/build-status.json` from memory, everything else from the build
 * being served, which can change under a running server (a new build switched in).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SECURITY_HEADERS } from '../server/security-headers.ts';
import type { StaticSite } from '../server/static-site.ts';

/** What `/build-status.json` says. Read by src/screens/staff/build-status.ts: keep the two in step. */
export interface BuildStatus {
  /** The build being served. */
  serving: { id: string };
  /** A build of changed sources, under way. */
  building: { id: string; since: string } | null;
  /** The last build that failed since this server started: the last good build is still served. */
  failed: { id: string; at: string; output: string } | null;
}

export const STATUS_PATH = '/build-status.json';

export function kioskHandler(site: () => StaticSite, status: () => BuildStatus) {
  return (request: IncomingMessage, response: ServerResponse) => {
    if ((request.url ?? '').split('?')[0] === STATUS_PATH && (request.method === 'GET' || request.method === 'HEAD')) {
      const body = JSON.stringify(status());
      response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(body) });
      response.end(request.method === 'HEAD' ? undefined : body);
      return;
    }
    site().handle(request, response);
  };
}
