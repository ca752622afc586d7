/**
 * `locales/<lang>/language.json`: what a language needs beyond its strings and handouts, so that a
 * new language is a matter of files. Today that is its font, for a script Atkinson Hyperlegible does
 * not cover or a language that must not borrow another's glyphs (Urdu is read in Nastaliq, not in
 * the Naskh shapes Arabic uses; Cantonese in Traditional characters, not Simplified ones), and the
 * number words and units the facts check should read in it, where scripts/lib/numbers.ts has none.
 * A Latin-script language whose numbers are all in digits needs no file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parseJsonFile } from './json-file.ts';
import { UNITS } from './numbers.ts';

export const languageFileSchema = z
  .object({
    font: z
      .object({
        package: z
          .string()
          .regex(/^@fontsource\/[a-z0-9-]+$/, { message: 'an @fontsource package such as "@fontsource/noto-sans-tc", installed with npm install -D' })
          .describe('The @fontsource package that has the font; it is subset at build time to the characters used.'),
        family: z.string().min(1).describe('The font family name as the package declares it, e.g. "Noto Sans TC".'),
        files: z
          .string()
          .regex(/^[a-z0-9-]+$/)
          .optional()
          .describe('Only the package’s faces whose file names start with this, e.g. "noto-sans-arabic-arabic-" (default: all).'),
        lineHeight: z.number().min(1).max(3).optional().describe('Line height for running text in this language (Nastaliq needs about 2.2).'),
      })
      .strict()
      .optional(),
    numbers: z
      .object({
        words: z
          .record(z.string().min(1), z.number().int().min(2))
          .optional()
          .describe('Number words from two up, as the facts check should read them: { "du": 2, "tri": 3 }. Leave out a word that is also an ordinary word.'),
        units: z
          .partialRecord(z.enum(UNITS), z.array(z.string().min(1)))
          .optional()
          .describe('Unit words after a number, by unit: { "day": ["tago", "tagoj"], "hour": ["horo", "horoj"] }.'),
      })
      .strict()
      .optional(),
  })
  .strict();

export type LanguageFile = z.output<typeof languageFileSchema>;
export type LanguageFont = NonNullable<LanguageFile['font']>;

/** The language's settings file, or an empty one when the language has none. Throws InputError naming the field. */
export function readLanguageFile(root: string, code: string): LanguageFile {
  const path = join(root, 'locales', code, 'language.json');
  if (!existsSync(path)) return {};
  return parseJsonFile(languageFileSchema, readFileSync(path, 'utf8'), `locales/${code}/language.json`);
}
