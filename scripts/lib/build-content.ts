/**
 * Reads the config and every configured language's files and compiles them, collecting every problem
 * before giving up so that one run of the build or `npm run check` lists them all.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { KioskConfig } from '../../src/config/schema.ts';
import type { Handout, HandoutSummary, TextDirection } from '../../src/content/model.ts';
import { checkTranslatedFacts } from './check-facts.ts';
import { checkHandoutTranslation, checkTopicNames, checkUiStrings } from './check-translations.ts';
import { compileHandoutSource, type CompiledHandout } from './compile-handout.ts';
import { checkGlossaryTranslation, readGlossary, type Glossary } from './glossary.ts';
import { InputError, type InputProblem } from './input-error.ts';
import { readLanguageFile, type LanguageFont } from './language-file.ts';
import { CONFIG_FILE, loadConfig } from './load-config.ts';
import type { NumberVocabulary } from './numbers.ts';
import { placeholderValues } from './placeholders.ts';
import { reviewOutcome } from './review.ts';

export type UiStrings = Record<string, unknown>;

export interface LanguageContent {
  code: string;
  /** The language's own name in its own script, from `meta.languageName` in its ui.json. */
  name: string;
  dir: TextDirection;
  strings: UiStrings;
  handouts: Handout[];
  /** The same handouts with what only the build's checks need (source text, review record), by id. */
  sources: Map<string, CompiledHandout>;
  /** The language's own font, from locales/<lang>/language.json; null for Latin-script languages. */
  font: LanguageFont | null;
  /** Its own number words and units for the facts check, from the same file. */
  numbers: NumberVocabulary;
  /** Definitions of the terms handouts mark, from locales/<lang>/glossary.json. */
  glossary: Glossary;
}

export interface ContentBundle {
  root: string;
  config: KioskConfig;
  languages: LanguageContent[];
  /** Absolute paths of the figures under locales/figures/, by file name. */
  figures: Map<string, string>;
  /** Every input file read, so the dev server can rebuild when one changes. */
  files: string[];
  /**
   * Reviews that no longer cover the text (it changed since). Not an error for the build: those
   * translations are shown as drafts. `npm run check` fails on them, so they are not forgotten.
   */
  reviewFlags: InputProblem[];
}

export function directionOf(code: string): TextDirection {
  const locale = new Intl.Locale(code) as Intl.Locale & {
    textInfo?: { direction: TextDirection };
    getTextInfo?: () => { direction: TextDirection };
  };
  return (locale.getTextInfo?.() ?? locale.textInfo)?.direction === 'rtl' ? 'rtl' : 'ltr';
}

export function buildContent(root: string): ContentBundle {
  const configPath = join(root, CONFIG_FILE);
  const config = loadConfig(root);
  const problems: InputProblem[] = [];
  const files = [configPath];
  const rel = (path: string) => relative(root, path).split('\\').join('/');

  const figureDir = join(root, 'locales', 'figures');
  const figures = new Map<string, string>();
  if (existsSync(figureDir)) {
    for (const name of readdirSync(figureDir)) figures.set(name, join(figureDir, name));
  }

  const languages: LanguageContent[] = [];
  for (const code of config.languages) {
    const uiPath = join(root, 'locales', code, 'ui.json');
    files.push(uiPath);
    let strings: UiStrings = {};
    try {
      strings = JSON.parse(readFileSync(uiPath, 'utf8')) as UiStrings;
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'is missing' : `is not valid JSON: ${(error as Error).message}`;
      problems.push({ file: rel(uiPath), message: `${reason} (language "${code}" is listed in kiosk.config.json)` });
    }
    const name = (strings.meta as Record<string, unknown> | undefined)?.languageName;
    if (Object.keys(strings).length && (typeof name !== 'string' || !name.trim())) {
      problems.push({ file: rel(uiPath), where: 'meta.languageName', message: 'is missing; give the language’s own name in its own script' });
    }
    const dir = directionOf(code);
    let font: LanguageFont | null = null;
    let numbers: NumberVocabulary = {};
    const languageFile = join(root, 'locales', code, 'language.json');
    if (existsSync(languageFile)) files.push(languageFile);
    try {
      const settings = readLanguageFile(root, code);
      font = settings.font ?? null;
      numbers = settings.numbers ?? {};
    } catch (error) {
      if (error instanceof InputError) problems.push(...error.problems);
      else throw error;
    }
    let glossary: Glossary = { file: `locales/${code}/glossary.json`, entries: {} };
    const glossaryPath = join(root, 'locales', code, 'glossary.json');
    if (existsSync(glossaryPath)) files.push(glossaryPath);
    try {
      glossary = readGlossary(root, code);
    } catch (error) {
      if (error instanceof InputError) problems.push(...error.problems);
      else throw error;
    }
    const handouts: Handout[] = [];
    const sources = new Map<string, CompiledHandout>();
    for (const id of config.handouts) {
      const path = join(root, 'locales', code, 'handouts', `${id}.md`);
      files.push(path);
      if (!existsSync(path)) {
        problems.push({ file: rel(path), message: `is missing (handout "${id}" is listed in kiosk.config.json for every language)` });
        continue;
      }
      try {
        const compiled = compileHandoutSource(readFileSync(path, 'utf8'), {
          file: rel(path),
          lang: code,
          dir,
          placeholders: placeholderValues(config.site),
          figures: new Set(figures.keys()),
          glossary: glossary.entries,
          glossaryFile: glossary.file,
        });
        const { handout } = compiled;
        if (handout.id !== id) {
          problems.push({ file: rel(path), where: 'line 2', message: `front matter id is "${handout.id}" but the file name says "${id}"` });
        }
        handouts.push(handout);
        sources.set(id, compiled);
      } catch (error) {
        if (error instanceof InputError) problems.push(...error.problems);
        else throw error;
      }
    }
    if (Object.keys(strings).length) {
      const listed = [...sources.values()].map((compiled) => ({ topics: compiled.handout.topics, file: compiled.file }));
      problems.push(...checkTopicNames(strings, listed, rel(uiPath)));
    }
    languages.push({ code, name: typeof name === 'string' ? name : code, dir, strings, handouts, sources, font, numbers, glossary });
  }

  const reference = referenceLanguage(languages, config);
  const reviewFlags: InputProblem[] = [];
  const vocabularies = new Map(languages.map((l) => [l.code, l.numbers]));
  for (const language of languages) {
    if (!reference) continue;
    if (language === reference) {
      for (const compiled of language.sources.values()) {
        if (compiled.handout.meta.translation !== 'original') {
          problems.push({
            file: compiled.file,
            where: 'translation',
            message: `is "${compiled.handout.meta.translation}"; every translation is checked against ${reference.code}, so its handouts are "original"`,
          });
        }
        const outcome = reviewOutcome(compiled);
        compiled.handout.meta.review = { medical: outcome.medical, translation: null };
        reviewFlags.push(...outcome.flags);
      }
      continue;
    }
    problems.push(
      ...checkGlossaryTranslation(
        { glossary: reference.glossary, lang: reference.code, dir: reference.dir },
        { glossary: language.glossary, lang: language.code, dir: language.dir },
        vocabularies,
      ),
    );
    if (Object.keys(language.strings).length) {
      problems.push(...checkUiStrings(reference.strings, language.strings, language.code, `locales/${language.code}/ui.json`));
    }
    for (const compiled of language.sources.values()) {
      const { handout } = compiled;
      if (handout.meta.translation === 'original') {
        problems.push({ file: compiled.file, where: 'translation', message: `is "original", but the original is ${reference.code}; a translation is "draft" or "reviewed"` });
      }
      const original = reference.sources.get(handout.id);
      if (!original) continue;
      problems.push(...checkHandoutTranslation(original.handout, handout, compiled.file));
      problems.push(...checkTranslatedFacts(original, compiled, vocabularies));
      const outcome = reviewOutcome(original, compiled);
      handout.meta.review = { medical: outcome.medical, translation: outcome.translation };
      reviewFlags.push(...outcome.flags);
    }
  }

  if (problems.length) throw new InputError(problems);
  return { root, config, languages, figures, files, reviewFlags };
}

/** English is the original every translation is checked against (it need not be offered); else the default language. */
export function referenceLanguage(languages: LanguageContent[], config: KioskConfig): LanguageContent | undefined {
  return languages.find((l) => l.code === 'en') ?? languages.find((l) => l.code === config.defaultLanguage);
}

export function summarise(handout: Handout): HandoutSummary {
  return { id: handout.id, title: handout.title, summary: handout.summary, sectionCount: handout.sections.length, topics: handout.topics ?? [] };
}
