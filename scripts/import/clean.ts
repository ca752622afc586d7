/**
 * Small text rules shared by every reader: tidying white space, spotting navigation noise, telling a
 * heading from a sentence by its shape, and spotting attribution and licence text.
 */

/**
 * Line endings to "\n"; no-break and other odd spaces to plain spaces; invisible characters (zero
 * width spaces, soft hyphens, a byte-order mark) removed. Curly quotes and dashes are kept: they are
 * good typography and the speech engine reads them as punctuation.
 */
export function normaliseText(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00A0\u2007\u202F\u2000-\u200A\u3000\t\f\v]/g, ' ')
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '');
}

/** One line of text: runs of white space become one space. */
export function collapse(text: string): string {
  return normaliseText(text).replace(/\s+/g, ' ').trim();
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** A short quote of some text for a report line. */
export function quote(text: string, max = 60): string {
  const one = collapse(text);
  return `"${one.length > max ? `${one.slice(0, max - 1).trimEnd()}…` : one}"`;
}

const NOISE_LINES = [
  /^main content$/i,
  /^skip (to|navigation)\b.*$/i,
  /^jump to (main )?content$/i,
  /^(back to|return to) top$/i,
  /^top of (the )?page$/i,
  /^(print|share|email)( this( page| handout)?)?$/i,
  /^(menu|search|home|navigation)$/i,
  /^(page\s+)?\d+(\s*(of|\/)\s*\d+)?$/i,
];

/** Breadcrumbs ("Home > Handouts > This one"): short pieces joined by arrows. */
const CRUMB_SEPARATOR = /\s+[>›»]\s+|\s*[>›»]\s{2,}/;

export type NoiseKind = 'navigation' | 'breadcrumb';

/** Why a line is navigation rather than content, or null when it is content. */
export function noiseKind(line: string): NoiseKind | null {
  const text = collapse(line);
  if (!text) return null;
  if (NOISE_LINES.some((pattern) => pattern.test(text))) return 'navigation';
  const crumbs = text.split(CRUMB_SEPARATOR);
  if (crumbs.length >= 2 && crumbs.every((crumb) => crumb && wordCount(crumb) <= 10 && !/[.!?]$/.test(crumb))) {
    return 'breadcrumb';
  }
  return null;
}

/** Ends a sentence (or a clause that leads into a list): such a line is not a heading. */
const SENTENCE_END = /[.!,;:…。！，；：۔।]["'”’)\]]*$/u;
const QUESTION_END = /[?？؟]["'”’)\]]*$/u;
const LIST_MARKER = /^\s*(?:[-*+•◦▪‣–—]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+/u;

export function isListLine(line: string): boolean {
  return LIST_MARKER.test(line);
}

export function stripListMarker(line: string): string {
  return line.replace(LIST_MARKER, '').trim();
}

export function isQuestion(line: string): boolean {
  return QUESTION_END.test(line.trim());
}

/**
 * Could this line be a heading? Short, with letters, not a list item, and not ending like a sentence;
 * a question mark is allowed ("What is it?"), and questions may be a little longer. Whether it really is
 * a heading depends on what follows it: the readers decide that.
 */
export function hasHeadingShape(line: string): boolean {
  const text = collapse(line);
  if (!text || !/\p{L}/u.test(text) || isListLine(line)) return false;
  if (SENTENCE_END.test(text)) return false;
  const limit = isQuestion(text) ? 20 : 12;
  return wordCount(text) <= limit && text.length <= 120;
}

/** Attribution or licence wording, as found at the foot of handouts. */
const LICENCE =
  /\b(licen[cs]e[ds]?|copyright|all rights reserved|disclaims?|warrant(y|ies)|liabilit(y|ies)|creative commons|cc[- ]by|used with permission|reproduced|reprinted|adapted (under|from|with|by))\b|©|\(c\)\s*\d{4}/i;
const ATTRIBUTION_START = /^(source|sources|adapted from|written by|reviewed by|author|authors|current as of|last (updated|reviewed)|updated|credits?)\b/i;

export function isLicenceText(text: string): boolean {
  return LICENCE.test(text) || ATTRIBUTION_START.test(text.trim());
}

/** Which of the licence sentences say where the text comes from, rather than how it may be used. */
export function isAttributionSentence(sentence: string): boolean {
  // Copyright and warranty wording says how the text may be used: that is the licence.
  if (/\b(warrant|liabilit|disclaim|advice|ask your|copyright|rights reserved)\w*|©|\(c\)\s*\d{4}/i.test(sentence)) return false;
  return ATTRIBUTION_START.test(sentence.trim()) || /\b(adapted|source|from|written|reviewed|updated|author|reproduced|reprinted)\b/i.test(sentence);
}

export function sentencesOf(text: string, lang = 'en'): string[] {
  const segmenter = new Intl.Segmenter(lang, { granularity: 'sentence' });
  return [...segmenter.segment(text)].map((s) => s.segment.trim()).filter(Boolean);
}
