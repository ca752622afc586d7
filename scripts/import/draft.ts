/**
 * The shapes an import passes through. Each reader (plain text, Markdown, HTML) turns a file into a
 * flat list of elements; `structure.ts` turns the elements into a draft handout; `to-markdown.ts`
 * writes the draft as a kiosk handout. Everything the importer decides on the way is recorded as a
 * note, so staff can see what it did before they trust the result.
 */

export type SourceFormat = 'text' | 'markdown' | 'html';

/** A piece of a source file, in reading order, with the noise already taken out. */
export type Element =
  /** level 1 is a title; higher levels are section or sub-headings. */
  | { kind: 'heading'; level: number; text: string; id?: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'figure'; image: string | null; alt: string; caption: string };

export interface SourceMeta {
  id?: string;
  title?: string;
  summary?: string;
  source?: string;
  licence?: string;
}

/** What a reader found: the elements, what it knows about the source, and what it threw away. */
export interface ReadResult {
  elements: Element[];
  meta: SourceMeta;
  dropped: string[];
  notes: string[];
}

export type DraftBlock =
  { kind: 'paragraph'; text: string } | { kind: 'list'; ordered: boolean; items: string[] } | { kind: 'figure'; image: string; alt: string; caption: string };

export interface DraftSection {
  id: string;
  heading: string;
  blocks: DraftBlock[];
}

export interface DraftHandout {
  id: string;
  title: string;
  summary: string;
  source: string;
  licence: string;
  translation: 'original' | 'draft';
  sections: DraftSection[];
  /** Things thrown away, each with a short quote, e.g. `breadcrumb: "Home > Handouts"`. */
  dropped: string[];
  /** Decisions staff should know about. */
  notes: string[];
  /** Things staff must fix or check before the handout is used. */
  warnings: string[];
}

/** Placeholder image for a figure whose source has only a caption. */
export const FIGURE_PLACEHOLDER = 'figure-placeholder.svg';
