/**
 * scripts/vite-plugin-precompress.ts: the brotli and gzip copies the servers send in place of a file
 * must always be of the file as it is now.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it, onTestFinished } from 'vitest';
import { precompressFile, precompressFolder } from '../../scripts/vite-plugin-precompress.ts';

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'precompress-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('precompressed copies', () => {
  it('writes a brotli and a gzip copy of each text file of 1 KB or more, and none of smaller or binary files', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'sw.js'), 'self.version = 1;\n'.repeat(100));
    writeFileSync(join(dir, 'favicon.svg'), '<svg/>');
    writeFileSync(join(dir, 'voice.webm'), 'x'.repeat(2000));
    await precompressFolder(dir);
    expect(brotliDecompressSync(readFileSync(join(dir, 'sw.js.br'))).equals(readFileSync(join(dir, 'sw.js')))).toBe(true);
    expect(gunzipSync(readFileSync(join(dir, 'sw.js.gz'))).equals(readFileSync(join(dir, 'sw.js')))).toBe(true);
    for (const absent of ['favicon.svg.br', 'favicon.svg.gz', 'voice.webm.br', 'voice.webm.gz']) expect(existsSync(join(dir, absent))).toBe(false);
  });

  it('replaces the copies of a file changed in place, and removes those it no longer writes', async () => {
    const dir = folder();
    const worker = join(dir, 'sw.js');
    writeFileSync(worker, 'self.version = 1;\n'.repeat(100));
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
});
