// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MOUNTING, mountingFor, orientationOf, reachLines } from '../../src/kiosk/reach';

describe('the reach lines', () => {
  it('puts the top 58% of a 43-inch portrait panel 800 mm up out of reach, and all of its bottom within it', () => {
    const lines = reachLines(DEFAULT_MOUNTING.portrait, 1920);
    // 1,750 mm at the top edge: 550 of its 950 mm are above 1,200 mm.
    expect(lines.topFraction).toBeCloseTo(550 / 950, 6);
    expect(lines.top).toBe(1112);
    expect(lines.bottom).toBe(1920);
  });

  it('finds both lines on a large panel mounted low', () => {
    // 300 mm to 1,510 mm above the floor: 310 mm out of reach above, 100 mm below.
    const lines = reachLines({ screenBottomMm: 300, screenHeightMm: 1210 }, 1920);
    expect(lines.top).toBe(Math.ceil((310 / 1210) * 1920));
    expect(lines.bottom).toBe(Math.floor((1110 / 1210) * 1920));
    expect(lines.bottom).toBeLessThan(1920);
  });

  it('leaves the whole default landscape panel within reach', () => {
    expect(reachLines(DEFAULT_MOUNTING.landscape, 1080)).toEqual({ top: 0, bottom: 1080, topFraction: 0, bottomFraction: 1 });
  });

  it('never puts a line outside the screen, however the panel is mounted', () => {
    const high = reachLines({ screenBottomMm: 1300, screenHeightMm: 500 }, 1000);
    expect(high).toMatchObject({ top: 1000, bottom: 1000 });
    const low = reachLines({ screenBottomMm: 0, screenHeightMm: 300 }, 1000);
    expect(low).toMatchObject({ top: 0, bottom: 0 });
  });

  it('scales with the viewport, so a resize keeps the same physical line', () => {
    const mounting = { screenBottomMm: 700, screenHeightMm: 1000 };
    expect(reachLines(mounting, 1000).topFraction).toBe(reachLines(mounting, 2000).topFraction);
    expect(reachLines(mounting, 1000).top).toBe(500);
    expect(reachLines(mounting, 2000).top).toBe(1000);
  });

  it('uses the configured mounting, else the default for the orientation', () => {
    const configured = { screenBottomMm: 600, screenHeightMm: 1100 };
    expect(mountingFor(configured, 'landscape')).toBe(configured);
    expect(mountingFor(undefined, 'portrait')).toEqual({ screenBottomMm: 800, screenHeightMm: 950 });
    expect(mountingFor(undefined, 'landscape')).toEqual({ screenBottomMm: 900, screenHeightMm: 300 });
    expect(orientationOf({ width: 1080, height: 1920 })).toBe('portrait');
    expect(orientationOf({ width: 1920, height: 1080 })).toBe('landscape');
  });

  it('is what the stylesheet assumes before the app has set the configured lines', () => {
    const css = readFileSync(new URL('../../src/styles/base.css', import.meta.url), 'utf8');
    const fallback = Number(/--reach-top:\s*([\d.]+)dvh/.exec(css)?.[1]);
    expect(fallback).toBeCloseTo(reachLines(DEFAULT_MOUNTING.portrait, 1).topFraction * 100, 3);
    expect(css).toMatch(/--reach-bottom:\s*100dvh/);
  });
});
