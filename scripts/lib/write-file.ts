/**
 * Writing generated and edited files so that nothing is ever half-written: the audio build, the
 * prompt clips and `npm run review` all go through here.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { InputError } from './input-error.ts';

export function writeIfChanged(path: string, data: string, shown: string): boolean {
  try {
    if (readFileSync(path, 'utf8') === data) return false;
  } catch {
    // missing or unreadable: write it
  }
  writeAtomic(path, data, shown);
  return true;
}

/**
 * Writes through a temp file in the same folder and renames it over the target, so a reader (or a
 * run cut short) sees the old file or the new one, never half of one.
 */
export function writeAtomic(path: string, data: string | Uint8Array, shown: string): void {
  const temp = `${path}.tmp-${process.pid}`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temp, data);
    renameSync(temp, path);
  } catch (error) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // The temp file was never created (its folder could not be).
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code && ['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST', 'EISDIR', 'ENOSPC'].includes(code)) {
      throw new InputError([{ file: shown, message: `cannot be written (${(error as Error).message}); check that its folder is writable` }]);
    }
    throw error;
  }
}
