/**
 * Pure look-ups from an audio time to what is being said. They run on every animation frame while
 * speech plays, so they are binary searches over plain arrays and allocate nothing.
 */

/** The last index whose start is at or before `time`, or -1 before the first. */
export function indexAt(starts: readonly number[], time: number): number {
  let low = 0;
  let high = starts.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if ((starts[mid] as number) <= time) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

/**
 * The highlight leads the audio clock by this much. A highlight that lags reads as sound ahead of
 * picture, which people notice from about 45 ms; one that leads by a few milliseconds does not jar,
 * and it absorbs the time from reading the clock to the frame reaching the screen.
 */
export const HIGHLIGHT_LEAD_SECONDS = 0.01;
