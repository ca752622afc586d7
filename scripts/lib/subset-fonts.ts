/**
 * Fonts for the scripts Atkinson Hyperlegible does not cover (Arabic, Gurmukhi, Chinese, Nastaliq…),
 * each declared by its language in `locales/<lang>/language.json`, cut down at build time to the
 * characters that language's content and interface actually use, so a language adds tens of
 * kilobytes of font rather than megabytes. Each subset keeps its `unicode-range`, so the browser
 * fetches a script's font only when that script is on screen, and a `:lang()` rule puts the
 * language's own font first, so Urdu is drawn in Nastaliq and Cantonese in Traditional glyphs even
 * where another language's font covers the same characters.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import subsetFont from 'subset-font';

/** A language's font, and the text it must draw. */
export interface FontRequest {
  lang: string;
  family: string;
  /** The @fontsource package, and which of its faces to use (by file name prefix). */
  packageName: string;
  filePrefix?: string;
  lineHeight?: number;
  /** Everything the language shows: its strings, handouts and name. */
  text: string;
}

interface FontFamily {
  family: string;
  packageName: string;
  filePrefix: string;
  langs: { lang: string; lineHeight?: number }[];
  text: string;
}

const WEIGHTS = [400, 700] as const;

/** One entry per family: languages that share a font share its subset. */
function familiesOf(requests: readonly FontRequest[]): FontFamily[] {
  const families = new Map<string, FontFamily>();
  for (const request of requests) {
    const prefix = request.filePrefix ?? `${request.packageName.replace(/^@fontsource\//, '')}-`;
    const key = `${request.family}\0${request.packageName}\0${prefix}`;
    let family = families.get(key);
    if (!family) {
      family = { family: request.family, packageName: request.packageName, filePrefix: prefix, langs: [], text: '' };
      families.set(key, family);
    }
    family.langs.push({ lang: request.lang, ...(request.lineHeight ? { lineHeight: request.lineHeight } : {}) });
    family.text += request.text;
  }
  return [...families.values()];
}

interface Face {
  file: string;
  ranges: [number, number][];
}

function parseRanges(value: string): [number, number][] {
  return value.split(',').map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
    return [parseInt(from as string, 16), parseInt((to ?? from) as string, 16)];
  });
}

function facesOf(family: FontFamily, weight: number): Face[] {
  const require = createRequire(import.meta.url);
  let cssPath: string;
  try {
    cssPath = require.resolve(`${family.packageName}/${weight}.css`);
  } catch {
    throw new Error(
      `${family.packageName} (font "${family.family}" of ${family.langs.map((l) => `locales/${l.lang}/language.json`).join(', ')}) is not installed, or has no weight ${weight}: npm install -D --save-exact ${family.packageName}`,
    );
  }
  const css = readFileSync(cssPath, 'utf8');
  const faces: Face[] = [];
  for (const block of css.split('@font-face').slice(1)) {
    const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
    if (!file || !range || !file.startsWith(family.filePrefix)) continue;
    faces.push({ file: join(dirname(cssPath), 'files', file), ranges: parseRanges(range) });
  }
  return faces;
}

function toRange(points: number[]): string {
  const sorted = [...points].sort((a, b) => a - b);
  const parts: string[] = [];
  let start = sorted[0];
  let end = start;
  for (const point of sorted.slice(1).concat([Number.NaN])) {
    if (point === (end as number) + 1) {
      end = point;
      continue;
    }
    const hex = (n: number) => n.toString(16).toUpperCase();
    if (start !== undefined) parts.push(start === end ? `U+${hex(start)}` : `U+${hex(start)}-${hex(end as number)}`);
    start = point;
    end = point;
  }
  return parts.join(',');
}

export interface FontReport {
  family: string;
  weight: number;
  file: string;
  bytes: number;
  characters: number;
}

/**
 * Writes subset fonts and `fonts.css` into `outDir` for every language's font and the characters
 * that language uses. Skips the work when the same fonts and characters were subset before.
 */
export function writeSubsetFonts(outDir: string, requests: readonly FontRequest[]): Promise<FontReport[]> {
  // Vitest starts its projects together in one process, each running the build plugin: the same
  // fonts are made once and shared, not written twice into the same folder at the same time.
  const key = `${outDir}\0${JSON.stringify(requests)}`;
  let pending = inFlight.get(key);
  if (!pending) {
    pending = makeSubsetFonts(outDir, familiesOf(requests)).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}

const inFlight = new Map<string, Promise<FontReport[]>>();

const codePoints = (text: string) => [...new Set(Array.from(text, (ch) => ch.codePointAt(0) as number))].filter((cp) => cp > 0x24f).sort((a, b) => a - b);

async function makeSubsetFonts(outDir: string, families: readonly FontFamily[]): Promise<FontReport[]> {
  const wanted = families.map((family) => ({ family, used: codePoints(family.text) }));
  const stamp = createHash('sha256')
    .update(JSON.stringify(wanted.map(({ family, used }) => [family.family, family.packageName, family.filePrefix, family.langs, used])))
    .update('v2')
    .digest('hex')
    .slice(0, 16);
  const stampFile = join(outDir, 'stamp.json');
  if (existsSync(stampFile)) {
    const previous = JSON.parse(readFileSync(stampFile, 'utf8')) as { stamp: string; report: FontReport[] };
    if (previous.stamp === stamp && previous.report.every((r) => existsSync(join(outDir, r.file)))) return previous.report;
  }

  const temp = `${outDir}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp, { recursive: true });
  const rules: string[] = ['/* generated by scripts/lib/subset-fonts.ts; do not edit */'];
  const report: FontReport[] = [];
  for (const { family, used } of wanted) {
    for (const weight of WEIGHTS) {
      for (const face of facesOf(family, weight)) {
        const covered = used.filter((cp) => face.ranges.some(([from, to]) => cp >= from && cp <= to));
        if (!covered.length) continue;
        const subset = await subsetFont(readFileSync(face.file), String.fromCodePoint(...covered), { targetFormat: 'woff2' });
        const name = `${family.family.toLowerCase().replace(/\s+/g, '-')}-${weight}-${report.length}.woff2`;
        writeFileSync(join(temp, name), subset);
        report.push({ family: family.family, weight, file: name, bytes: subset.length, characters: covered.length });
        rules.push(
          `@font-face {\n  font-family: '${family.family}';\n  font-style: normal;\n  font-weight: ${weight};\n  font-display: swap;\n  src: url('./${name}') format('woff2');\n  unicode-range: ${toRange(covered)};\n}`,
        );
      }
    }
  }
  // Every script's font after Atkinson Hyperlegible (see --font-body in src/styles/base.css), and each
  // language's own font ahead of the others wherever that language is marked up.
  const stack = (first?: string) => ["'Atkinson Hyperlegible'", ...(first ? [`'${first}'`] : []), 'var(--font-scripts)', 'sans-serif'].join(', ');
  rules.push(`:root {\n  --font-scripts: ${[...new Set(families.map((f) => `'${f.family}'`))].join(', ') || 'sans-serif'};\n}`);
  for (const family of families) {
    for (const { lang, lineHeight } of family.langs) {
      rules.push(`:lang(${lang}) {\n  font-family: ${stack(family.family)};${lineHeight ? `\n  --line-height: ${lineHeight};` : ''}\n}`);
    }
  }
  writeFileSync(join(temp, 'fonts.css'), rules.join('\n\n') + '\n');
  writeFileSync(join(temp, 'stamp.json'), JSON.stringify({ stamp, report }, null, 2));
  // Swap the folder in whole, so a build never sees half a set of fonts. Another process may have
  // just done the same work; then its folder stands and ours goes.
  rmSync(outDir, { recursive: true, force: true });
  try {
    renameSync(temp, outDir);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    if (!existsSync(stampFile)) throw error;
  }
  return report;
}

/** Every character a visitor can see: interface strings, handouts and the language names. */
export function visibleText(parts: Iterable<unknown>): string {
  const out: string[] = [];
  const visit = (value: unknown) => {
    if (typeof value === 'string') out.push(value);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  for (const part of parts) visit(part);
  return out.join('');
}
