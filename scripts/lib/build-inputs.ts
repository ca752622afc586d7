/**
 * What a production build is made from, and one hash over all of it: the build's id. Content, not
 * file times, decides, so a checkout, a copy or a `touch` never makes `npm start` rebuild, and the
 * same sources on any machine give the same id (a kiosk that restarts does not reload for nothing).
 *
 * The inputs are the code (src/, scripts/, public/, index.html, the Vite and TypeScript configs), the
 * dependencies (package.json and the lockfile stand for node_modules), and the content (the config,
 * locales/, audio/ and the site files in sites/), which may come from another folder (KIOSK_CONTENT_ROOT, as the tests do).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const CODE_FILES = ['index.html', 'package.json', 'package-lock.json', 'tsconfig.json', 'vite.config.ts'];
const CODE_FOLDERS = ['src', 'scripts', 'public'];
const CONTENT_FILES = ['kiosk.config.json'];
const CONTENT_FOLDERS = ['locales', 'audio', 'sites'];

/** Long enough never to collide between two builds of one kiosk or fleet, short enough to read out. */
const ID_LENGTH = 16;

export interface BuildInputs {
  /** The hash of every input's path and bytes: the build id. */
  id: string;
  /** Absolute paths, in the order hashed. */
  files: string[];
}

export function buildInputs(root: string, contentRoot = root): BuildInputs {
  const files = [
    ...listInputs(root, CODE_FILES, CODE_FOLDERS).map((path) => ({ base: root, path })),
    ...listInputs(contentRoot, CONTENT_FILES, CONTENT_FOLDERS).map((path) => ({ base: contentRoot, path })),
  ];
  const hash = createHash('sha256');
  for (const { base, path } of files) {
    // The name is hashed with the bytes, so a file moved or renamed is a change too. A length prefix
    // keeps one file's end from passing for the next one's start.
    const name = relative(base, path).split('\\').join('/');
    const body = readFileSync(path);
    hash.update(`${name}\0${body.length}\0`).update(body);
  }
  return { id: hash.digest('hex').slice(0, ID_LENGTH), files: files.map((f) => f.path) };
}

/** The named files that exist, then every file under the named folders, sorted; no dotfiles. */
function listInputs(base: string, names: string[], folders: string[]): string[] {
  const files = names.map((name) => join(base, name)).filter(isFile);
  for (const folder of folders) files.push(...walk(join(base, folder)));
  return files;
}

function walk(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return []; // A folder a checkout does not have (no audio yet) is simply no input.
  }
  return entries
    .filter((entry) => !entry.name.startsWith('.'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return walk(path);
      return entry.isFile() ? [path] : [];
    });
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
