import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { precompressFile, precompressFolder } from '../../scripts/vite/precompress.ts';

const made: string[] = [];
const folder = (files: Record<string, string>) => {
  const dir = mkdtempSync(join(tmpdir(), 'precompress-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
};
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const chunk = Array.from({ length: 400 }, (_, i) => `export const line${i} = "section ${i % 17}";`).join('\n');
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('precompressed copies', () => {
  it('writes brotli and gzip copies that decode to the file, and none for a file under 1 KB', async () => {
    const dir = folder({ 'app.js': chunk, 'tiny.js': 'export {};', 'voice.webm': chunk });
    await precompressFolder(dir);
    expect(brotliDecompressSync(readFileSync(join(dir, 'app.js.br'))).toString()).toBe(chunk);
    expect(gunzipSync(readFileSync(join(dir, 'app.js.gz'))).toString()).toBe(chunk);
    expect(readFileSync(join(dir, 'app.js.br')).length).toBeLessThan(chunk.length / 5);
    expect(existsSync(join(dir, 'tiny.js.br'))).toBe(false);
    expect(existsSync(join(dir, 'voice.webm.br'))).toBe(false);
  });

  it('makes no copies of site files, which staff may edit on the server after the build', async () => {
    const dir = folder({});
    mkdirSync(join(dir, 'sites'));
    writeFileSync(join(dir, 'sites', 'lobby-2.json'), chunk);
    await precompressFolder(dir);
    expect(readdirSync(join(dir, 'sites'))).toEqual(['lobby-2.json']);
  });

  it('replaces the copies of a file changed in place, and removes those it no longer writes', async () => {
    const worker = join(folder({ 'sw.js': 'self.version = 1;\n'.repeat(100) }), 'sw.js');
    await precompressFile(worker);
    // A new worker written over the old one: the old copies beside it would be sent in its place.
    writeFileSync(worker, 'self.version = 2;\n'.repeat(100));
    await precompressFile(worker);
    expect(brotliDecompressSync(readFileSync(`${worker}.br`)).toString()).toBe('self.version = 2;\n'.repeat(100));
    expect(gunzipSync(readFileSync(`${worker}.gz`)).toString()).toBe('self.version = 2;\n'.repeat(100));
    // Now too small to be worth a copy: none is left beside it.
    writeFileSync(worker, 'self.version = 3;\n');
    await precompressFile(worker);
    expect(existsSync(`${worker}.br`)).toBe(false);
    expect(existsSync(`${worker}.gz`)).toBe(false);
  });

  it('reuses the copies an earlier build made of the same bytes, from the cache', async () => {
    const cache = folder({});
    await precompressFolder(folder({ 'handout-a1.js': chunk }), cache);
    expect(readdirSync(cache).sort()).toEqual([`${sha(chunk)}.br`, `${sha(chunk)}.gz`]);
    // A marker in the cache shows the next build took its copy from there rather than compressing again.
    const marker = Buffer.from('from the cache');
    writeFileSync(join(cache, `${sha(chunk)}.br`), marker);
    const next = folder({ 'handout-b2.js': chunk });
    await precompressFolder(next, cache);
    expect(readFileSync(join(next, 'handout-b2.js.br'))).toEqual(marker);
  });

  it('makes a copy again when the cache holds only half of it, and forgets copies unused for a week', async () => {
    const cache = folder({});
    await precompressFolder(folder({ 'a.js': chunk }), cache);
    rmSync(join(cache, `${sha(chunk)}.gz`));
    const old = `${chunk}\n// an older handout`;
    writeFileSync(join(cache, `${sha(old)}.br`), 'stale');
    const weekAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000);
    utimesSync(join(cache, `${sha(old)}.br`), weekAgo, weekAgo);
    const next = folder({ 'a.js': chunk });
    await precompressFolder(next, cache);
    expect(gunzipSync(readFileSync(join(next, 'a.js.gz'))).toString()).toBe(chunk);
    expect(readdirSync(cache).sort()).toEqual([`${sha(chunk)}.br`, `${sha(chunk)}.gz`]);
  });
});
