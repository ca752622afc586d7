/**
 * Turns a handout file (Markdown with a little YAML front matter, written by clinic staff) into the
 * typed content model. Pure: text in, model or InputError out. The chain of steps is
 * front matter → Markdown tree → sections of plain-text blocks → one display string per section →
 * sentences and words with offsets into that string.
 *
 * Content is data: inline HTML in a handout is kept as literal text, never as markup.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Content, Parent, Root } from 'mdast';
import type { Block, GlossaryEntry, Handout, Section, Sentence, TermMark, TextDirection, TextUnit, Word } from '../../src/content/model.ts';
import { createHash } from 'node:crypto';
import { splitFrontMatter, type FrontMatter, type ReviewRecord } from './front-matter.ts';
import { InputError, type InputProblem } from './input-error.ts';
import { PLACEHOLDER, PLACEHOLDER_FIELDS } from './placeholders.ts';
import { group } from './regex.ts';
import { segmentText } from './segment.ts';

export interface CompileOptions {
  /** Path shown in error messages, relative to the project. */
  file: string;
  lang: string;
  dir: TextDirection;
  /** Values for `{name}` placeholders, e.g. `{ nurseLine: '811' }`. */
  placeholders: Record<string, string>;
  /** Figure file names that exist under locales/figures/. */
  figures: ReadonlySet<string>;
  /**
   * The language's glossary (locales/<lang>/glossary.json) by term id. A term marked in the handout
   * with no entry here is an error naming the file, the line and the term.
   */
  glossary?: Readonly<Record<string, GlossaryEntry>>;
  /** Where that glossary lives, for the message. */
  glossaryFile?: string;
}

const SECTION_ID = /\s*\{#([a-z0-9]+(?:-[a-z0-9]+)*)\}\s*$/;
/** Ends a paragraph or list item that a translation must keep: when to call 911, dose limits. */
const SAFETY_MARK = /\s*\{!safety\}\s*$/;
const ANY_MARK = /\{!([^}]*)\}/;
/**
 * A glossary term: `{?local-anaesthetic|medicine to numb the area}`, the id of its entry in the
 * language's glossary, then the words shown. The words stay in the text (read aloud, highlighted);
 * only the mark goes.
 */
export const TERM_MARK = /\{\?([a-z0-9]+(?:-[a-z0-9]+)*)\|([^{}|]+)\}/g;
const STRAY_TERM = /\{\?/;

type DraftBlock =
  | { kind: 'paragraph'; text: string; line: number }
  | { kind: 'list'; ordered: boolean; items: string[]; itemLines: number[]; line: number }
  | { kind: 'figure'; image: string; alt: string; caption: string; line: number };

interface DraftSection {
  id: string;
  heading: string;
  line: number;
  blocks: DraftBlock[];
  units: SourceUnit[];
}

/**
 * A heading, paragraph, list item or caption as written in the file: placeholders not yet filled, so
 * the checks compare `{poisonCentre}` with `{poisonCentre}` and not one site's digits.
 */
export interface SourceUnit {
  text: string;
  line: number;
  /** Marked `{!safety}`: every translation must keep its counterpart in the same section. */
  safety: boolean;
}

export interface SectionSource {
  id: string;
  line: number;
  units: SourceUnit[];
}

/** The compiled handout and what the build's checks need that the kiosk does not. */
export interface CompiledHandout {
  handout: Handout;
  file: string;
  sections: SectionSource[];
  review: ReviewRecord | null;
  /** Hash of what a reviewer reads: summary, source, licence and body (not the review fields). */
  fingerprint: string;
}

export function compileHandout(source: string, options: CompileOptions): Handout {
  return compileHandoutSource(source, options).handout;
}

export function compileHandoutSource(source: string, options: CompileOptions): CompiledHandout {
  const problems: InputProblem[] = [];
  const report = (line: number | undefined, message: string) => problems.push({ file: options.file, where: line ? `line ${line}` : undefined, message });
  const undefinedTerm = (id: string) => `glossary term "${id}" has no definition in ${options.glossaryFile ?? `locales/${options.lang}/glossary.json`}`;

  const normalised = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const { meta, body, bodyLine } = splitFrontMatter(normalised, report);
  const tree = fromMarkdown(body);
  const lineOf = (node: { position?: { start: { line: number } } }) => (node.position?.start.line ?? 1) + bodyLine - 1;
  const fill = (text: string, line: number) =>
    text.replace(PLACEHOLDER, (whole, name: string) => {
      const value = options.placeholders[name];
      if (value === undefined) {
        const field = (PLACEHOLDER_FIELDS as Record<string, string>)[name];
        report(
          line,
          field
            ? `${whole} needs ${field} in kiosk.config.json, which is not set`
            : `unknown placeholder ${whole}; known: ${Object.keys(PLACEHOLDER_FIELDS)
                .map((k) => `{${k}}`)
                .join(', ')}`,
        );
        return whole;
      }
      return value;
    });
  /** Takes the `{!safety}` mark off a unit's text and notes the unit, as written, for the checks. */
  const note = (section: DraftSection | undefined, raw: string, line: number, markable: boolean): string => {
    const safety = SAFETY_MARK.test(raw);
    const text = raw.replace(SAFETY_MARK, '');
    const stray = ANY_MARK.exec(text);
    if (stray) {
      report(line, stray[1] === 'safety' ? '{!safety} goes at the very end of a paragraph or list item' : `unknown mark ${stray[0]}; the only mark is {!safety}`);
    } else if (safety && !markable) {
      report(line, '{!safety} marks a paragraph or list item, not a heading or caption');
    }
    // The checks compare what a patient reads; a term's mark is not part of it.
    const terms = [...text.matchAll(TERM_MARK)];
    if (terms.length && !markable) report(line, 'a glossary term {?…|…} goes in a paragraph or list item, not a heading or caption');
    if (STRAY_TERM.test(text.replace(TERM_MARK, ''))) report(line, 'a glossary term is written {?term-id|the words shown}, such as {?liver|liver}');
    for (const match of terms) {
      const id = group(match, 1);
      if (!options.glossary?.[id]) report(line, undefinedTerm(id));
    }
    section?.units.push({ text: text.replace(TERM_MARK, '$2'), line, safety: safety && markable });
    return text;
  };

  let title = '';
  const sections: DraftSection[] = [];
  for (const node of tree.children) {
    const line = lineOf(node);
    const current = sections[sections.length - 1];
    if (node.type === 'heading' && node.depth === 1) {
      if (title) report(line, 'a second "# " title; a handout has one title');
      else if (sections.length) report(line, 'the "# " title must come before the first section');
      title = fill(plainText(node), line);
      continue;
    }
    if (node.type === 'heading' && node.depth === 2) {
      const raw = plainText(node);
      const match = SECTION_ID.exec(raw);
      if (!match) {
        report(line, `section heading "${raw}" needs an id at its end, such as {#what-it-is}; translations use the same ids`);
        continue;
      }
      const id = match[1] as string;
      if (sections.some((s) => s.id === id)) report(line, `section id "${id}" is used twice`);
      const section: DraftSection = { id, heading: '', line, blocks: [], units: [] };
      section.heading = fill(note(section, raw.replace(SECTION_ID, '').trim(), line, false), line);
      sections.push(section);
      continue;
    }
    if (node.type === 'heading') {
      report(line, `only "# " (title) and "## " (section) headings are allowed; found ${'#'.repeat(node.depth)}`);
      continue;
    }
    if (node.type === 'thematicBreak' || node.type === 'definition') continue;
    const block = toBlock(node, line, report);
    if (!block) continue;
    if (!current) {
      report(line, 'text before the first "## " section heading; put it inside a section');
      continue;
    }
    if (block.kind === 'paragraph') block.text = fill(note(current, block.text, line, true), line);
    if (block.kind === 'list') block.items = block.items.map((item, i) => fill(note(current, item, block.itemLines[i] ?? line, true), block.itemLines[i] ?? line));
    if (block.kind === 'figure') {
      block.caption = fill(note(current, block.caption, line, false), line);
      if (!options.figures.has(block.image)) {
        report(line, `figure "${block.image}" is not in locales/figures/ (found: ${[...options.figures].join(', ') || 'none'})`);
      }
      if (!block.alt.trim()) report(line, `figure "${block.image}" needs alt text: ![what the picture shows](${block.image})`);
    }
    current.blocks.push(block);
  }

  if (!title) report(undefined, 'the handout needs a "# " title line');
  if (!sections.length) report(undefined, 'the handout needs at least one "## " section');
  for (const section of sections) {
    const hasText = section.blocks.some((b) => (b.kind === 'paragraph' ? b.text.trim() : b.kind === 'list' ? b.items.some((i) => i.trim()) : false));
    if (!hasText) report(section.line, `section "${section.id}" has no text`);
  }
  if (problems.length) throw new InputError(problems);

  const handout: Handout = {
    id: meta.id,
    lang: options.lang,
    dir: options.dir,
    title,
    summary: meta.summary,
    topics: meta.topics,
    meta: meta.meta,
    sections: sections.map((draft, index) => buildSection(draft, index, options.lang, report)),
    glossary: {},
  };
  if (problems.length) throw new InputError(problems);
  const glossary: Record<string, GlossaryEntry> = {};
  for (const term of new Set(handout.sections.flatMap((s) => (s.terms ?? []).map((t) => t.term)))) {
    const entry = options.glossary?.[term];
    // Every marked term was checked for a definition above, and a missing one has stopped the build.
    if (!entry) throw new InputError([{ file: options.file, message: undefinedTerm(term) }]);
    glossary[term] = entry;
  }
  handout.glossary = glossary;
  return {
    handout,
    file: options.file,
    sections: sections.map(({ id, line, units }) => ({ id, line, units })),
    review: meta.review,
    fingerprint: fingerprintOf(meta, body),
  };
}

/**
 * What a reviewer signs off, reduced to a short hash: the summary, source and licence lines and the
 * body, with line endings and trailing spaces evened out. The review fields themselves are left out,
 * so recording a review does not change what was reviewed.
 */
function fingerprintOf(meta: FrontMatter, body: string): string {
  const text = [
    meta.summary,
    meta.meta.source,
    meta.meta.licence,
    body
      .split('\n')
      .map((l) => l.trimEnd())
      .join('\n')
      .trim(),
  ].join('\n\u0000\n');
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

function toBlock(node: Content, line: number, report: (line: number | undefined, message: string) => void): DraftBlock | null {
  switch (node.type) {
    case 'paragraph': {
      const only = node.children.length === 1 ? node.children[0] : undefined;
      if (only && only.type === 'image') {
        return { kind: 'figure', image: only.url, alt: collapse(only.alt ?? ''), caption: collapse(only.title ?? ''), line };
      }
      return { kind: 'paragraph', text: plainText(node), line };
    }
    case 'list':
      const items = node.children.map((item) => ({ text: plainText(item), line: line + (item.position?.start.line ?? 0) - (node.position?.start.line ?? 0) }));
      const kept = items.filter((item) => item.text.length > 0);
      return { kind: 'list', ordered: Boolean(node.ordered), items: kept.map((i) => i.text), itemLines: kept.map((i) => i.line), line };
    case 'blockquote':
    case 'code':
    case 'html':
      // Shown as plain text: a stray <script> in a handout is words on screen, never markup.
      return { kind: 'paragraph', text: plainText(node), line };
    default:
      report(line, `"${node.type}" is not supported in a handout; use paragraphs, "- " lists and one image per figure`);
      return null;
  }
}

/** The visible text of a Markdown node: emphasis and links flattened, inline HTML kept literally. */
function plainText(node: Content | Root): string {
  const parts: string[] = [];
  const visit = (n: Content | Root, separator: string) => {
    if ('value' in n && typeof n.value === 'string') {
      parts.push(n.value);
      return;
    }
    if (n.type === 'break') {
      parts.push(' ');
      return;
    }
    if (n.type === 'image') {
      parts.push(n.alt ?? '');
      return;
    }
    if ('children' in n) {
      (n as Parent).children.forEach((child, i) => {
        if (i > 0 && separator) parts.push(separator);
        visit(child, child.type === 'paragraph' ? '' : separator);
      });
    }
  };
  visit(node, node.type === 'listItem' || node.type === 'blockquote' || node.type === 'root' ? ' ' : '');
  return collapse(parts.join(''));
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Lays a section's text out as one string and segments each piece at its offset in it. */
function buildSection(draft: DraftSection, index: number, lang: string, report: (line: number | undefined, message: string) => void): Section {
  const sentences: Sentence[] = [];
  const words: Word[] = [];
  const terms: TermMark[] = [];
  let text = '';
  const unit = (marked: string, separator: string, line?: number): TextUnit => {
    if (text) text += separator;
    const start = text.length;
    // Take the term marks out, noting where their words fall in the plain text.
    const marks: { term: string; start: number; end: number }[] = [];
    let piece = '';
    let last = 0;
    for (const match of marked.matchAll(TERM_MARK)) {
      piece += marked.slice(last, match.index);
      const shown = group(match, 2);
      marks.push({ term: group(match, 1), start: start + piece.length, end: start + piece.length + shown.length });
      piece += shown;
      last = match.index + match[0].length;
    }
    piece += marked.slice(last);
    text += piece;
    const firstSentence = sentences.length;
    for (const found of segmentText(piece, lang, start)) {
      const firstWord = words.length;
      for (const w of found.words) {
        words.push({ index: words.length, start: w.start, end: w.end });
      }
      sentences.push({
        index: sentences.length,
        start: found.start,
        end: found.end,
        firstWord,
        wordCount: words.length - firstWord,
      });
    }
    for (const mark of marks) {
      // Snapped out to whole words: "L’ablation" is one word, though the mark may start at "ablation".
      const covered = words.filter((w) => w.end > mark.start && w.start < mark.end);
      const sentence = sentences.find((s) => s.start <= mark.start && mark.start < s.end);
      const [first] = covered;
      const lastWord = covered.at(-1);
      if (!first || !lastWord || !sentence) {
        report(line, `glossary term "${mark.term}" marks no word`);
        continue;
      }
      if (lastWord.index >= sentence.firstWord + sentence.wordCount) {
        report(line, `glossary term "${mark.term}" runs across two sentences; mark words within one sentence`);
        continue;
      }
      terms.push({ term: mark.term, start: first.start, end: lastWord.end, firstWord: first.index, wordCount: covered.length });
    }
    return { start, end: text.length, firstSentence, sentenceCount: sentences.length - firstSentence };
  };

  const heading = unit(draft.heading, '');
  const blocks: Block[] = draft.blocks.map((block, i): Block => {
    const id = `${draft.id}.b${i}`;
    if (block.kind === 'paragraph') return { kind: 'paragraph', id, text: unit(block.text, '\n\n', block.line) };
    if (block.kind === 'list') {
      return {
        kind: 'list',
        id,
        ordered: block.ordered,
        items: block.items.map((item, n) => unit(item, n === 0 ? '\n\n' : '\n', block.itemLines[n] ?? block.line)),
      };
    }
    return {
      kind: 'figure',
      id,
      image: block.image,
      src: block.image,
      alt: block.alt,
      caption: block.caption ? unit(block.caption, '\n\n') : null,
    };
  });
  return { id: draft.id, index, text, heading, blocks, sentences, words, terms, audio: null };
}
