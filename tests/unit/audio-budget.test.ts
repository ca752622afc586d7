// @vitest-environment node
/**
 * The offline audio budget's rules (src/service-worker/audio-budget.ts), without a browser: the
 * worker keeps played audio within the clinic's budget, least recently played first out.
 */
import { describe, expect, it } from 'vitest';
import { emptyIndex, evictions, fitsBudget, parseIndex, reconcile, totalBytes, touch, without, type AudioIndex } from '../../src/service-worker/audio-budget';

/** Plays each url in turn (with its size), as the kiosk would, and returns the index. */
const play = (index: AudioIndex, ...files: [string, number][]) => files.reduce((next, [url, bytes]) => touch(next, url, bytes), index);

describe('the offline audio budget', () => {
  it('evicts nothing while the cached audio fits', () => {
    const index = play(emptyIndex(), ['a', 300], ['b', 300]);
    expect(totalBytes(index)).toBe(600);
    expect(evictions(index, 600)).toEqual([]);
  });

  it('evicts the least recently played first, only as much as it must', () => {
    const index = play(emptyIndex(), ['a', 300], ['b', 300], ['c', 300], ['d', 300]);
    expect(evictions(index, 900)).toEqual(['a']);
    expect(evictions(index, 600)).toEqual(['a', 'b']);
  });

  it('counts playing a file again as its latest use', () => {
    const index = play(emptyIndex(), ['a', 300], ['b', 300], ['c', 300], ['a', 300], ['d', 300]);
    expect(evictions(index, 900)).toEqual(['b']);
  });

  it('never evicts the file being played, even when it alone is near the budget', () => {
    const index = play(emptyIndex(), ['a', 300], ['b', 300], ['big', 900]);
    expect(evictions(index, 1000, new Set(['big']))).toEqual(['a', 'b']);
    // Without the protection the oldest would go first and the big one last.
    expect(evictions(index, 250)).toEqual(['a', 'b', 'big']);
  });

  it('does not cache a file larger than the whole budget', () => {
    expect(fitsBudget(1001, 1000)).toBe(false);
    expect(fitsBudget(1000, 1000)).toBe(true);
  });

  it('orders by use, not by any clock: a touch always comes after every earlier one', () => {
    let index = emptyIndex();
    for (let i = 0; i < 50; i++) index = touch(index, `f${i % 5}`, 10);
    const order = Object.entries(index.entries)
      .sort((a, b) => a[1].lastUsed - b[1].lastUsed)
      .map(([url]) => url);
    expect(order).toEqual(['f0', 'f1', 'f2', 'f3', 'f4']);
  });

  it('agrees with the cache after a worker stopped between a write and its index', () => {
    const index = play(emptyIndex(), ['a', 300], ['gone', 300], ['b', 300]);
    // "gone" was deleted from the cache; "found" was written but never indexed.
    const fixed = reconcile(index, [
      { url: 'a', bytes: 300 },
      { url: 'b', bytes: 300 },
      { url: 'found', bytes: 500 },
    ]);
    expect(Object.keys(fixed.entries).sort()).toEqual(['a', 'b', 'found']);
    expect(totalBytes(fixed)).toBe(1100);
    // A file of unknown age goes before any file the index saw played.
    expect(evictions(fixed, 600)).toEqual(['found']);
  });

  it('reads a damaged index as empty and keeps only well-formed entries', () => {
    expect(parseIndex(null)).toEqual(emptyIndex());
    expect(parseIndex({ version: 2, counter: 1, entries: {} })).toEqual(emptyIndex());
    expect(parseIndex({ version: 1, counter: 3, entries: { a: { bytes: 1, lastUsed: 2 }, b: { bytes: 'x' } } })).toEqual({
      version: 1,
      counter: 3,
      entries: { a: { bytes: 1, lastUsed: 2 } },
    });
  });

  it('forgets evicted files', () => {
    const index = play(emptyIndex(), ['a', 300], ['b', 300]);
    expect(Object.keys(without(index, ['a']).entries)).toEqual(['b']);
    expect(without(index, ['a']).counter).toBe(index.counter);
  });
});
