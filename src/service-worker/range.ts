/**
 * HTTP Range answers built from a cached full response. The media element asks for byte ranges
 * (`Range: bytes=0-`, then more as it seeks), and Chromium will not play or seek an <audio> whose
 * range request gets a plain 200 from a service worker; so a cached file is sliced into a 206 here.
 * RFC 9110 §14.
 */

export type ByteRange = { start: number; end: number };

/**
 * One `bytes=` range resolved against a body of `size` bytes: the inclusive range, `'unsatisfiable'`
 * (answer 416), or null where the header is absent, malformed or asks for several ranges (answer the
 * whole body with 200, as the RFC allows).
 */
export function parseRange(header: string | null, size: number): ByteRange | 'unsatisfiable' | null {
  const match = header ? /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/.exec(header.trim()) : null;
  if (!match) return null;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return null;
  if (first === '') {
    // A suffix range: the last N bytes.
    const length = Number(last);
    if (length === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size) return 'unsatisfiable';
  if (end < start) return null;
  return { start, end };
}

/** The part of `full` that `rangeHeader` asks for, as a 206 (or 416, or the whole body as 200). */
export async function rangeResponse(full: Response, rangeHeader: string): Promise<Response> {
  const body = await full.blob();
  const type = full.headers.get('content-type') ?? body.type;
  const range = parseRange(rangeHeader, body.size);
  if (range === 'unsatisfiable') {
    return new Response(null, { status: 416, statusText: 'Range Not Satisfiable', headers: { 'content-range': `bytes */${body.size}` } });
  }
  if (range === null) {
    return new Response(body, { status: 200, headers: { 'content-type': type, 'content-length': String(body.size), 'accept-ranges': 'bytes' } });
  }
  const part = body.slice(range.start, range.end + 1, type);
  return new Response(part, {
    status: 206,
    statusText: 'Partial Content',
    headers: {
      'content-type': type,
      'content-length': String(part.size),
      'content-range': `bytes ${range.start}-${range.end}/${body.size}`,
      'accept-ranges': 'bytes',
    },
  });
}
