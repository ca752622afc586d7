// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createAudioClock } from '../../src/speech/audio-clock';

/** The sound at 2x, started at wall time 1000 ms: `line(now)` s of audio. */
const line = (now: number, rate = 2, from = 0) => from + ((now - 1000) / 1000) * rate;

describe('the audio clock', () => {
  it("follows the sound's line through readings that wobble around it", () => {
    const clock = createAudioClock();
    // ±8 ms of wall time, as Chromium's currentTime steps while it time-stretches at 2x.
    const wobble = [0, 6, -8, 3, -3, 8, -6, 0];
    let worstRaw = 0;
    let worst = 0;
    for (let i = 1; i < 120; i++) {
      const now = 1000 + i * 16.7;
      const reading = line(now + (wobble[i % wobble.length] as number));
      const position = clock.read(reading, now, 2);
      if (i < 10) continue;
      worstRaw = Math.max(worstRaw, Math.abs(reading - line(now)));
      worst = Math.max(worst, Math.abs(position - line(now)));
    }
    // In wall-clock ms: a single reading is up to 8 ms off, the clock under 1.
    expect((worstRaw / 2) * 1000).toBeGreaterThan(7.9);
    expect((worst / 2) * 1000).toBeLessThan(1);
  });

  it('runs on through a reading that holds still for a frame', () => {
    const clock = createAudioClock();
    let now = 1000;
    for (let i = 1; i <= 20; i++) clock.read(line((now += 16.7), 1), now, 1);
    const stuck = line(now, 1);
    now += 16.7;
    expect(clock.read(stuck, now, 1)).toBeCloseTo(line(now, 1), 3);
  });

  it('takes a jump at once: a seek, or a stall that the element reports', () => {
    const clock = createAudioClock();
    let now = 1000;
    for (let i = 1; i <= 20; i++) clock.read(line((now += 16.7), 1), now, 1);
    now += 16.7;
    expect(clock.read(5, now, 1)).toBe(5);
    now += 16.7;
    expect(clock.read(5.0167, now, 1)).toBeCloseTo(5.0167, 4);
  });

  it('reads the start position as it is until the clock moves, and starts over on a new rate or a reset', () => {
    const clock = createAudioClock();
    expect(clock.read(3, 1000, 1)).toBe(3);
    expect(clock.read(3, 1016.7, 1)).toBe(3);
    expect(clock.read(3.01, 1033.4, 1)).toBeCloseTo(3.01, 6);
    // Half speed from here: the old line (slope 1) is not the new one (slope 0.5).
    expect(clock.read(3.01, 1050, 0.5)).toBe(3.01);
    expect(clock.read(3.018, 1066.7, 0.5)).toBeCloseTo(3.018, 6);
    clock.reset();
    expect(clock.read(7, 2000, 0.5)).toBe(7);
  });
});
