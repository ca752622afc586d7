/**
 * The per-language pronunciation lexicon, `locales/<lang>/pronunciation.json`:
 * `{ "words": { "<display word>": "<spoken spelling>" } }`. Translators use it where eSpeak NG
 * mispronounces a word: Arabic needs its vowel marks (tashkeel) written in, or the engine drops the
 * vowels. Each key is one display word, so a respelling never moves a word boundary.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, type InputProblem } from '../lib/input-error.ts';

export type Lexicon = Readonly<Record<string, string>>;

export function lexiconPath(root: string, lang: string): string {
  return join(root, 'locales', lang, 'pronunciation.json');
}

/** The language's lexicon, or an empty one when the file does not exist. Throws InputError when it is malformed. */
export function loadLexicon(root: string, lang: string): Lexicon {
  const path = lexiconPath(root, lang);
  if (!existsSync(path)) return {};
  return parseLexicon(readFileSync(path, 'utf8'), `locales/${lang}/pronunciation.json`);
}

export function parseLexicon(raw: string, file: string): Lexicon {
  let json: unknown;
  try {
    json = JSON.parse(raw.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InputError([{ file, message: `is not valid JSON: ${(error as Error).message}` }]);
  }
  const words = (json as { words?: unknown } | null)?.words;
  if (!json || typeof json !== 'object' || !words || typeof words !== 'object' || Array.isArray(words)) {
    throw new InputError([{ file, message: 'expected { "words": { "<word as displayed>": "<how to say it>" } }' }]);
  }
  const problems: InputProblem[] = [];
  const lexicon: Record<string, string> = {};
  for (const [word, spoken] of Object.entries(words as Record<string, unknown>)) {
    if (!word.trim() || /\s/u.test(word)) {
      problems.push({ file, where: `words.${word}`, message: 'each entry is one word as it is displayed, with no spaces' });
    } else if (typeof spoken !== 'string' || !spoken.trim()) {
      problems.push({ file, where: `words.${word}`, message: 'needs the spoken spelling as a non-empty string' });
    } else {
      lexicon[word] = spoken.trim();
    }
  }
  if (problems.length) throw new InputError(problems);
  return lexicon;
}
