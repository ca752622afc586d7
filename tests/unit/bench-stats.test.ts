// @vitest-environment node
/** The benchmark's arithmetic (bench/stats.ts): a wrong percentile would make every report wrong. */
import { describe, expect, it } from 'vitest';
import { changeTiming, highlightError, percentile, startsFromTimings, summarise, wordAt } from '../../bench/stats';

describe('percentile', () => {
  it('interpolates between closest ranks, whatever the input order', () => {
    const values = [40, 10, 30, 20, 50];
    expect(percentile(values, 0)).toBe(10);
    expect(percentile(values, 50)).toBe(30);
    expect(percentile(values, 100)).toBe(50);
    expect(percentile(values, 95)).toBeCloseTo(48);
    expect(percentile([1, 2], 50)).toBe(1.5);
    expect(values).toEqual([40, 10, 30, 20, 50]);
  });

  it('is NaN with no values and the value itself with one', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(percentile([7], 95)).toBe(7);
  });

  it('summarises count, p50, p95 and max', () => {
    const values = Array.from({ length: 101 }, (_, i) => i);
    expect(summarise(values)).toEqual({ n: 101, p50: 50, p95: 95, max: 100 });
  });
});

// Words start at 0 s, 0.5 s, 1 s and 2 s.
const starts = [0, 0.5, 1, 2];

describe('highlightError', () => {
  it('is zero when the highlighted word is the one being spoken', () => {
    expect(wordAt(starts, 0.75)).toBe(1);
    expect(highlightError(starts, 0.75, 1, 1)).toBe(0);
    expect(highlightError(starts, 5, 3, 1)).toBe(0);
  });

  it('is the time to the boundary between the two words when the highlight lags', () => {
    // At 1.01 s word 2 is spoken but word 1 is still lit: 10 ms past the boundary at 1 s.
    expect(highlightError(starts, 1.01, 1, 1)).toBeCloseTo(10);
  });

  it('is the time to the boundary when the highlight leads', () => {
    expect(highlightError(starts, 0.985, 2, 1)).toBeCloseTo(15);
  });

  it('is in wall-clock time: audio time divided by the playback rate', () => {
    expect(highlightError(starts, 1.02, 1, 2)).toBeCloseTo(10);
    expect(highlightError(starts, 0.97, 2, 1.5)).toBeCloseTo(20);
  });

  it('measures to the nearest moment the highlight would be right when it is several words out', () => {
    expect(highlightError(starts, 2.1, 0, 1)).toBeCloseTo(1600);
  });

  it('counts no highlight as right only before the first word', () => {
    expect(highlightError([0.2, 0.5], 0.1, -1, 1)).toBe(0);
    expect(highlightError([0.2, 0.5], 0.25, -1, 1)).toBeCloseTo(50);
  });
});

describe('changeTiming', () => {
  it('sorts each change of the spoken word into early, same frame, one frame late or later', () => {
    const frames = [
      // Word 0 → 1 at 0.5 s: the highlight moves on the same frame.
      { time: 0.49, word: 0 },
      { time: 0.51, word: 1 },
      // 1 → 2 at 1 s: one frame late.
      { time: 0.99, word: 1 },
      { time: 1.01, word: 1 },
      { time: 1.03, word: 2 },
      // 2 → 3 at 2 s: a frame early.
      { time: 1.98, word: 3 },
      { time: 2.01, word: 3 },
    ];
    expect(changeTiming(starts, frames)).toEqual({ changes: 3, early: 1, sameFrame: 1, oneFrameLate: 1, later: 0 });
  });

  it('counts a change the highlight never followed as later', () => {
    expect(changeTiming(starts, [{ time: 0.4, word: 0 }, { time: 0.6, word: 0 }, { time: 0.7, word: 0 }]).later).toBe(1);
  });
});

describe('startsFromTimings', () => {
  it('orders word starts by index', () => {
    expect(startsFromTimings([{ index: 1, start: 0.5 }, { index: 0, start: 0 }])).toEqual([0, 0.5]);
  });
});
