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
 * Where the audio will be when the frame being drawn now is on screen: the highlight aims there, not
 * at where the audio was when the frame began, so that the word lights up as it is heard.
 *
 * A frame drawn now reaches the glass at the next vsync, about one frame interval after the frame
 * began (`frameTime`). It then stays on screen for one interval, so aiming at the middle of that time
 * makes each word appear on the frame whose time on screen is nearest its start: never more than half
 * a frame early or late, and no later on average. Audio time runs `rate` times faster than wall time.
 *
 * @param position seconds of audio, read now
 * @param frameTime the frame's start time and `now` the time of the reading, in ms on one clock
 * @param intervalMs the measured frame interval
 */
export function predictedAudioTime(position: number, rate: number, frameTime: number, now: number, intervalMs: number): number {
  const untilShownMs = Math.max(0, frameTime + intervalMs - now);
  return position + ((untilShownMs + intervalMs / 2) / 1000) * rate;
}

/**
 * The word to show this frame, given the word shown last frame and the word the prediction gives.
 * Moving forward by a word or two, it moves one word a frame, so a word shorter than a frame (a
 * quick "a" at 2x) is still seen; a larger jump is a seek (a tapped word, a replay) and is taken at once,
 * as is the first word shown after starting or resuming.
 */
export function nextWordToShow(shown: number, predicted: number): number {
  return shown >= 0 && predicted > shown && predicted - shown <= 3 ? shown + 1 : predicted;
}
