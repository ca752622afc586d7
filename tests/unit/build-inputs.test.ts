import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildInputs } from '../../scripts/lib/build-inputs';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function tree(): string {
  const root = mkdtempSync(join(tmpdir(), 'kiosk-inputs-'));
  roots.push(root);
  mkdirSync(join(root, 'src'));
  mkdirSync(join(root, 'audio', 'en'), { recursive: true });
  writeFileSync(join(root, 'kiosk.config.json'), '{"defaultLanguage":"en"}');
  writeFileSync(join(root, 'src', 'main.tsx'), 'export {};\n');
  writeFileSync(join(root, 'audio', 'en', 'a.webm'), Buffer.alloc(4096, 1));
  return root;
}

/** Well after every file above was written: the cache may remember them all. */
const later = () => Date.now() + 60_000;
const cacheOf = (root: string) => JSON.parse(readFileSync(join(root, '.builds', 'input-hashes.json'), 'utf8')) as { files: Record<string, unknown> };

describe('the build id', () => {
  it('is the same whether the file hashes come from the cache or from the files', () => {
    const root = tree();
    const uncached = buildInputs(root, `${root}/`, { now: later() }).id; // another content root: no cache
    expect(existsSync(join(root, '.builds', 'input-hashes.json'))).toBe(false);
    const first = buildInputs(root, root, { now: later() });
    expect(existsSync(join(root, '.builds', 'input-hashes.json'))).toBe(true);
    expect(Object.keys(cacheOf(root).files)).toHaveLength(first.files.length);
    const second = buildInputs(root, root, { now: later() });
    expect([first.id, second.id]).toEqual([uncached, uncached]);
  });

  it('changes when a file changes, even to the same size with its old modified time put back', () => {
    const root = tree();
    const before = buildInputs(root, root, { now: later() }).id;
    const audio = join(root, 'audio', 'en', 'a.webm');
    const { atime, mtime } = statSync(audio);
    writeFileSync(audio, Buffer.alloc(4096, 2));
    utimesSync(audio, atime, mtime);
    expect(buildInputs(root, root, { now: later() }).id).not.toBe(before);
  });

  it('does not change when a file is only touched', () => {
    const root = tree();
    const before = buildInputs(root, root, { now: later() }).id;
    const now = new Date();
    utimesSync(join(root, 'src', 'main.tsx'), now, now);
    expect(buildInputs(root, root, { now: later() }).id).toBe(before);
  });

  it('reads every file again when the cache is damaged, and gives the same id', () => {
    const root = tree();
    const before = buildInputs(root, root, { now: later() }).id;
    writeFileSync(join(root, '.builds', 'input-hashes.json'), '{"version":2,"files":{"src/main.tsx":3,"kiosk.config.json":"1 2 3 4 5"}}');
    expect(buildInputs(root, root, { now: later() }).id).toBe(before);
    writeFileSync(join(root, '.builds', 'input-hashes.json'), 'not json');
    expect(buildInputs(root, root, { now: later() }).id).toBe(before);
  });

  it('does not remember a file changed within two seconds of hashing (a change in the same tick would keep its times)', () => {
    const root = tree();
    buildInputs(root, root);
    expect(cacheOf(root).files).toEqual({});
  });
});
