// @vitest-environment node
/** The benchmark's arithmetic (bench/stats.ts): a wrong percentile would make every report wrong. */
import { describe, expect, it } from 'vitest';
import { clockJitter, frameInterval, glassTiming, heardAt, movingReadings, percentile, startsFromTimings, summarise, summariseSigned, type ClockReading } from '../../bench/stats';

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

describe('glassTiming', () => {
  // Words start at 1, 1.5 and 2 s of audio; frames every 16 ms from t = 0.
  const starts = [1, 1.5, 2];
  const frames = Array.from({ length: 400 }, (_, i) => i * 16);

  it("measures each move against its word's start, in wall-clock ms, and adds the wait for the frame to reach the screen", () => {
    const timing = glassTiming(
      starts,
      frames,
      [
        // Changed 3 ms into the frame that began at 1600 ms, 4 ms of audio before word 0 starts, at 1x.
        { at: 1603, time: 0.996, rate: 1, word: 0 },
        // At 2x: 10 ms of audio late is 5 ms of wall time.
        { at: 2405, time: 1.51, rate: 2, word: 1 },
      ],
      16,
      [],
    );
    expect(timing.dom.map((v) => Math.round(v * 10) / 10)).toEqual([-4, 5]);
    // Shown at 1616 (13 ms after the change) and 2416 (11 ms after).
    expect(timing.glass.map((v) => Math.round(v * 10) / 10)).toEqual([9, 16]);
    expect(timing.missed).toBe(0);
    expect(timing.words).toBe(2);
    // No clock readings around them: both measured against their single reading, and counted.
    expect(timing.unanchored).toBe(2);
  });

  it('counts a word the highlight skipped', () => {
    const timing = glassTiming(
      starts,
      frames,
      [
        { at: 1000, time: 1, rate: 1, word: 0 },
        { at: 2000, time: 2, rate: 1, word: 2 },
      ],
      16,
      [],
    );
    expect(timing.missed).toBe(1);
    expect(timing.words).toBe(3);
  });

  it('reads the frame interval as the median gap and keeps the sign of the mean', () => {
    expect(frameInterval([0, 16, 32, 49, 100, 116])).toBe(16);
    expect(summariseSigned([-4, 2, -1])).toMatchObject({ p50: 2, max: 4, mean: -1 });
  });
});

describe("the media clock's line", () => {
  // At 2x the sound reaches t s of audio at 500 + 500·t ms of wall time; readings every 16 ms wobble
  // by up to ±8 ms of wall time around it, as Chromium's currentTime does while time-stretching.
  const wobble = [0, 6, -8, 3, -3, 8, -6, 0];
  const line = (at: number) => (at - 500) / 500;
  const readings: ClockReading[] = Array.from({ length: 200 }, (_, i) => {
    const at = 500 + i * 16;
    return { at, time: line(at + (wobble[i % wobble.length] as number)) };
  });

  it('places the moment a word is heard on the line, not on the nearest reading', () => {
    // Word at 1.2 s: heard at 1100 ms. The readings around it wobble by up to 8 ms of wall time, so
    // one of them alone would place it up to 8 ms off.
    expect(heardAt(1.2, 2, readings)).toBeCloseTo(1100, 0);
    expect(heardAt(2.5, 2, readings)).toBeCloseTo(1750, 0);
  });

  it('gives no line where fewer than five readings are near, and drops the readings from before the clock moved', () => {
    expect(heardAt(1.2, 2, readings.slice(0, 3))).toBeNull();
    // readings[0] says 0 s too: the element still at its start position.
    const starting: ClockReading[] = [{ at: 468, time: 0 }, { at: 484, time: 0 }, ...readings];
    expect(movingReadings(starting)[0]).toBe(readings[1]);
    expect(
      movingReadings([
        { at: 0, time: 0 },
        { at: 16, time: 0 },
      ]),
    ).toEqual([]);
  });

  it("measures the glass against the line and reports the readings' own wobble", () => {
    // A frame began at 1084 ms and is shown at 1100 ms, when word 0 (1.2 s) is heard: on time,
    // although the reading at the change (1092 ms) wobbled 6 ms early.
    const frames = Array.from({ length: 300 }, (_, i) => 12 + i * 16);
    const change = { at: 1092, time: line(1098), rate: 2, word: 0 };
    const timing = glassTiming([1.2], frames, [change], 16, readings);
    expect(timing.unanchored).toBe(0);
    expect(timing.glass[0]).toBeCloseTo(0, 0);
    const jitter = clockJitter(readings, 2).map(Math.abs);
    expect(Math.max(...jitter)).toBeGreaterThan(6);
    expect(Math.max(...jitter)).toBeLessThanOrEqual(8.5);
  });
});

describe('startsFromTimings', () => {
  it('orders word starts by index', () => {
    expect(
      startsFromTimings([
        { index: 1, start: 0.5 },
        { index: 0, start: 0 },
      ]),
    ).toEqual([0, 0.5]);
  });
});
