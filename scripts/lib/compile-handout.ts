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
import { parse as parseYaml } from 'yaml';
import type {
  Block,
  Handout,
  HandoutMeta,
  Section,
  Sentence,
  TextDirection,
  TextUnit,
  TranslationStatus,
  Word,
} from '../../src/content/model.ts';
import { InputError, type InputProblem } from './input-error.ts';
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
}

const SECTION_ID = /\s*\{#([a-z0-9]+(?:-[a-z0-9]+)*)\}\s*$/;
const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;
const TRANSLATION_STATUSES: readonly TranslationStatus[] = ['original', 'draft', 'reviewed'];

type DraftBlock =
  | { kind: 'paragraph'; text: string; line: number }
  | { kind: 'list'; ordered: boolean; items: string[]; line: number }
  | { kind: 'figure'; image: string; alt: string; caption: string; line: number };

interface DraftSection {
  id: string;
  heading: string;
  line: number;
  blocks: DraftBlock[];
}

export function compileHandout(source: string, options: CompileOptions): Handout {
  const problems: InputProblem[] = [];
  const report = (line: number | undefined, message: string) =>
    problems.push({ file: options.file, where: line ? `line ${line}` : undefined, message });

  const normalised = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const { meta, body, bodyLine } = splitFrontMatter(normalised, report);
  const tree = fromMarkdown(body);
  const lineOf = (node: { position?: { start: { line: number } } }) => (node.position?.start.line ?? 1) + bodyLine - 1;
  const fill = (text: string, line: number) =>
    text.replace(PLACEHOLDER, (whole, name: string) => {
      const value = options.placeholders[name];
      if (value === undefined) {
        report(line, `unknown placeholder ${whole}; known: ${Object.keys(options.placeholders).map((k) => `{${k}}`).join(', ')}`);
        return whole;
      }
      return value;
    });

  let title = '';
  const sections: DraftSection[] = [];
  for (const node of (tree as Root).children) {
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
      sections.push({ id, heading: fill(raw.replace(SECTION_ID, '').trim(), line), line, blocks: [] });
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
    if (block.kind === 'paragraph') block.text = fill(block.text, line);
    if (block.kind === 'list') block.items = block.items.map((item) => fill(item, line));
    if (block.kind === 'figure') {
      block.caption = fill(block.caption, line);
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
    const hasText = section.blocks.some((b) =>
      b.kind === 'paragraph' ? b.text.trim() : b.kind === 'list' ? b.items.some((i) => i.trim()) : false,
    );
    if (!hasText) report(section.line, `section "${section.id}" has no text`);
  }
  if (problems.length) throw new InputError(problems);

  return {
    id: meta.id,
    lang: options.lang,
    dir: options.dir,
    title,
    summary: meta.summary,
    meta: meta.meta,
    sections: sections.map((draft, index) => buildSection(draft, index, options.lang)),
  };
}

interface FrontMatter {
  id: string;
  summary: string;
  meta: HandoutMeta;
}

function splitFrontMatter(
  text: string,
  report: (line: number | undefined, message: string) => void,
): { meta: FrontMatter; body: string; bodyLine: number } {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  const empty: FrontMatter = { id: '', summary: '', meta: { source: '', licence: '', translation: 'original' } };
  if (!match) {
    report(1, 'the file must start with front matter between "---" lines (id, summary, source, licence, translation)');
    return { meta: empty, body: text, bodyLine: 1 };
  }
  const bodyLine = match[0].split('\n').length;
  let data: Record<string, unknown>;
  try {
    const parsed: unknown = parseYaml(match[1] as string);
    data = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch (error) {
    report(1, `front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
    return { meta: empty, body: text.slice(match[0].length), bodyLine };
  }
  const field = (name: string): string => {
    const value = data[name];
    if (typeof value === 'string' && value.trim()) return value.trim();
    report(2, `front matter field "${name}" is missing or empty`);
    return '';
  };
  const id = field('id');
  const summary = field('summary');
  const source = field('source');
  const licence = field('licence');
  const translation = field('translation') as TranslationStatus;
  if (translation && !TRANSLATION_STATUSES.includes(translation)) {
    report(2, `front matter field "translation" is "${translation}"; expected one of ${TRANSLATION_STATUSES.join(', ')}`);
  }
  const meta: HandoutMeta = { source, licence, translation };
  if (typeof data.reviewedBy === 'string') meta.reviewedBy = data.reviewedBy;
  const known = new Set(['id', 'summary', 'source', 'licence', 'translation', 'reviewedBy']);
  for (const key of Object.keys(data)) {
    if (!known.has(key)) report(2, `unknown front matter field "${key}"; known: ${[...known].join(', ')}`);
  }
  return { meta: { id, summary, meta }, body: text.slice(match[0].length), bodyLine };
}

function toBlock(
  node: Content,
  line: number,
  report: (line: number | undefined, message: string) => void,
): DraftBlock | null {
  switch (node.type) {
    case 'paragraph': {
      const only = node.children.length === 1 ? node.children[0] : undefined;
      if (only && only.type === 'image') {
        return { kind: 'figure', image: only.url, alt: collapse(only.alt ?? ''), caption: collapse(only.title ?? ''), line };
      }
      return { kind: 'paragraph', text: plainText(node), line };
    }
    case 'list':
      return {
        kind: 'list',
        ordered: Boolean(node.ordered),
        items: node.children.map((item) => plainText(item)).filter((text) => text.length > 0),
        line,
      };
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
        visit(child as Content, child.type === 'paragraph' ? '' : separator);
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
function buildSection(draft: DraftSection, index: number, lang: string): Section {
  const sentences: Sentence[] = [];
  const words: Word[] = [];
  let text = '';
  const unit = (piece: string, separator: string): TextUnit => {
    if (text) text += separator;
    const start = text.length;
    text += piece;
    const firstSentence = sentences.length;
    for (const found of segmentText(piece, lang, start)) {
      const firstWord = words.length;
      for (const w of found.words) {
        words.push({ id: `${draft.id}.w${words.length}`, index: words.length, start: w.start, end: w.end });
      }
      sentences.push({
        id: `${draft.id}.s${sentences.length}`,
        index: sentences.length,
        start: found.start,
        end: found.end,
        firstWord,
        wordCount: words.length - firstWord,
      });
    }
    return { start, end: text.length, firstSentence, sentenceCount: sentences.length - firstSentence };
  };

  const heading = unit(draft.heading, '');
  const blocks: Block[] = draft.blocks.map((block, i): Block => {
    const id = `${draft.id}.b${i}`;
    if (block.kind === 'paragraph') return { kind: 'paragraph', id, text: unit(block.text, '\n\n') };
    if (block.kind === 'list') {
      return {
        kind: 'list',
        id,
        ordered: block.ordered,
        items: block.items.map((item, n) => unit(item, n === 0 ? '\n\n' : '\n')),
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
  return { id: draft.id, index, text, heading, blocks, sentences, words, audio: null };
}
