/**
 * Elements → a draft handout: picks the title, the sections and their ids, moves text that comes
 * before the first heading into the first section, drops empty sections, takes the attribution and
 * licence from the foot of the document, and fills in what the kiosk needs that the source lacks
 * (summary, placeholder figure), saying so each time.
 */
import { collapse, isAttributionSentence, isLicenceText, noiseKind, quote, sentencesOf, wordCount } from './clean.ts';
import { FIGURE_PLACEHOLDER, type DraftBlock, type DraftHandout, type DraftSection, type Element, type ReadResult } from './draft.ts';
import { createIdMaker, handoutIdFrom, slugify } from './ids.ts';

export interface StructureOptions {
  lang: string;
  /** The source file's name, for the fallback id and the source line. */
  fileName: string;
  /** From --id; otherwise made from the title. */
  id?: string;
  /** Section ids of the same handout in English: a translation reuses them, in order. */
  referenceIds?: readonly string[];
  /** Figure files that exist under locales/figures/. */
  figures?: ReadonlySet<string>;
}

export const HANDOUT_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** A section longer than this is more than a screen or two, and a long listen. */
export const LONG_SECTION_WORDS = 300;
const PLACEHOLDERS = new Set(['{nurseLine}']);

/**
 * Paragraphs that start a section of their own although the source gives them no heading (the
 * "Follow-up care is a key part of your treatment" paragraph of many English care handouts).
 */
const UNHEADED_SECTIONS: ReadonlyArray<{ start: RegExp; heading: string }> = [{ start: /^follow-up care is\b/i, heading: 'Follow-up care' }];

export function buildDraft(read: ReadResult, options: StructureOptions): DraftHandout {
  const dropped = [...read.dropped];
  const notes = [...read.notes];
  const warnings: string[] = [];
  const english = options.lang.split('-')[0] === 'en';
  let bracesReplaced = 0;
  const tidy = (text: string) =>
    collapse(text).replace(/\{[^{}]*\}|[{}]/g, (found) => {
      if (PLACEHOLDERS.has(found)) return found;
      bracesReplaced += 1;
      // Braces mark placeholders such as {nurseLine} in a handout; any others would be errors.
      return found.replace('{', '(').replace('}', ')');
    });

  // Navigation noise a reader could not see (a Markdown paragraph that says "Main Content").
  let elements = read.elements.filter((el) => {
    if (el.kind !== 'paragraph' && el.kind !== 'heading') return true;
    const kind = noiseKind(el.text);
    if (kind) dropped.push(`${kind}: ${quote(el.text)}`);
    return !kind;
  });

  // Attribution and licence: the paragraphs at the foot of the document that read like one.
  const foot: string[] = [];
  while (elements.length) {
    const last = elements[elements.length - 1] as Element;
    if (last.kind !== 'paragraph' || !isLicenceText(last.text)) break;
    foot.unshift(last.text);
    elements = elements.slice(0, -1);
  }
  const footSentences = foot.flatMap((text) => sentencesOf(text, options.lang));
  const attribution = footSentences.filter(isAttributionSentence);
  const licenceText = footSentences.filter((s) => !isAttributionSentence(s));
  let source = read.meta.source ?? (attribution.length ? attribution.join(' ') : '');
  let licence = read.meta.licence ?? (licenceText.length ? licenceText.join(' ') : '');
  if (foot.length) notes.push(`attribution and licence taken from the last ${foot.length === 1 ? 'paragraph' : `${foot.length} paragraphs`}`);
  if (!source) {
    source = `Imported from "${options.fileName}"; the file does not say where the text comes from.`;
    warnings.push('no attribution found: write where the facts come from in "source:"');
  }
  if (!licence) {
    licence = 'Not stated in the imported file. Check that the clinic may use this text before it goes on the kiosk.';
    warnings.push('no licence found: check that the clinic may use this text and write it in "licence:"');
  }

  // The title.
  let title = read.meta.title ?? '';
  const firstTitle = elements.findIndex((el) => el.kind === 'heading' && el.level === 1);
  if (firstTitle >= 0) {
    title = (elements[firstTitle] as { text: string }).text;
    elements = elements.filter((_, i) => i !== firstTitle);
  } else if (!title && elements[0]?.kind === 'heading') {
    title = elements[0].text;
    elements = elements.slice(1);
    notes.push(`no level-1 heading: the first heading ${quote(title)} is the title`);
  } else if (title) {
    title = title.split(/\s+[|–—]\s+/)[0] ?? title;
    notes.push(`title taken from the document's metadata`);
  }
  if (!title) {
    title =
      options.fileName
        .replace(/\.[^.]+$/, '')
        .replace(/[-_]+/g, ' ')
        .trim() || 'Untitled handout';
    title = title.charAt(0).toUpperCase() + title.slice(1);
    warnings.push(`no title found: used ${quote(title)} from the file name; write a real one`);
  }
  title = tidy(title);

  // Sections: the shallowest heading level left; deeper headings become bold-less paragraphs.
  const levels = elements.filter((el) => el.kind === 'heading').map((el) => (el as { level: number }).level);
  const sectionLevel = levels.length ? Math.min(...levels) : 2;
  const sections: Array<DraftSection & { preferredId?: string }> = [];
  const preamble: DraftBlock[] = [];
  const blocksOf = () => sections[sections.length - 1]?.blocks ?? preamble;
  for (const el of elements) {
    if (el.kind === 'heading') {
      if (el.level > sectionLevel) {
        blocksOf().push({ kind: 'paragraph', text: tidy(el.text) });
        notes.push(`sub-heading ${quote(el.text)} kept as a paragraph (the kiosk has one heading level per section)`);
      } else {
        sections.push({ id: '', heading: tidy(el.text), blocks: [], ...(el.id ? { preferredId: el.id } : {}) });
      }
      continue;
    }
    if (el.kind === 'paragraph') {
      const unheaded = UNHEADED_SECTIONS.find((u) => u.start.test(el.text));
      const current = sections[sections.length - 1];
      if (unheaded && !(current && current.heading.toLowerCase() === unheaded.heading.toLowerCase())) {
        sections.push({ id: '', heading: unheaded.heading, blocks: [] });
        notes.push(`paragraph ${quote(el.text, 40)} starts its own section "${unheaded.heading}"`);
      }
      blocksOf().push({ kind: 'paragraph', text: tidy(el.text) });
      continue;
    }
    if (el.kind === 'list') {
      const items = el.items.map(tidy).filter(Boolean);
      if (items.length) blocksOf().push({ kind: 'list', ordered: el.ordered, items });
      continue;
    }
    const figure = figureBlock(el, options.figures ?? new Set(), warnings, dropped, tidy);
    if (figure) blocksOf().push(figure);
  }

  if (preamble.length) {
    if (sections.length) {
      (sections[0] as DraftSection).blocks.unshift(...preamble);
      notes.push(`${describe(preamble)} before the first heading moved into the first section`);
    } else {
      sections.push({ id: '', heading: title, blocks: preamble });
      notes.push('no section headings found: the whole text is one section under the title');
    }
  }

  // Empty sections go; a figure in one moves on to the next section.
  let carried: DraftBlock[] = [];
  const kept: typeof sections = [];
  for (const section of sections) {
    section.blocks.unshift(...carried);
    carried = [];
    if (section.blocks.some(hasText)) {
      kept.push(section);
      continue;
    }
    dropped.push(`empty section: ${quote(section.heading)}`);
    carried = section.blocks.filter((b) => b.kind === 'figure');
  }
  if (carried.length) {
    if (kept.length) (kept[kept.length - 1] as DraftSection).blocks.push(...carried);
    else dropped.push(`${describe(carried)} with no text to go with`);
  }
  if (!kept.length) throw new Error('found no text to import: every section was empty');

  // Ids: from the English handout when this is its translation, else from the headings.
  const reference = options.referenceIds;
  if (reference && reference.length === kept.length) {
    kept.forEach((section, i) => (section.id = reference[i] as string));
    notes.push('section ids taken from the English handout, in order: check each heading matches');
  } else {
    if (reference) {
      warnings.push(
        `the English handout has ${reference.length} sections and this one ${kept.length}: section ids were made from the headings; make them match English before npm run check`,
      );
    }
    const makeId = createIdMaker();
    for (const section of kept) section.id = makeId(section.heading, section.preferredId);
  }

  for (const section of kept) {
    const words = section.blocks.reduce((n, b) => n + (b.kind === 'paragraph' ? wordCount(b.text) : b.kind === 'list' ? wordCount(b.items.join(' ')) : 0), 0);
    if (words > LONG_SECTION_WORDS) {
      warnings.push(`section "${section.id}" has ${words} words: think about splitting it; patients read one section at a time`);
    }
  }
  if (bracesReplaced) notes.push(`${bracesReplaced} pair${bracesReplaced === 1 ? '' : 's'} of braces written as parentheses ({…} marks placeholders such as {nurseLine})`);

  const firstParagraph = kept.flatMap((s) => s.blocks).find((b) => b.kind === 'paragraph');
  let summary = read.meta.summary ? tidy(read.meta.summary) : '';
  if (!summary) {
    summary = firstParagraph ? (sentencesOf(firstParagraph.text, options.lang)[0] ?? firstParagraph.text) : title;
    notes.push('summary for the library card is the first sentence; rewrite it as one plain line');
  }
  if (wordCount(summary) > 25) warnings.push(`summary has ${wordCount(summary)} words: shorten it to one line for the library card`);

  const id = options.id ?? read.meta.id ?? handoutIdFrom(title);
  const finalId = id || slugify(options.fileName.replace(/\.[^.]+$/, '')) || 'imported-handout';
  if (!HANDOUT_ID.test(finalId)) throw new Error(`"${finalId}" is not a handout id: use lower-case letters, digits and hyphens, like nerve-ablation`);

  return {
    id: finalId,
    title,
    summary,
    source: tidy(source),
    licence: tidy(licence),
    translation: english ? 'original' : 'draft',
    sections: kept.map(({ id: sectionId, heading, blocks }) => ({ id: sectionId, heading, blocks })),
    dropped,
    notes,
    warnings,
  };
}

function hasText(block: DraftBlock): boolean {
  return block.kind === 'paragraph' ? Boolean(block.text) : block.kind === 'list' ? block.items.length > 0 : false;
}

function figureBlock(
  el: Extract<Element, { kind: 'figure' }>,
  figures: ReadonlySet<string>,
  warnings: string[],
  dropped: string[],
  tidy: (text: string) => string,
): DraftBlock | null {
  const caption = tidy(el.caption);
  const alt = tidy(el.alt) || caption;
  if (!alt) {
    dropped.push(`image without alt text: ${quote(el.image ?? '')}`);
    warnings.push(`image ${quote(el.image ?? '')} had no alt text or caption and was left out; add it by hand with alt text if it matters`);
    return null;
  }
  const image = el.image ?? FIGURE_PLACEHOLDER;
  if (!el.image) {
    warnings.push(
      `the figure ${quote(caption || alt)} has no image file: it points at ${FIGURE_PLACEHOLDER}; draw an SVG (no words in it), save it in locales/figures/ and change the name`,
    );
  } else if (!figures.has(image)) {
    warnings.push(`figure "${image}" is not in locales/figures/: copy it there (an SVG with no words in it serves every language)`);
  }
  return { kind: 'figure', image, alt, caption };
}

function describe(blocks: DraftBlock[]): string {
  const counts = new Map<string, number>();
  for (const block of blocks) counts.set(block.kind, (counts.get(block.kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => `${n} ${kind}${n === 1 ? '' : 's'}`).join(', ');
}

export { describe as describeBlocks };
