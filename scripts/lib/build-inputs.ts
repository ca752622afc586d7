/**
 * What a production build is made from, and one hash over all of it: the build's id. Content, not
 * file times, decides, so a checkout, a copy or a `touch` never makes `npm start` rebuild, and the
 * same sources on any machine give the same id (a kiosk that restarts does not reload for nothing).
 *
 * The inputs are the code (src/, scripts/, public/, index.html, the Vite and TypeScript configs), the
 * dependencies (package.json and the lockfile stand for node_modules), and the content (the config,
 * locales/, audio/ and the site files in sites/), which may come from another folder (KIOSK_CONTENT_ROOT, as the tests do).
 *
 * Reading and hashing all of it (about 50 MB, most of it audio) was most of an unchanged `npm start`.
 * So each file's own hash is remembered in `.builds/input-hashes.json` beside what `stat` says of it
 * (size, modified and changed times to the nanosecond, inode), as git's index does: a file whose stat
 * is as remembered is not read again. The id is still a hash of the contents; a `touch` only costs
 * reading that file again. A file changed within two seconds of being hashed is never remembered
 * (a later change in the same clock tick would keep its times).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { writeAtomic } from './write-file.ts';

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

export function buildInputs(root: string, contentRoot = root, options: { now?: number } = {}): BuildInputs {
  const files = [
    ...listInputs(root, CODE_FILES, CODE_FOLDERS).map((path) => ({ base: root, path })),
    ...listInputs(contentRoot, CONTENT_FILES, CONTENT_FOLDERS).map((path) => ({ base: contentRoot, path })),
  ];
  // Only for the kiosk's own folder: content roots made by tests come and go.
  const cache = contentRoot === root ? new HashCache(join(root, '.builds', 'input-hashes.json'), options.now ?? Date.now()) : null;
  const hash = createHash('sha256');
  for (const { base, path } of files) {
    // The name is hashed with the contents, so a file moved or renamed is a change too.
    const name = relative(base, path).split('\\').join('/');
    hash.update(`${name}\0${cache ? cache.hashOf(path, name) : hashFile(path)}\0`);
  }
  cache?.save();
  return { id: hash.digest('hex').slice(0, ID_LENGTH), files: files.map((f) => f.path) };
}

function hashFile(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/**
 * The cache: for each file, one string "<size> <mtime ns> <ctime ns> <inode> <sha256>" (what stat
 * said when the hash was taken, then the hash). One string per file, not an object: the quick start
 * reads thousands of them, and fewer objects is less for the collector.
 */
type Entries = Record<string, string>;
const VERSION = 2;

/** The cache's entries, or none if it is missing or not what this code writes (then all is read). */
function readCache(file: string): Entries {
  // Checked by hand, not with zod: loading zod would cost the quick start more than the cache saves.
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || !('version' in parsed) || parsed.version !== VERSION || !('files' in parsed)) return {};
    const files = parsed.files;
    if (typeof files !== 'object' || files === null) return {};
    const entries: Entries = {};
    for (const [name, entry] of Object.entries(files)) if (typeof entry === 'string') entries[name] = entry;
    return entries;
  } catch {
    return {};
  }
}

const RACY_NS = 2_000_000_000n;
const SHA256_HEX = 64;

class HashCache {
  private readonly before: Entries;
  private readonly after: Entries = {};
  private changed = false;
  private readonly now: bigint;

  constructor(
    private readonly file: string,
    nowMs: number,
  ) {
    this.before = readCache(file);
    this.now = BigInt(Math.round(nowMs)) * 1_000_000n;
  }

  /** `name`: the path from the kiosk's folder, which the cache is kept for. */
  hashOf(path: string, name: string): string {
    const stat = statSync(path, { bigint: true });
    const key = `${stat.size} ${stat.mtimeNs} ${stat.ctimeNs} ${stat.ino} `;
    const known = this.before[name];
    if (known?.length === key.length + SHA256_HEX && known.startsWith(key)) {
      this.after[name] = known;
      return known.slice(key.length);
    }
    const sha256 = hashFile(path);
    this.changed = true;
    if (this.now - stat.mtimeNs > RACY_NS && this.now - stat.ctimeNs > RACY_NS) this.after[name] = key + sha256;
    return sha256;
  }

  save(): void {
    if (!this.changed && Object.keys(this.after).length === Object.keys(this.before).length) return;
    try {
      writeAtomic(this.file, JSON.stringify({ version: VERSION, files: this.after }), '.builds/input-hashes.json');
    } catch {
      // A read-only checkout still starts; it reads every file each time.
    }
  }
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
