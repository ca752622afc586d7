/**
 * Where a seated patient can touch the screen. CSA B651.2 and the ADA Standards (§308) put operable
 * parts between about 400 and 1,200 mm above the floor: a patient in a wheelchair cannot reach a
 * button above that, however big it is. From how the panel is mounted and the viewport (the kiosk
 * runs full screen, so the viewport is the panel), this finds those two heights in CSS pixels.
 *
 * Pure: no DOM, so the app, the tests and the screenshot script all use the same numbers.
 */

export interface Mounting {
  /** Height of the screen's lowest visible edge above the floor. */
  screenBottomMm: number;
  /** Height of the visible picture, bottom edge to top edge. */
  screenHeightMm: number;
}

/** The highest and lowest comfortable reach of a seated person, above the floor. */
export const REACH_MM = { top: 1200, bottom: 400 } as const;

/**
 * When the config says nothing: a 43-inch portrait panel on a floor stand (its top 58% is out of
 * reach), or a 24-inch landscape panel at counter height (all of it within reach).
 */
export const DEFAULT_MOUNTING: Record<Orientation, Mounting> = {
  portrait: { screenBottomMm: 800, screenHeightMm: 950 },
  landscape: { screenBottomMm: 900, screenHeightMm: 300 },
};

export type Orientation = 'portrait' | 'landscape';

export interface ReachLines {
  /** The highest CSS pixel row (from the top of the viewport) a seated patient can touch. */
  top: number;
  /** The lowest one; the viewport's height when the screen ends above 400 mm. */
  bottom: number;
  /** The same two lines as fractions of the viewport's height (0 at the top), for CSS. */
  topFraction: number;
  bottomFraction: number;
}

/** As CSS media queries decide it: a square viewport counts as portrait. */
export function orientationOf(viewport: { width: number; height: number }): Orientation {
  return viewport.height >= viewport.width ? 'portrait' : 'landscape';
}

/** The mounting that applies: the configured one, else the default for the viewport's orientation. */
export function mountingFor(configured: Mounting | undefined, orientation: Orientation): Mounting {
  return configured ?? DEFAULT_MOUNTING[orientation];
}

/** The reach lines on a viewport `heightPx` tall showing a screen mounted as `mounting` says. */
export function reachLines(mounting: Mounting, heightPx: number): ReachLines {
  const screenTopMm = mounting.screenBottomMm + mounting.screenHeightMm;
  // Rows are counted down from the top edge, so a height above the floor becomes a distance below the top.
  const fractionAt = (mm: number) => clamp01((screenTopMm - mm) / mounting.screenHeightMm);
  const topFraction = fractionAt(REACH_MM.top);
  const bottomFraction = fractionAt(REACH_MM.bottom);
  return {
    // Rounded inwards: a control on the boundary pixel row is still within reach.
    top: Math.ceil(topFraction * heightPx),
    bottom: Math.floor(bottomFraction * heightPx),
    topFraction,
    bottomFraction,
  };
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
