/**
 * The finished production builds `npm start` keeps, one folder per build id (the hash of its sources,
 * scripts/lib/build-inputs.ts), and which one is being served:
 *
 *   .builds/<id>/            a finished build; never changed after it is made
 *   .builds/.partial-<id>-<pid>/  a build under way; renamed to <id>/ only when it succeeded
 *   .builds/current.json     { id, previous, port }: the build served, the one before it, and the
 *                            port it was served on; replaced in one rename, so never half-written
 *   .builds/start-<id>.mjs   the quick start for build <id> (scripts/lib/bundle-fast-start.ts)
 *
 * A folder named by an id therefore always holds a whole, good build, and a failed or interrupted
 * build leaves nothing that could be served. Only the current build and the previous one are kept.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomic } from './write-file.ts';

export interface CurrentBuild {
  id: string;
  /** The build served before this one, kept for a quick way back. */
  previous: string | null;
  /** The port it was served on: used when the config can no longer be read. */
  port: number;
}

const ID = /^[0-9a-f]{16}$/;
const PARTIAL = /^\.partial-([0-9a-f]{16})-(\d+)$/;
const FAST_START = /^start-([0-9a-f]{16})\.mjs$/;

export class BuildStore {
  constructor(readonly dir: string) {}

  folder(id: string): string {
    return join(this.dir, id);
  }

  has(id: string): boolean {
    return existsSync(join(this.folder(id), 'index.html'));
  }

  /** The pointer, or null when there is none or it names no finished build (then there is nothing to serve). */
  current(): CurrentBuild | null {
    let pointer: Partial<CurrentBuild>;
    try {
      pointer = JSON.parse(readFileSync(join(this.dir, 'current.json'), 'utf8')) as Partial<CurrentBuild>;
    } catch {
      return null;
    }
    if (typeof pointer.id !== 'string' || !ID.test(pointer.id) || !this.has(pointer.id)) return null;
    const previous = typeof pointer.previous === 'string' && this.has(pointer.previous) ? pointer.previous : null;
    return { id: pointer.id, previous, port: typeof pointer.port === 'number' ? pointer.port : 0 };
  }

  /** Makes `id` the build served from now on, remembering the one it replaces; prunes the rest. */
  select(id: string, port: number): CurrentBuild {
    const before = this.current();
    const next: CurrentBuild = { id, previous: before && before.id !== id ? before.id : (before?.previous ?? null), port };
    writeAtomic(join(this.dir, 'current.json'), `${JSON.stringify(next, null, 2)}\n`, '.builds/current.json');
    this.prune(next);
    return next;
  }

  /** A fresh folder for a build of `id` to be written into; `finish` or `discard` it afterwards. */
  startPartial(id: string): string {
    mkdirSync(this.dir, { recursive: true });
    const partial = join(this.dir, `.partial-${id}-${process.pid}`);
    rmSync(partial, { recursive: true, force: true });
    return partial;
  }

  /** Moves a finished build into place under its id (another start may have got there first). */
  finish(partial: string, id: string): void {
    if (this.has(id)) {
      rmSync(partial, { recursive: true, force: true });
      return;
    }
    rmSync(this.folder(id), { recursive: true, force: true }); // an incomplete leftover, if any
    renameSync(partial, this.folder(id));
  }

  discard(partial: string): void {
    rmSync(partial, { recursive: true, force: true });
  }

  /** Deletes every build but the current and the previous, and partial builds of processes gone. */
  private prune(keep: CurrentBuild): void {
    for (const name of readdirSync(this.dir)) {
      const partial = PARTIAL.exec(name);
      if (partial) {
        if (!isRunning(Number(partial[2]))) rmSync(join(this.dir, name), { recursive: true, force: true });
      } else if (ID.test(name) && name !== keep.id && name !== keep.previous) {
        rmSync(join(this.dir, name), { recursive: true, force: true });
      } else {
        const fast = FAST_START.exec(name);
        if (fast && fast[1] !== keep.id && fast[1] !== keep.previous) rmSync(join(this.dir, name), { force: true });
      }
    }
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
