/**
 * The highlight against the audio clock, sampled in the page on every frame: shared by the tests of
 * synthesized speech (read-aloud.test.ts) and of a staff recording (recording.test.ts).
 */
import type { Page } from 'playwright-core';

export interface Sample {
  time: number;
  word: number;
  /** Wall-clock milliseconds since the previous sample: one frame, or more on a busy machine. */
  gap: number;
}

/** For `ms` milliseconds, on every animation frame: the audio clock and the highlighted word. */
export function sampleHighlight(page: Page, ms: number): Promise<Sample[]> {
  return page.evaluate(
    (duration) =>
      new Promise<Sample[]>((resolve) => {
        const w = window as unknown as { __media: HTMLMediaElement[] };
        const samples: Sample[] = [];
        const end = performance.now() + duration;
        let previous = performance.now();
        const frame = () => {
          const now = performance.now();
          const gap = now - previous;
          previous = now;
          const media = w.__media.find((m) => !m.paused && m.currentSrc.endsWith('.webm') && !/\/[0-9a-f]{16}-/.test(m.currentSrc));
          const word = document.querySelector('.word--current')?.getAttribute('data-word');
          if (media && word != null) samples.push({ time: media.currentTime, word: Number(word), gap });
          if (performance.now() < end) requestAnimationFrame(frame);
          else resolve(samples);
        };
        requestAnimationFrame(frame);
      }),
    ms,
  );
}

/**
 * Samples whose highlighted word is not the one being spoken, allowing for where a sample falls in a
 * frame: the sampler may run before the app's own frame callback, so the highlight may trail by the
 * audio that played during one frame (longer on a busy machine), and it may lead by a frame.
 * The benchmark (npm run bench) measures the error itself; this only catches a highlight out of step.
 */
export function outOfStep(samples: Sample[], words: { index: number; start: number }[], rate: number): Sample[] {
  return samples.filter(({ time, word, gap }) => {
    const frame = (Math.max(gap, 1000 / 60) / 1000) * rate;
    const timing = words.find((w) => w.index === word)!;
    const next = words.find((w) => w.index === word + 1);
    return time < timing.start - 2 * frame || (next !== undefined && time > next.start + frame + 0.002);
  });
}
