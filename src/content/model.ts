/**
 * The compiled handout model, shared by the build scripts (which produce it) and the kiosk (which
 * renders and reads it). Offsets are UTF-16 code-unit indexes into `Section.text`, the exact string
 * the kiosk displays for that section, so a word timing from the audio build and a word on screen
 * always point at the same characters.
 */

export type TextDirection = 'ltr' | 'rtl';

export interface Word {
  /** Index of the word within its section, in reading order from 0; the speech timings and the page's `data-word` use the same index. */
  index: number;
  start: number;
  end: number;
}

export interface Sentence {
  /** Index of the sentence within its section, in reading order from 0 (the page's `data-sentence`). */
  index: number;
  start: number;
  end: number;
  /** Index into `Section.words` of this sentence's first word, and how many it has. */
  firstWord: number;
  wordCount: number;
}

/** A run of text (a heading, a paragraph, a list item, a caption) split into sentences. */
export interface TextUnit {
  start: number;
  end: number;
  /** Indexes into `Section.sentences`. */
  firstSentence: number;
  sentenceCount: number;
}

export interface ParagraphBlock {
  kind: 'paragraph';
  id: string;
  text: TextUnit;
}

export interface ListBlock {
  kind: 'list';
  id: string;
  ordered: boolean;
  items: TextUnit[];
}

export interface FigureBlock {
  kind: 'figure';
  id: string;
  /** File name of the image under `locales/figures/`; the build turns it into a URL. */
  image: string;
  src: string;
  alt: string;
  caption: TextUnit | null;
}

export type Block = ParagraphBlock | ListBlock | FigureBlock;

/**
 * Prepared speech for a section, attached at build time from audio/<lang>/<handout>/<section>.json
 * when that audio is present and matches the section's text. Times are in seconds of audio.
 */
export interface SectionAudio {
  /** URLs of the same speech in the formats the build has, best first. */
  src: string[];
  duration: number;
  /**
   * Word i of the section is spoken from wordStarts[i], sentence i from sentenceStarts[i]; starts
   * never decrease. Only starts: the highlight moves on when the next word starts, and a replay
   * starts a sentence from its start.
   */
  wordStarts: number[];
  sentenceStarts: number[];
  /** Whose voice it is: a staff recording aligned to the text, or the speech engine (also when absent). */
  voice?: 'recorded' | 'synthesized';
}

/**
 * A glossary term marked in the handout (`{?id|shown words}`): tapping it opens a short definition
 * instead of reading from that word. Offsets are into `Section.text`, snapped out to whole words, and
 * a term never crosses a sentence, so its words sit inside one sentence's span on screen.
 */
export interface TermMark {
  /** The glossary entry's id, the same in every language: `local-anaesthetic`. */
  term: string;
  start: number;
  end: number;
  /** Index into `Section.words` of the term's first word, and how many words it covers. */
  firstWord: number;
  wordCount: number;
}

/** One definition from `locales/<lang>/glossary.json`, in the handout's language. */
export interface GlossaryEntry {
  /** The term as a heading for its card: "Local anaesthetic". */
  term: string;
  /** A short plain explanation, read aloud from a clip made by `npm run audio`. */
  definition: string;
}

export interface Section {
  id: string;
  /** 0-based position in the handout. */
  index: number;
  /** The whole section as displayed: heading, then each block, separated by blank lines. */
  text: string;
  heading: TextUnit;
  blocks: Block[];
  sentences: Sentence[];
  words: Word[];
  /**
   * Glossary terms marked in this section, in reading order. The compiler always writes it; it is
   * optional so that sections made by hand (tests, tools) need not mention it.
   */
  terms?: TermMark[];
  /** Null where no up-to-date audio exists: the kiosk then falls back to the browser's voice or text only. */
  audio: SectionAudio | null;
}

export type TranslationStatus = 'original' | 'draft' | 'reviewed';

/**
 * Whether a review is on record for the text the kiosk shows. `out-of-date`: a review was recorded,
 * but the text it covered (or, for a translation, its original) has changed since.
 */
export type ReviewState = 'reviewed' | 'not-reviewed' | 'out-of-date';

export interface ReviewStatus {
  state: ReviewState;
  /** Who signed it off and when (YYYY-MM-DD), where a review is recorded. */
  by?: string;
  date?: string;
}

export interface HandoutMeta {
  /** Where the facts come from, shown small in the reader. */
  source: string;
  licence: string;
  /** What the file says it is; `review` says whether that still holds. */
  translation: TranslationStatus;
  review: {
    /** The medical review of the original text (for a translation: of its original). */
    medical: ReviewStatus;
    /** The translation's own review; null for the original. */
    translation: ReviewStatus | null;
  };
}

/** A translation not signed off for its current text and original is shown with the draft notice. */
export function showsDraftNotice(meta: HandoutMeta): boolean {
  return meta.review.translation !== null && meta.review.translation.state !== 'reviewed';
}

export interface Handout {
  id: string;
  lang: string;
  dir: TextDirection;
  title: string;
  /** One-line description for the library card. */
  summary: string;
  /**
   * The library topics it belongs to, by id (`topics: [pain, procedures]` in its front matter), the
   * same in every language; each topic's name is `topics.<id>` in the language's ui.json. The
   * compiler always writes it; optional so that handouts made by hand (tests, tools) need not.
   */
  topics?: string[];
  meta: HandoutMeta;
  sections: Section[];
  /** The definitions of the terms this handout marks, by term id: only those, so it travels with the handout. */
  glossary?: Record<string, GlossaryEntry>;
}

/** What the welcome and library screens need before any handout is loaded. */
export interface HandoutSummary {
  id: string;
  title: string;
  summary: string;
  sectionCount: number;
  /** Its library topics by id; left out or empty when it has none. */
  topics?: string[];
}
