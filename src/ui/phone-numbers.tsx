/**
 * Phone numbers read left to right in right-to-left text. In Arabic, Urdu or Farsi the Unicode bidi
 * rules turn each group of digits into an "Arabic number" and lay the groups out from the right, so
 * "1-844-764-7669" shows as "7669-764-844-1": a patient copying down the poison centre would dial
 * the wrong number. A number of three or more groups joined by hyphens or single spaces (how the
 * config's numbers are written, and spelled ones such as "1-844-POISON-X") is isolated left to right,
 * whatever the text around it; a range such as "500-1000" (two groups) keeps the text's own order.
 */
import type { ComponentChildren } from 'preact';

const PHONE_NUMBER = /\d+(?:[ -](?:\d+|[A-Z]+)){2,}/g;

/** Where phone numbers are in `text`, as [start, end) character offsets in order. */
export function phoneNumberRuns(text: string): [number, number][] {
  return [...text.matchAll(PHONE_NUMBER)].map((match) => [match.index, match.index + match[0].length]);
}

/** An isolate that keeps its content left to right (`dir` on an element isolates it in HTML). */
export function LeftToRight({ children }: { children: ComponentChildren }) {
  return <bdi dir="ltr">{children}</bdi>;
}

/** Plain text, with each phone number in it isolated left to right. */
export function TextWithPhoneNumbers({ text }: { text: string }) {
  const runs = phoneNumberRuns(text);
  if (!runs.length) return <>{text}</>;
  const out: ComponentChildren[] = [];
  let cursor = 0;
  for (const [start, end] of runs) {
    if (start > cursor) out.push(text.slice(cursor, start));
    out.push(<LeftToRight key={start}>{text.slice(start, end)}</LeftToRight>);
    cursor = end;
  }
  if (cursor < text.length) out.push(text.slice(cursor));
  return <>{out}</>;
}
