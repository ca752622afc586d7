/**
 * HTTP Range (RFC 9110 §14) for one file: what an audio element asks for when the patient taps a word
 * in the middle of a section, or the browser probes a file's length. One range only; a request for
 * several is answered with the whole file, which the RFC allows and no media element sends.
 */
export type RangeAnswer =
  /** Send these bytes, inclusive, with 206. */
  | { kind: 'partial'; start: number; end: number }
  /** No byte of the file is in the range: 416 with the file's size. */
  | { kind: 'unsatisfiable' }
  /** No usable Range header (none, another unit, several ranges, or malformed): send the whole file. */
  | { kind: 'whole' };

const SINGLE = /^bytes=[ \t]*(\d*)[ \t]*-[ \t]*(\d*)[ \t]*$/i;

export function parseRange(header: string | undefined, size: number): RangeAnswer {
  if (!header) return { kind: 'whole' };
  const match = SINGLE.exec(header);
  // A malformed header is ignored, not refused (RFC 9110 §14.2): the client still gets the file.
  if (!match) return { kind: 'whole' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'whole' };
  if (first === '') {
    // A suffix range: the last N bytes ("bytes=-500").
    const length = Number(last);
    if (length === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return { kind: 'whole' }; // invalid: ignored
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end };
}
