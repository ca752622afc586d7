/**
 * One import, start to finish: read the file, turn it into a draft, write the draft as Markdown,
 * compile that Markdown with the real handout compiler (and check every word survived the trip),
 * and only then write it, atomically, never over an existing handout unless asked to.
 */
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import type { Handout } from '../../src/content/model.ts';
import { directionOf } from '../lib/build-content.ts';
import { compileHandout } from '../lib/compile-handout.ts';
import { InputError } from '../lib/input-error.ts';
import { loadConfig } from '../lib/load-config.ts';
import type { DraftHandout, ReadResult, SourceFormat } from './draft.ts';
import { readHtml } from './html.ts';
import { readMarkdown } from './markdown.ts';
import { readPlainText } from './plain-text.ts';
import { buildDraft } from './structure.ts';
import { toMarkdown } from './to-markdown.ts';

export interface ImportOptions {
  /** The project folder (holds kiosk.config.json and locales/). */
  root: string;
  /** The file to import. */
  file: string;
  lang: string;
  id?: string;
  force?: boolean;
  /** Decide and verify, but write nothing. */
  dryRun?: boolean;
}

export interface ImportResult {
  format: SourceFormat;
  draft: DraftHandout;
  markdown: string;
  /** Where the handout goes, relative to root. */
  target: string;
  written: boolean;
  replaced: boolean;
  /** The target was there already (a dry run reports it; a real run needs --force). */
  exists: boolean;
}

export class ImportRefused extends Error {
  override name = 'ImportRefused';
}

export function detectFormat(fileName: string, text: string): SourceFormat {
  const ext = extname(fileName).toLowerCase();
  if (ext === '.html' || ext === '.htm' || ext === '.xhtml') return 'html';
  if (ext === '.md' || ext === '.markdown') return 'markdown';
  if (ext === '.txt' || ext === '.text') return 'text';
  const head = text.slice(0, 2000).trimStart();
  if (/^(<!doctype html|<html\b)/i.test(head) || /<(body|p|h1|div)\b[^>]*>/i.test(head)) return 'html';
  if (head.startsWith('---\n') || /^#{1,6} \S/m.test(head)) return 'markdown';
  return 'text';
}

export function readSource(text: string, format: SourceFormat): ReadResult {
  if (format === 'html') return readHtml(text);
  if (format === 'markdown') return readMarkdown(text);
  return readPlainText(text);
}

/** Everything but the file system: source text → verified draft and Markdown. */
export function convert(
  text: string,
  options: {
    fileName: string;
    lang: string;
    id?: string;
    format?: SourceFormat;
    referenceIds?: readonly string[];
    figures?: ReadonlySet<string>;
    nurseLine?: string;
  },
): { format: SourceFormat; draft: DraftHandout; markdown: string; handout: Handout } {
  const format = options.format ?? detectFormat(options.fileName, text);
  const draft = buildDraft(readSource(text, format), {
    lang: options.lang,
    fileName: options.fileName,
    ...(options.id ? { id: options.id } : {}),
    ...(options.referenceIds ? { referenceIds: options.referenceIds } : {}),
    ...(options.figures ? { figures: options.figures } : {}),
  });
  const markdown = toMarkdown(draft);
  // A figure that is not there yet is a warning, not a failure: staff add the SVG next.
  const figures = new Set([...(options.figures ?? []), ...draft.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'figure' ? [b.image] : [])))]);
  const handout = compileHandout(markdown, {
    file: `locales/${options.lang}/handouts/${draft.id}.md`,
    lang: options.lang,
    dir: directionOf(options.lang),
    placeholders: { nurseLine: options.nurseLine ?? '811' },
    figures,
  });
  assertRoundTrip(draft, handout, options.nurseLine ?? '811');
  return { format, draft, markdown, handout };
}

/** The compiled handout must say exactly what the draft says: an escaping slip would show here. */
function assertRoundTrip(draft: DraftHandout, handout: Handout, nurseLine: string): void {
  const fill = (text: string) => text.split('{nurseLine}').join(nurseLine);
  const expected = draft.sections.map((s) => [
    s.id,
    fill(s.heading),
    ...s.blocks.flatMap((b) => (b.kind === 'paragraph' ? [fill(b.text)] : b.kind === 'list' ? b.items.map(fill) : [b.alt, ...(b.caption ? [fill(b.caption)] : [])])),
  ]);
  const actual = handout.sections.map((s) => [
    s.id,
    s.text.slice(s.heading.start, s.heading.end),
    ...s.blocks.flatMap((b) =>
      b.kind === 'paragraph'
        ? [s.text.slice(b.text.start, b.text.end)]
        : b.kind === 'list'
          ? b.items.map((i) => s.text.slice(i.start, i.end))
          : [b.alt, ...(b.caption ? [s.text.slice(b.caption.start, b.caption.end)] : [])],
    ),
  ]);
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (handout.title !== fill(draft.title) || a !== e) {
    throw new Error(`the written Markdown does not read back as the imported text (an escaping bug in the importer):\n  wrote ${e.slice(0, 300)}\n  read  ${a.slice(0, 300)}`);
  }
}

export function importHandout(options: ImportOptions): ImportResult {
  const text = readFileSync(options.file, 'utf8');
  const config = readConfig(options.root);
  const figureDir = join(options.root, 'locales', 'figures');
  const figures = new Set(existsSync(figureDir) ? readdirSync(figureDir) : []);
  const fileName = basename(options.file);

  // A translation of a handout that exists in English reuses its section ids, so the check passes.
  let referenceIds: string[] | undefined;
  const english = options.lang.split('-')[0] === 'en';
  if (!english && options.id) {
    const englishPath = join(options.root, 'locales', 'en', 'handouts', `${options.id}.md`);
    if (existsSync(englishPath)) {
      referenceIds = [...readFileSync(englishPath, 'utf8').matchAll(/^##\s.*\{#([a-z0-9-]+)\}\s*$/gm)].map((m) => m[1] as string);
    }
  }

  const { format, draft, markdown } = convert(text, {
    fileName,
    lang: options.lang,
    ...(options.id ? { id: options.id } : {}),
    ...(referenceIds ? { referenceIds } : {}),
    figures,
    ...(config.nurseLine ? { nurseLine: config.nurseLine } : {}),
  });
  if (config.languages && !config.languages.includes(options.lang)) {
    draft.warnings.push(`"${options.lang}" is not in "languages" in kiosk.config.json yet`);
  }

  const dir = join(options.root, 'locales', options.lang, 'handouts');
  const path = join(dir, `${draft.id}.md`);
  const target = relative(options.root, path).split('\\').join('/');
  const exists = existsSync(path);
  if (options.dryRun) return { format, draft, markdown, target, written: false, replaced: false, exists };
  if (exists && !options.force) {
    throw new ImportRefused(`${target} already exists; nothing was written. Use --force to replace it, or --id to import under another id.`);
  }

  mkdirSync(dir, { recursive: true });
  writeAtomically(path, markdown, Boolean(options.force));
  return { format, draft, markdown, target, written: true, replaced: exists, exists };
}

/**
 * Write beside the target, then move into place in one step, so the kiosk's build never sees half a
 * file. Without force, a hard link is the move: it fails if the target appeared in the meantime.
 */
function writeAtomically(path: string, content: string, force: boolean): void {
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temp, content, { flag: 'wx' });
  try {
    if (force) {
      renameSync(temp, path);
      return;
    }
    try {
      linkSync(temp, path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw new ImportRefused(`${basename(path)} appeared while importing; nothing was written`);
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
      // File systems without hard links: check, then rename.
      if (existsSync(path)) throw new ImportRefused(`${basename(path)} appeared while importing; nothing was written`);
      renameSync(temp, path);
    }
  } finally {
    if (existsSync(temp)) unlinkSync(temp);
  }
}

function readConfig(root: string): { languages?: string[]; nurseLine?: string } {
  // A folder with no config, or a config that does not pass the check yet, still takes a draft:
  // the importer then cannot warn about the language, and uses the default nurse line.
  try {
    const config = loadConfig(root);
    return { languages: config.languages, nurseLine: config.site.nurseLine };
  } catch (error) {
    if (error instanceof InputError) return {};
    throw error;
  }
}

export { InputError };
