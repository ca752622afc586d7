// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createAudioClock } from '../../src/speech/audio-clock';
import { createStartDelays, REFERENCE_START_DELAYS } from '../../src/speech/start-delay';

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

  it("follows a start by the device's delay, not by the readings, and learns that delay for the next start", () => {
    // Chromium, asked at `at` to play from 3 s at 2x, is heard there `delay` ms later; its clock holds
    // the start, jumps 18 ms of audio ahead 25 ms in, and holds there until the sound catches up.
    const truth = (now: number, at: number, delay: number) => 3 + (Math.max(0, now - at - delay) / 1000) * 2;
    const reading = (now: number, at: number, delay: number) => (now - at < 25 ? 3 : Math.max(truth(now, at, delay), 3.018));
    const delays = createStartDelays();
    const clock = createAudioClock(delays);
    const errors = (at: number, delay: number) => {
      clock.start(3, at, 2);
      const wallMs: number[] = [];
      for (let now = at + 5; now < at + 400; now += 16.7) {
        const position = clock.read(reading(now, at, delay), now, 2);
        // Before the sound is heard the clock is before the start, on the line that leads to it.
        const expected = 3 + ((now - at - delay) / 1000) * 2;
        wallMs.push(((position - expected) / 2) * 1000);
      }
      return wallMs;
    };
    expect(delays.at(2)).toBe(90);
    // The first start on this device: 30 ms slower than the reference machine, so up to 30 ms early at first.
    const first = errors(1000, 120);
    expect(Math.max(...first.map(Math.abs))).toBeGreaterThan(25);
    expect(delays.at(2)).toBeCloseTo(120, 6);
    // Every later start is on time from its first frame; the raw readings would be up to 120 ms early.
    const later = errors(5000, 120);
    expect(Math.max(...later.map(Math.abs))).toBeLessThan(1);
    // The delay learned at 2x serves another speed until that speed has its own, less the 10 ms the
    // reference machine's time-stretcher added at 2x.
    expect(delays.at(1)).toBeCloseTo(110, 6);
  });

  it('keeps the median of the last five delays at a speed, and ignores one that cannot be a start', () => {
    const delays = createStartDelays();
    for (const ms of [90, 95, 400, 100, 85]) delays.learn(1, ms);
    expect(delays.at(1)).toBe(95);
    delays.learn(1, 5000);
    delays.learn(1, -3);
    expect(delays.at(1)).toBe(95);
    delays.learn(0.75, 105);
    expect(delays.at(0.75)).toBe(105);
    expect(delays.at(1)).toBe(95);
  });

  it("lends a delay learned at one speed to another with the reference machine's difference between them", () => {
    // Before any start: the reference machine's delays, in a line between its speeds.
    const delays = createStartDelays();
    expect(REFERENCE_START_DELAYS.map(([rate]) => delays.at(rate))).toEqual(REFERENCE_START_DELAYS.map(([, ms]) => ms));
    expect(delays.at(0.9)).toBeCloseTo(92, 6);
    expect(delays.at(0.5)).toBe(110);
    expect(delays.at(3)).toBe(90);
    // A device 12 ms slower than the reference at 1x: the 0.75x time-stretcher's 30 ms come on top.
    delays.learn(1, 92);
    expect(delays.at(0.75)).toBe(122);
    expect(delays.at(2)).toBe(102);
    // Once 0.75x has been played, its own delay; 0.85x is nearer 0.75x and borrows from it.
    delays.learn(0.75, 140);
    expect(delays.at(0.75)).toBe(140);
    expect(delays.at(0.85)).toBeCloseTo(140 - 12, 6);
    // A device far quicker than the reference at 0.75x lends 1x no delay below nothing.
    const quick = createStartDelays();
    quick.learn(0.75, 20);
    expect(quick.at(1)).toBe(0);
  });
});
