/**
 * Markdown → elements, with mdast (the same parser the handout compiler uses). Front matter, where the
 * file has it, gives the id, summary, source and licence. Inline HTML is never kept as markup: tags
 * are dropped, the text between them is kept, and a script or style loses its content too. Block HTML
 * goes through the HTML reader, so an `<img alt>` or a `<p>` in a Markdown file still counts.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Content, List, PhrasingContent, RootContent } from 'mdast';
import { parse as parseYaml } from 'yaml';
import { collapse, normaliseText, quote } from './clean.ts';
import type { Element, ReadResult, SourceMeta } from './draft.ts';
import { imageName, joinNested, readHtml } from './html.ts';

const HEADING_ID = /\s*\{#([A-Za-z0-9_-]+)\}\s*$/;
const HIDDEN_TAGS = /^<(script|style|noscript|template|iframe|object|svg)\b/i;

export function readMarkdown(source: string): ReadResult {
  const dropped: string[] = [];
  const notes: string[] = [];
  const { meta, body } = frontMatter(normaliseText(source), notes);
  const tree = fromMarkdown(body);
  const elements: Element[] = [];

  const visit = (node: RootContent) => {
    switch (node.type) {
      case 'heading': {
        const raw = inlineText(node.children, dropped);
        const id = HEADING_ID.exec(raw)?.[1];
        const text = raw.replace(HEADING_ID, '').trim();
        if (text) elements.push(id ? { kind: 'heading', level: node.depth, text, id: id.toLowerCase() } : { kind: 'heading', level: node.depth, text });
        return;
      }
      case 'paragraph': {
        const text = inlineText(node.children, dropped);
        if (text) elements.push({ kind: 'paragraph', text });
        for (const image of imagesIn(node.children)) {
          elements.push({ kind: 'figure', image: imageName(image.url), alt: collapse(image.alt ?? ''), caption: collapse(image.title ?? '') });
        }
        return;
      }
      case 'list':
        elements.push({ kind: 'list', ordered: Boolean(node.ordered), items: listItems(node, dropped) });
        return;
      case 'blockquote':
        node.children.forEach((child) => visit(child));
        return;
      case 'code': {
        const text = collapse(node.value);
        if (text) {
          elements.push({ kind: 'paragraph', text });
          notes.push(`code block ${quote(text)} kept as a paragraph`);
        }
        return;
      }
      case 'html': {
        const html = readHtml(node.value, { fragment: true });
        elements.push(...html.elements);
        dropped.push(...html.dropped);
        return;
      }
      case 'thematicBreak':
      case 'definition':
        return;
      default:
        dropped.push(`${node.type}: ${quote(collapse(JSON.stringify(node).slice(0, 60)))}`);
    }
  };
  tree.children.forEach(visit);
  return { elements, meta, dropped, notes };
}

function frontMatter(text: string, notes: string[]): { meta: SourceMeta; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!match) return { meta: {}, body: text };
  const meta: SourceMeta = {};
  try {
    const data = parseYaml(match[1] as string) as Record<string, unknown> | null;
    const field = (...names: string[]) => {
      for (const name of names) {
        const value = data?.[name];
        if (typeof value === 'string' && value.trim()) return collapse(value);
      }
      return undefined;
    };
    const values: SourceMeta = {
      id: field('id'),
      title: field('title'),
      summary: field('summary', 'description'),
      source: field('source', 'author', 'attribution'),
      licence: field('licence', 'license', 'copyright', 'rights'),
    };
    for (const [key, value] of Object.entries(values)) if (value) meta[key as keyof SourceMeta] = value;
    notes.push(`front matter read: ${Object.keys(meta).join(', ') || 'nothing usable'}`);
  } catch {
    notes.push('front matter is not valid YAML; ignored');
  }
  return { meta, body: text.slice(match[0].length) };
}

/** The words of inline content. Tags are dropped; inside a script or style, the words go too. */
function inlineText(children: PhrasingContent[], dropped: string[]): string {
  const parts: string[] = [];
  let hiddenUntil: string | null = null;
  const visit = (node: PhrasingContent) => {
    if (node.type === 'html') {
      const value = node.value;
      if (hiddenUntil) {
        if (new RegExp(`^</${hiddenUntil}\\s*>`, 'i').test(value)) hiddenUntil = null;
        return;
      }
      const hidden = HIDDEN_TAGS.exec(value);
      if (hidden) {
        dropped.push(`<${(hidden[1] as string).toLowerCase()}>: ${quote(value)}`);
        if (!new RegExp(`</${hidden[1]}\\s*>`, 'i').test(value) && !value.endsWith('/>')) hiddenUntil = (hidden[1] as string).toLowerCase();
        return;
      }
      if (/^<br\b/i.test(value)) parts.push(' ');
      else dropped.push(`markup: ${quote(value, 30)}`);
      return;
    }
    if (hiddenUntil) {
      if (node.type === 'text' || node.type === 'inlineCode') dropped.push(`script or style text: ${quote(node.value)}`);
      return;
    }
    if (node.type === 'text' || node.type === 'inlineCode') parts.push(node.value);
    else if (node.type === 'break') parts.push(' ');
    else if (node.type === 'image' || node.type === 'imageReference') return;
    else if ('children' in node) node.children.forEach(visit);
  };
  children.forEach(visit);
  return collapse(parts.join(''));
}

function imagesIn(children: PhrasingContent[]): Array<{ url: string; alt?: string | null; title?: string | null }> {
  const found: Array<{ url: string; alt?: string | null; title?: string | null }> = [];
  const visit = (node: PhrasingContent) => {
    if (node.type === 'image') found.push(node);
    else if ('children' in node) node.children.forEach(visit);
  };
  children.forEach(visit);
  return found;
}

/** Each item's words; a nested list is joined into its item (the kiosk's lists are one level deep). */
function listItems(list: List, dropped: string[]): string[] {
  const items: string[] = [];
  for (const item of list.children) {
    const own: string[] = [];
    const nested: string[] = [];
    for (const child of item.children as Content[]) {
      if (child.type === 'list') nested.push(...listItems(child, dropped));
      else if (child.type === 'paragraph' || child.type === 'heading') own.push(inlineText(child.children, dropped));
      else if (child.type === 'html')
        own.push(
          readHtml(child.value, { fragment: true })
            .elements.map((e) => ('text' in e ? e.text : ''))
            .join(' '),
        );
    }
    const text = joinNested(collapse(own.join(' ')), nested);
    if (text) items.push(text);
  }
  return items;
}
