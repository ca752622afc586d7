/**
 * HTML → elements, with parse5 (the HTML standard's parsing algorithm, so broken real-world markup is
 * read the way a browser reads it). Headings, paragraphs, lists, figures and images with alt text are
 * kept; scripts, styles, forms, navigation, breadcrumbs and "skip to" links are dropped and listed.
 * Nothing from the page is kept as markup: only its words.
 */
import { parse, parseFragment, type DefaultTreeAdapterTypes as T } from 'parse5';
import { collapse, isLicenceText, noiseKind, quote } from './clean.ts';
import type { Element, ReadResult, SourceMeta } from './draft.ts';

/** Never content: their words are dropped with them. */
const DROPPED_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'nav',
  'iframe',
  'object',
  'embed',
  'form',
  'button',
  'input',
  'select',
  'textarea',
  'svg',
  'canvas',
  'video',
  'audio',
  'map',
  'link',
  'meta',
  'head',
]);
/** Dropped without a mention: they never hold words. */
const SILENT_TAGS = new Set(['meta', 'link']);
const INLINE_TAGS = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'code',
  'data',
  'dfn',
  'em',
  'font',
  'i',
  'kbd',
  'label',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
  'wbr',
  'br',
  'img',
  'picture',
  'del',
  'ins',
]);
const NOISE_CLASS = /(^|[\s_-])(breadcrumbs?|skip|skiplink|navbar|nav|menu|cookies?|share|social|print)([\s_-]|$)/i;
const NOISE_ROLE = /^(navigation|search|menubar|menu|toolbar)$/i;

export interface HtmlOptions {
  /** Parse as a piece of a page (block HTML inside Markdown) rather than a whole document. */
  fragment?: boolean;
}

export function readHtml(source: string, options: HtmlOptions = {}): ReadResult {
  const root = options.fragment ? parseFragment(source) : parse(source);
  const elements: Element[] = [];
  const dropped: string[] = [];
  const notes: string[] = [];
  const meta: SourceMeta = {};
  let loose: string[] = [];
  let looseFigures: Element[] = [];

  const flush = () => {
    const text = collapse(loose.join(''));
    if (text) pushParagraph(text);
    elements.push(...looseFigures);
    loose = [];
    looseFigures = [];
  };
  const pushParagraph = (text: string, inFooter = false) => {
    const noise = noiseKind(text);
    if (noise) dropped.push(`${noise}: ${quote(text)}`);
    else if (inFooter && !isLicenceText(text)) dropped.push(`footer: ${quote(text)}`);
    else elements.push({ kind: 'paragraph', text });
  };

  const visit = (node: T.ChildNode, inFooter: boolean) => {
    if (node.nodeName === '#text') {
      loose.push((node as T.TextNode).value);
      return;
    }
    if (!('tagName' in node)) return;
    const el = node;
    const tag = el.tagName;
    if (tag === 'head') {
      readHead(el, meta);
      return;
    }
    const why = dropReason(el);
    if (why) {
      if (SILENT_TAGS.has(tag)) return;
      const words = collapse(textOf(el, []));
      dropped.push(`${why}${words ? `: ${quote(words)}` : ''}`);
      return;
    }
    if (INLINE_TAGS.has(tag)) {
      if (tag === 'br') loose.push(' ');
      else if (tag === 'img') {
        const figure = imageFigure(el, '', dropped);
        if (figure) looseFigures.push(figure);
      } else loose.push(textOf(el, looseFigures, dropped));
      return;
    }
    flush();
    const footer = inFooter || tag === 'footer' || attr(el, 'role') === 'contentinfo';
    if (/^h[1-6]$/.test(tag)) {
      const text = collapse(textOf(el, [], dropped));
      const noise = noiseKind(text);
      if (noise) dropped.push(`${noise}: ${quote(text)}`);
      else if (text) {
        const id = attr(el, 'id');
        elements.push(id ? { kind: 'heading', level: Number(tag[1]), text, id } : { kind: 'heading', level: Number(tag[1]), text });
      }
      return;
    }
    if (tag === 'p' || tag === 'pre' || tag === 'address') {
      const figures: Element[] = [];
      const text = collapse(textOf(el, figures, dropped));
      if (text) pushParagraph(text, footer);
      elements.push(...figures);
      return;
    }
    if (tag === 'ul' || tag === 'ol') {
      const items = listItems(el, dropped);
      if (items.length) elements.push({ kind: 'list', ordered: tag === 'ol', items });
      return;
    }
    if (tag === 'figure') {
      elements.push(...figureOf(el, dropped));
      return;
    }
    if (tag === 'table') {
      const rows = descendants(el, 'tr')
        .map((row) => row.childNodes.filter((c): c is T.Element => 'tagName' in c && (c.tagName === 'td' || c.tagName === 'th')))
        // A header row only names the columns; each data row reads as "cell: cell".
        .filter((cells) => cells.some((c) => c.tagName === 'td'))
        .map((cells) =>
          cells
            .map((cell) => collapse(textOf(cell, [], dropped)))
            .filter(Boolean)
            .join(': '),
        )
        .filter(Boolean);
      if (rows.length) {
        elements.push({ kind: 'list', ordered: false, items: rows });
        notes.push(`table of ${rows.length} rows turned into a list; check it reads well`);
      }
      return;
    }
    if (tag === 'dl') {
      const items: string[] = [];
      for (const child of el.childNodes) {
        if (!('tagName' in child)) continue;
        const text = collapse(textOf(child, [], dropped));
        if (!text) continue;
        if (child.tagName === 'dt') items.push(text);
        else if (child.tagName === 'dd') items[items.length - 1] = items.length ? `${items[items.length - 1]}: ${text}` : text;
      }
      if (items.length) elements.push({ kind: 'list', ordered: false, items });
      return;
    }
    // Any other element (div, section, article, main, header, footer, blockquote, …) is a container.
    const children = tag === 'template' ? [] : el.childNodes;
    children.forEach((child) => visit(child, footer));
    flush();
  };

  const top = options.fragment ? root.childNodes : (root as T.Document).childNodes;
  top.forEach((node) => visit(node, false));
  flush();
  return { elements, meta, dropped, notes };
}

/** The file name of an image from its URL, or null when it has none (a data: URI, an empty src). */
export function imageName(src: string | undefined | null): string | null {
  if (!src || /^data:/i.test(src)) return null;
  const path = src.split(/[?#]/)[0] ?? '';
  let name = path.split('/').pop() ?? '';
  try {
    name = decodeURIComponent(name);
  } catch {
    // keep it as written
  }
  name = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '');
  return name || null;
}

function attr(el: T.Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

function dropReason(el: T.Element): string | null {
  if (DROPPED_TAGS.has(el.tagName)) return `<${el.tagName}>`;
  if (attr(el, 'hidden') !== undefined || attr(el, 'aria-hidden') === 'true') return `hidden <${el.tagName}>`;
  const role = attr(el, 'role');
  if (role && NOISE_ROLE.test(role)) return `role="${role}"`;
  const marks = `${attr(el, 'class') ?? ''} ${attr(el, 'id') ?? ''}`;
  const noise = NOISE_CLASS.exec(marks);
  if (noise) return `${noise[2]?.toLowerCase()} (<${el.tagName}>)`;
  if (el.tagName === 'a' && /^\s*skip\b/i.test(textOf(el, []))) return 'skip link';
  return null;
}

/**
 * The words in an element, with inline markup flattened. Images inside are collected in `figures`
 * (they are figures, not words); dropped elements lose their words.
 */
function textOf(node: T.ParentNode, figures: Element[], dropped?: string[]): string {
  const parts: string[] = [];
  for (const child of node.childNodes) {
    if (child.nodeName === '#text') parts.push((child as T.TextNode).value);
    else if ('tagName' in child) {
      const why = dropReason(child);
      if (why) {
        if (dropped) dropped.push(`${why}${collapse(textOf(child, [])) ? `: ${quote(textOf(child, []))}` : ''}`);
        continue;
      }
      if (child.tagName === 'br') parts.push(' ');
      else if (child.tagName === 'img') {
        const figure = imageFigure(child, '', dropped);
        if (figure) figures.push(figure);
      } else {
        const inner = textOf(child, figures, dropped);
        // Block children inside (a <div> in an <li>) are separated by a space.
        parts.push(INLINE_TAGS.has(child.tagName) ? inner : ` ${inner} `);
      }
    }
  }
  return parts.join('');
}

function imageFigure(img: T.Element, caption: string, dropped?: string[]): Element | null {
  const alt = attr(img, 'alt');
  const src = attr(img, 'src');
  if (alt !== undefined && !alt.trim() && !caption) {
    // alt="" is the author saying the picture is decoration.
    dropped?.push(`decorative image (alt=""): ${quote(src ?? '')}`);
    return null;
  }
  return { kind: 'figure', image: imageName(src), alt: collapse(alt ?? ''), caption: collapse(caption || attr(img, 'title') || '') };
}

function figureOf(figure: T.Element, dropped: string[]): Element[] {
  const captionEl = descendants(figure, 'figcaption')[0];
  const caption = captionEl ? collapse(textOf(captionEl, [], dropped)) : '';
  const images = descendants(figure, 'img');
  if (!images.length) return caption ? [{ kind: 'figure', image: null, alt: caption, caption }] : [];
  return images.map((img) => imageFigure(img, caption, dropped)).filter((f): f is Element => f !== null);
}

function listItems(list: T.Element, dropped: string[]): string[] {
  const items: string[] = [];
  for (const li of list.childNodes) {
    if (!('tagName' in li) || li.tagName !== 'li' || dropReason(li)) continue;
    const nested: string[] = [];
    const own: T.ChildNode[] = [];
    for (const child of li.childNodes) {
      if ('tagName' in child && (child.tagName === 'ul' || child.tagName === 'ol')) nested.push(...listItems(child, dropped));
      else own.push(child);
    }
    const text = joinNested(collapse(textOf({ ...li, childNodes: own }, [], dropped)), nested);
    if (text) items.push(text);
  }
  return items;
}

/**
 * A nested list joined into its parent item, because the kiosk's lists are one level deep and a
 * sub-item read on its own ("diabetes") loses what it belongs to: "such as: heart disease; diabetes".
 */
export function joinNested(item: string, nested: readonly string[]): string {
  if (!nested.length) return item;
  if (!item) return nested.join('; ');
  return `${item}${/[:,;]$/.test(item) ? ' ' : ': '}${nested.join('; ')}`;
}

function descendants(node: T.ParentNode, tag: string): T.Element[] {
  const found: T.Element[] = [];
  for (const child of node.childNodes) {
    if (!('tagName' in child)) continue;
    if (child.tagName === tag) found.push(child);
    found.push(...descendants(child, tag));
  }
  return found;
}

function readHead(head: T.Element, meta: SourceMeta): void {
  for (const el of descendants(head, 'title')) {
    const title = collapse(textOf(el, []));
    if (title) meta.title = title;
  }
  for (const el of descendants(head, 'meta')) {
    const name = (attr(el, 'name') ?? attr(el, 'property') ?? '').toLowerCase();
    const content = collapse(attr(el, 'content') ?? '');
    if (!content) continue;
    if (name === 'description' || name === 'og:description') meta.summary ??= content;
    else if (name === 'author' || name === 'dcterms.creator' || name === 'dc.creator') meta.source ??= content;
    else if (name === 'copyright' || name === 'dcterms.rights' || name === 'dc.rights' || name === 'license') meta.licence ??= content;
  }
  for (const el of descendants(head, 'link')) {
    if ((attr(el, 'rel') ?? '').split(/\s+/).includes('license') && attr(el, 'href')) meta.licence ??= `Licence: ${attr(el, 'href')}`;
  }
}
