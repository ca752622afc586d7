/**
 * What a person recording a section should say: the display text as the kiosk speaks it (the nurse
 * line digit by digit, abbreviations spelt out), without the engine-only parts: no pause markup and
 * no pronunciation respellings, which help eSpeak but would only puzzle a human reader. Each code
 * point keeps the display offset it came from, like the engine text does.
 */
import type { Section } from '../../src/content/model.ts';
import { itemAt } from '../lib/arrays.ts';
import { normaliseSection, type NormaliseOptions, type SpeechText } from './normalise.ts';

export interface ReadingText {
  text: string;
  /** For each code point of `text`, the display offset it came from. */
  displayOffsets: number[];
}

/**
 * `engineText`: the section's engine text when it was made with no lexicon entries, which is then
 * the same as this one's starting point (saves normalising every section twice in `npm run check`).
 */
export function readingText(
  section: Pick<Section, 'text' | 'words' | 'heading' | 'blocks'>,
  options: Pick<NormaliseOptions, 'lang' | 'phoneNumbers'>,
  engineText?: SpeechText,
): ReadingText {
  const speech = engineText ?? normaliseSection(section, { ...options, lexicon: {} });
  // Code points, as the display offsets count them.
  const points = Array.from(speech.text);
  const out: string[] = [];
  const offsets: number[] = [];
  for (let i = 0; i < points.length; i++) {
    const point = itemAt(points, i, 'reading text');
    // The speech text has one display offset per code point.
    const offset = itemAt(speech.displayOffsets, i, 'display offsets of the speech text');
    // Markup and entities start with these two characters only: looking ahead at every code point
    // made this the slowest step of `npm run check` on a big library.
    if (point !== '<' && point !== '&') {
      out.push(point);
      offsets.push(offset);
      continue;
    }
    const rest = points.slice(i, i + 40).join('');
    const markup = /^<break [^>]*\/>/.exec(rest);
    if (markup) {
      i += Array.from(markup[0]).length - 1;
      continue;
    }
    const entity = /^&(amp|lt|gt);/.exec(rest);
    if (entity) {
      out.push(entity[1] === 'amp' ? '&' : entity[1] === 'lt' ? '<' : '>');
      offsets.push(offset);
      i += entity[0].length - 1;
      continue;
    }
    out.push(point);
    offsets.push(offset);
  }
  return { text: out.join(''), displayOffsets: offsets };
}
