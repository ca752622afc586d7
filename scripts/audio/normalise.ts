/**
 * Display text → the text eSpeak NG is given, with an exact map back.
 *
 * The engine reads its input as SSML and reports every event at a 1-based code-point position in the
 * string it was given. The kiosk highlights words by UTF-16 offsets into the string it displays. So
 * every code point we send carries the display offset it came from: copied characters map to
 * themselves, an escape (`&amp;`) maps to the one character it stands for, a respelling (lexicon,
 * abbreviation, phone digits) maps into the display word it replaces, and an inserted pause maps to
 * the point where it was inserted, which is never inside a word.
 *
 * Pure: no files, no engine. The lexicon is read by `lexicon.ts`.
 */
import type { Section, TextUnit } from '../../src/content/model.ts';
import { zip } from '../lib/arrays.ts';

export interface SpeechText {
  /** The SSML string given to the engine. */
  text: string;
  /** For each code point of `text` (not UTF-16 unit), the display offset it came from. */
  displayOffsets: number[];
}

export interface NormaliseOptions {
  lang: string;
  /** The site's phone numbers as they appear in the display text (nurse line, poison centre, emergency); read digit by digit. */
  phoneNumbers?: readonly string[];
  /** Display word → spoken spelling, from `locales/<lang>/pronunciation.json`. */
  lexicon?: Readonly<Record<string, string>>;
  /** Pause after the heading and after each list item, in ms. */
  headingPauseMs?: number;
  itemPauseMs?: number;
}

/** A heading already gets a paragraph pause from the blank line after it; this adds to it. */
export const HEADING_PAUSE_MS = 500;
/** Replaces the sentence pause after a list item (about 410 ms at 145 wpm) so that items stand apart. */
export const ITEM_PAUSE_MS = 450;

/**
 * Written forms the engine reads badly, per language, matched at the start of a display word. A form
 * ending in "." also swallows that full stop, so "Dr." is not read as the end of a sentence.
 * Site-specific words belong in the pronunciation lexicon instead, which wins over this table.
 */
export const ABBREVIATIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  en: {
    'Dr.': 'Doctor',
    'Mr.': 'Mister',
    'Mrs.': 'Missus',
    'e.g.': 'for example',
    'i.e.': 'that is',
    'approx.': 'approximately',
    'vs.': 'versus',
    'a.m.': 'A M',
    'p.m.': 'P M',
    mg: 'milligrams',
    mL: 'millilitres',
    ml: 'millilitres',
    kg: 'kilograms',
    cm: 'centimetres',
  },
  fr: {
    'Dr.': 'docteur',
    'Dr': 'docteur',
    'p. ex.': 'par exemple',
    'env.': 'environ',
    mg: 'milligrammes',
    mL: 'millilitres',
    ml: 'millilitres',
    kg: 'kilogrammes',
  },
  it: {
    mg: 'milligrammi',
    mL: 'millilitri',
    ml: 'millilitri',
    kg: 'chilogrammi',
  },
  pt: {
    mg: 'miligramas',
    mL: 'mililitros',
    ml: 'mililitros',
    kg: 'quilogramas',
  },
  es: {
    'Dr.': 'doctor',
    'Dra.': 'doctora',
    'p. ej.': 'por ejemplo',
    'aprox.': 'aproximadamente',
    mg: 'miligramos',
    mL: 'mililitros',
    ml: 'mililitros',
    kg: 'kilogramos',
  },
};

/** Ends a spoken phrase; a heading or list item without one gets a full stop so its voice falls. */
const PHRASE_END = /[.!?…:;。！？؟۔।]$/u;
/** Hyphens joining two words: the engine reads "X-ray" as one word with no event for "ray". */
const JOINING_HYPHEN = /^[-‐‑]$/u;

/** A stretch of display text spoken differently, or (start === end) something inserted. */
interface Rewrite {
  start: number;
  end: number;
  spoken: string;
  /** Display range the spoken code points are spread over; for a respelled word, the word itself. */
  anchorStart: number;
  anchorEnd: number;
  /** Already SSML (a `<break/>`): not escaped. */
  markup?: boolean;
}

export function normaliseSection(
  section: Pick<Section, 'text' | 'words' | 'heading' | 'blocks'>,
  options: NormaliseOptions,
): SpeechText {
  const { text } = section;
  const rewrites: Rewrite[] = [];
  const covered = new Set<number>();
  const claim = (rewrite: Rewrite) => {
    for (let i = rewrite.start; i < rewrite.end; i++) if (covered.has(i)) return;
    for (let i = rewrite.start; i < rewrite.end; i++) covered.add(i);
    rewrites.push(rewrite);
  };

  // 1. Phone numbers, digit by digit: "811" → "8 1 1" ("eight one one" in every voice, never
  //    "eight hundred eleven"); "1-866-797-0000" → "1, 8 6 6, 7 9 7, 0 0 0 0".
  for (const number of options.phoneNumbers ?? []) {
    const phone = number.trim();
    if (!phone) continue;
    for (let at = text.indexOf(phone); at >= 0; at = text.indexOf(phone, at + phone.length)) {
      const before = text.charAt(at - 1);
      const after = text.charAt(at + phone.length);
      if (/\d/.test(before) || /\d/.test(after)) continue;
      for (let i = at; i < at + phone.length; i++) {
        const ch = text.charAt(i);
        const next = text.charAt(i + 1);
        const isDigit = /\d/.test(ch);
        const spoken = isDigit ? (i + 1 < at + phone.length && /\d/.test(next) ? `${ch} ` : ch) : ', ';
        claim({ start: i, end: i + 1, spoken, anchorStart: i, anchorEnd: i + 1 });
      }
    }
  }

  // 2. The pronunciation lexicon, then 3. abbreviations, each word by word.
  const lexicon = options.lexicon ?? {};
  const lowerLexicon = new Map(Object.entries(lexicon).map(([k, v]) => [k.toLocaleLowerCase(options.lang), v]));
  const abbreviations = Object.entries(ABBREVIATIONS[options.lang.split('-')[0] ?? options.lang] ?? {});
  for (const word of section.words) {
    const written = text.slice(word.start, word.end);
    const spoken = lexicon[written] ?? lowerLexicon.get(written.toLocaleLowerCase(options.lang));
    if (spoken !== undefined) {
      claim({ start: word.start, end: word.end, spoken, anchorStart: word.start, anchorEnd: word.end });
      continue;
    }
    for (const [form, expansion] of abbreviations) {
      if (!text.startsWith(form, word.start)) continue;
      const end = word.start + form.length;
      // Whole words only: "mg" must not match the start of "mgmt", nor "Dr." the start of "Drive".
      if (end < text.length && /[\p{L}\p{N}]/u.test(text.charAt(end)) && /[\p{L}\p{N}]$/u.test(form)) continue;
      if (end < word.end) continue;
      claim({ start: word.start, end, spoken: expansion, anchorStart: word.start, anchorEnd: word.end });
      break;
    }
  }

  // 4. Hyphens between two words become spaces, so each display word gets its own engine events.
  for (const [left, right] of zip(section.words.slice(0, -1), section.words.slice(1))) {
    if (right.start - left.end === 1 && JOINING_HYPHEN.test(text.charAt(left.end))) {
      claim({ start: left.end, end: right.start, spoken: ' ', anchorStart: left.end, anchorEnd: right.start });
    }
  }

  // 5. A no-break space grouping thousands ("4 000", as French writes it, kept on one line) becomes
  //    a plain space: eSpeak reads "4 000" as "quatre mille" but reads the digits one by one
  //    when the space is a no-break one.
  for (const match of text.matchAll(/\d([\u00A0\u202F])\d{3}(?!\d)/gu)) {
    const at = (match.index) + 1;
    claim({ start: at, end: at + 1, spoken: ' ', anchorStart: at, anchorEnd: at + 1 });
  }

  // 6. A pause after the heading and after each list item, with a full stop first where the text
  //    has none, so the voice falls as at the end of a sentence.
  const pauseAfter = (unit: TextUnit, ms: number) => {
    const piece = text.slice(unit.start, unit.end).trimEnd();
    if (!piece) return;
    const at = unit.start + piece.length;
    const stop = PHRASE_END.test(piece) ? '' : '.';
    rewrites.push({ start: at, end: at, spoken: `${stop}<break time="${ms}ms"/>`, anchorStart: at, anchorEnd: at, markup: true });
  };
  pauseAfter(section.heading, options.headingPauseMs ?? HEADING_PAUSE_MS);
  for (const block of section.blocks) {
    if (block.kind === 'list') for (const item of block.items) pauseAfter(item, options.itemPauseMs ?? ITEM_PAUSE_MS);
  }

  // Insertions before replacements that start at the same point.
  rewrites.sort((a, b) => a.start - b.start || (a.end - a.start) - (b.end - b.start));

  const out: string[] = [];
  const displayOffsets: number[] = [];
  const emit = (piece: string, anchorStart: number, anchorEnd: number) => {
    // One display offset per code point, as the speech text is read back (reading-text.ts).
    const points = Array.from(piece);
    const span = anchorEnd - anchorStart;
    points.forEach((point, j) => {
      out.push(point);
      displayOffsets.push(span > 0 ? anchorStart + Math.floor((j * span) / points.length) : anchorStart);
    });
  };
  const emitEscaped = (piece: string, anchorStart: number, anchorEnd: number) => {
    // Escape per code point so that an entity's characters all map to the one they stand for.
    const points = Array.from(piece);
    const span = anchorEnd - anchorStart;
    points.forEach((point, j) => {
      const at = span > 0 ? anchorStart + Math.floor((j * span) / points.length) : anchorStart;
      emit(escapeSsml(point), at, at + (span > 0 ? 1 : 0));
    });
  };

  let cursor = 0;
  for (const rewrite of rewrites) {
    copy(cursor, rewrite.start);
    if (rewrite.markup) emit(rewrite.spoken, rewrite.anchorStart, rewrite.anchorEnd);
    else emitEscaped(rewrite.spoken, rewrite.anchorStart, rewrite.anchorEnd);
    cursor = Math.max(cursor, rewrite.end);
  }
  copy(cursor, text.length);

  function copy(from: number, to: number) {
    // Plain text goes out in runs, one offset per code point; most code points need no escape, and
    // making a string of each was most of `npm run check`'s time.
    let run = from;
    let i = from;
    while (i < to) {
      const unit = text.charCodeAt(i);
      if (unit === 0x26 || unit === 0x3c || unit === 0x3e) {
        if (run < i) out.push(text.slice(run, i));
        for (const ch of escapeSsml(text.charAt(i))) {
          out.push(ch);
          displayOffsets.push(i);
        }
        run = ++i;
        continue;
      }
      displayOffsets.push(i);
      const pair = unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      i += pair ? 2 : 1;
    }
    if (run < i) out.push(text.slice(run, i));
  }

  return { text: out.join(''), displayOffsets };
}

export function escapeSsml(text: string): string {
  return text.replace(/[&<>]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : '&gt;'));
}
