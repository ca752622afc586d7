/**
 * Plain text → elements. Text copied out of a web page or a PDF has no markup, so structure is read
 * from the shape of the lines: a short line with no closing full stop, followed by a paragraph, is a
 * heading; a line of that shape just after the title and followed by a heading is a figure caption;
 * lines starting with a bullet or number are list items; everything else is paragraph text.
 */
import { collapse, hasHeadingShape, isListLine, isQuestion, noiseKind, normaliseText, quote, stripListMarker, wordCount } from './clean.ts';
import type { Element, ReadResult } from './draft.ts';

/** A caption that says so: "Figure 1: …", "Image – …", "[Picture: …]". */
const CAPTION_PREFIX = /^\[?\s*(figure|fig\.|image|illustration|picture|photo|diagram)\s*\d*\s*[:.–—-]\s*/i;

type Piece = { kind: 'line'; text: string } | { kind: 'paragraph'; text: string } | { kind: 'list'; ordered: boolean; items: string[] };

export function readPlainText(source: string): ReadResult {
  const dropped: string[] = [];
  const notes: string[] = [];
  const text = stripStrayMarkup(normaliseText(source), dropped);

  const pieces: Piece[] = [];
  for (const chunk of text.split(/\n\s*\n/)) {
    const lines = chunk.split('\n').filter((line) => {
      const kind = noiseKind(line);
      if (kind) dropped.push(`${kind}: ${quote(line)}`);
      return Boolean(line.trim()) && !kind;
    });
    for (const piece of piecesOfChunk(lines)) {
      // List items with blank lines between them are still one list.
      const last = pieces[pieces.length - 1];
      if (piece.kind === 'list' && last?.kind === 'list' && last.ordered === piece.ordered) last.items.push(...piece.items);
      else pieces.push(piece);
    }
  }

  const elements: Element[] = [];
  let title = false;
  let sectionSeen = false;
  let paragraphSeen = false;
  pieces.forEach((piece, i) => {
    if (piece.kind === 'list') {
      elements.push(piece);
      return;
    }
    const captioned = CAPTION_PREFIX.exec(piece.text);
    if (captioned) {
      const caption = piece.text
        .slice(captioned[0].length)
        .replace(/\]\s*$/, '')
        .trim();
      elements.push({ kind: 'figure', image: null, alt: caption, caption });
      return;
    }
    const next = pieces[i + 1];
    const nextIsHeading = next?.kind === 'line' && hasHeadingShape(next.text);
    if (title && !sectionSeen && piece.kind === 'line' && nextIsHeading && looksLikeCaption(piece.text)) {
      // Between the title and the first heading, a line that leads into nothing is a picture's caption.
      elements.push({ kind: 'figure', image: null, alt: piece.text, caption: piece.text });
      return;
    }
    if (piece.kind === 'paragraph' || !hasHeadingShape(piece.text)) {
      elements.push({ kind: 'paragraph', text: piece.text });
      paragraphSeen = true;
      return;
    }
    const line = sentenceCaseIfShouting(piece.text, notes);
    if (!title && !sectionSeen && !paragraphSeen) {
      title = true;
      elements.push({ kind: 'heading', level: 1, text: line });
      return;
    }
    sectionSeen = true;
    elements.push({ kind: 'heading', level: 2, text: line });
  });
  return { elements, meta: {}, dropped, notes };
}

/** A caption is a phrase, not a sentence: no closing full stop, and not too long. */
function looksLikeCaption(line: string): boolean {
  return !/[.!?…:;。！？؟]["'”’)\]]*$/u.test(line) && wordCount(line) <= 30;
}

/** A blank-line-separated chunk → a heading line, paragraphs and lists. */
function piecesOfChunk(lines: string[]): Piece[] {
  const pieces: Piece[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;
  const flush = () => {
    if (paragraph.length) {
      const text = collapse(paragraph.join(' '));
      pieces.push(paragraph.length === 1 ? { kind: 'line', text } : { kind: 'paragraph', text });
    }
    if (list) pieces.push({ kind: 'list', ordered: list.ordered, items: list.items.filter(Boolean) });
    paragraph = [];
    list = null;
  };
  lines.forEach((line, i) => {
    if (isListLine(line)) {
      if (paragraph.length) flush();
      const ordered = /^\s*\(?\d/.test(line);
      if (!list) list = { ordered, items: [] };
      list.items.push(collapse(stripListMarker(line)));
      return;
    }
    if (list) {
      // An indented or lower-case line after an item carries on that item (text wrapped by a PDF).
      const last = list.items.length - 1;
      if (/^\s+\S/.test(line) || /^\s*\p{Ll}/u.test(line)) {
        list.items[last] = collapse(`${list.items[last] ?? ''} ${line}`);
        return;
      }
      flush();
    }
    const next = lines[i + 1];
    if (!paragraph.length && next !== undefined && !isListLine(next) && startsHeading(line, next)) {
      pieces.push({ kind: 'line', text: collapse(line) });
      return;
    }
    paragraph.push(line);
  });
  flush();
  return pieces;
}

/**
 * A heading with its paragraph right under it (no blank line), as text from a PDF often comes. A line
 * wrapped by the PDF is about as long as the next one and the next one goes on in lower case; a
 * heading is much shorter and the next line starts a new sentence.
 */
function startsHeading(line: string, next: string): boolean {
  if (!hasHeadingShape(line)) return false;
  if (isQuestion(line)) return true;
  return /^\s*[\p{Lu}\p{N}]/u.test(next) && collapse(line).length < 0.6 * collapse(next).length;
}

/** "WHAT TO EXPECT" → "What to expect": capitals are harder to read and may be spelled out by a voice. */
function sentenceCaseIfShouting(line: string, notes: string[]): string {
  const letters = line.replace(/[^\p{L}]/gu, '');
  if (letters.length < 4 || letters !== letters.toUpperCase() || letters === letters.toLowerCase()) return line;
  const lowered = line.toLowerCase();
  const result = lowered.replace(/\p{L}/u, (first) => first.toUpperCase());
  notes.push(`heading in capitals ${quote(line)} written as ${quote(result)}; check proper names`);
  return result;
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
  copy: '©',
  reg: '®',
  trade: '™',
  shy: '',
};

/** Text pasted from a web page can carry tags and entities: scripts and styles go whole, tags go, entities are decoded. */
function stripStrayMarkup(text: string, dropped: string[]): string {
  let out = text.replace(/<(script|style|noscript|template)\b[^>]*>[\s\S]*?(<\/\1\s*>|$)/gi, (whole, tag: string) => {
    dropped.push(`<${tag.toLowerCase()}>: ${quote(whole)}`);
    return '\n';
  });
  out = out.replace(/<!--[\s\S]*?(-->|$)/g, '');
  let tags = 0;
  // A pasted HTML list keeps its shape: each <li> becomes a "- " line.
  out = out.replace(/<li\b[^>]*>/gi, () => {
    tags += 1;
    return '\n- ';
  });
  out = out.replace(/<\/?[a-z][a-z0-9-]*(\s[^<>]*)?\/?>/gi, (tag) => {
    tags += 1;
    return /^<(br|\/p|\/li|\/h\d|\/div)\b/i.test(tag) ? '\n' : '';
  });
  if (tags) dropped.push(`markup: ${tags} HTML tag${tags === 1 ? '' : 's'} in the text`);
  return out.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? normaliseText(String.fromCodePoint(code)) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}
