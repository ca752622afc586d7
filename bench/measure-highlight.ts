/**
 * The highlight against the audio clock, frame by frame, at 1x, 1.5x and 2x. On each animation frame
 * the page reads `media.currentTime`; once that frame's callbacks (the kiosk's own highlight loop
 * among them) have run, it reads which word carries the highlight. The word the timings give for that
 * `currentTime` is the one being spoken.
 */
import type { Browser, Page } from 'playwright-core';
import type { SectionAudio } from './build';
import { newBenchPage } from './browser';
import { clipFor, goToSection, openReader, type Target, PLAY, sectionIds, setSpeed, waitForStatus, waitForOffline } from './kiosk';
import { changeTiming, highlightError, percentile, startsFromTimings, summarise, type ChangeTiming, type FrameSample, type Summary } from './stats';

interface RawFrame {
  time: number;
  rate: number;
  src: string;
  word: number;
  at: number;
}

export interface HighlightAtRate {
  rate: number;
  frames: number;
  /** Sections sampled, as lang/section. */
  sections: string[];
  /** Per-frame error, ms of wall-clock time. */
  error: Summary;
  p99: number;
  /** Frames whose highlight was wrong at all. */
  wrongFrames: number;
  changes: ChangeTiming;
  /** Mean time between sampled frames, ms. */
  frameInterval: number;
}

export async function measureHighlight(
  browser: Browser,
  target: Target,
  rates: number[],
  budgetMs: number,
  perSectionMs: number,
): Promise<{ rates: HighlightAtRate[]; problems: string[] }> {
  const results: HighlightAtRate[] = [];
  const problems: string[] = [];
  const { baseUrl, audio, languages, handout } = target;
  const byAsset = new Map(audio.map((a) => [a.asset, a]));
  // One page for every speed: each new page would first wait for the offline worker to install.
  const bench = await newBenchPage(browser, baseUrl);
  const { page } = bench;
  await page.goto(baseUrl);
  await waitForOffline(page);
  let current = languages[0] as string;
  await openReader(page, current, handout);
  const order = await sectionIds(page);
  // Round-robin over languages, then sections, until each speed's time budget is spent.
  const plan = order.flatMap((section) => languages.map((lang) => ({ lang, section }))).filter(({ lang, section }) => clipFor(target, lang, section));
  let next = 0;
  for (const rate of rates) {
    await setSpeed(page, rate);
    const frames: { frames: RawFrame[]; audio: SectionAudio }[] = [];
    let spent = 0;
    while (spent < budgetMs && plan.length) {
      const { lang, section } = plan[next++ % plan.length] as { lang: string; section: string };
      const clip = clipFor(target, lang, section) as SectionAudio;
      if (lang !== current) {
        await page.click('[data-action="language"]');
        await openReader(page, lang, handout);
        current = lang;
      }
      await goToSection(page, section);
      await page.click(PLAY);
      await waitForStatus(page, ['playing']);
      const duration = Math.max(500, Math.min(perSectionMs, budgetMs - spent, (clip.duration / rate) * 1000 - 500));
      const sampled = await sampleFrames(page, clip.asset, duration);
      spent += duration;
      await page.click(PLAY);
      await waitForStatus(page, ['paused', 'ended', 'idle']);
      const own = sampled.filter((f) => byAsset.get(assetOf(f.src)) === clip);
      frames.push({ frames: own, audio: clip });
    }

    const errors: number[] = [];
    const changes: ChangeTiming = { changes: 0, early: 0, sameFrame: 0, oneFrameLate: 0, later: 0 };
    const intervals: number[] = [];
    for (const run of frames) {
      const starts = startsFromTimings(run.audio.timings);
      for (const f of run.frames) errors.push(highlightError(starts, f.time, f.word, f.rate));
      const timing = changeTiming(starts, run.frames as FrameSample[]);
      for (const key of Object.keys(changes) as (keyof ChangeTiming)[]) changes[key] += timing[key];
      for (let i = 1; i < run.frames.length; i++) intervals.push((run.frames[i] as RawFrame).at - (run.frames[i - 1] as RawFrame).at);
    }
    results.push({
      rate,
      frames: errors.length,
      sections: frames.map((f) => `${f.audio.lang}/${f.audio.section}`),
      error: summarise(errors),
      p99: percentile(errors, 99),
      wrongFrames: errors.filter((e) => e > 0).length,
      changes,
      frameInterval: intervals.length ? intervals.reduce((a, b) => a + b, 0) / intervals.length : Number.NaN,
    });
  }
  problems.push(...bench.problems);
  await bench.close();
  return { rates: results, problems: [...new Set(problems)] };
}

const assetOf = (src: string) => new URL(src).pathname.replace(/^\//, '');

/**
 * For `ms` milliseconds: per animation frame, the clock of the media element playing `asset` (not a
 * spoken prompt that may also be playing), and the highlighted word once the frame's callbacks have run.
 */
function sampleFrames(page: Page, asset: string, ms: number): Promise<RawFrame[]> {
  return page.evaluate(
    ({ duration, asset }) =>
      new Promise<RawFrame[]>((resolve) => {
        const media = (window as unknown as { __media: HTMLMediaElement[] }).__media;
        const frames: RawFrame[] = [];
        const pending: RawFrame[] = [];
        const channel = new MessageChannel();
        // A task posted from an animation frame runs after all of that frame's callbacks and its rendering.
        channel.port1.onmessage = () => {
          const word = document.querySelector('.word--current')?.getAttribute('data-word');
          for (const frame of pending) frame.word = word == null ? -1 : Number(word);
          pending.length = 0;
        };
        const end = performance.now() + duration;
        const tick = (at: number) => {
          const playing = media.find((m) => !m.paused && !m.ended && m.currentSrc.endsWith(`/${asset}`));
          const status = document.querySelector('[data-action="play"]')?.getAttribute('data-status');
          if (playing && status === 'playing') {
            const frame = { time: playing.currentTime, rate: playing.playbackRate, src: playing.currentSrc, word: -2, at };
            frames.push(frame);
            pending.push(frame);
            channel.port2.postMessage(null);
          }
          if (performance.now() < end) requestAnimationFrame(tick);
          else
            setTimeout(() => {
              channel.port1.close();
              resolve(frames.filter((f) => f.word !== -2));
            }, 50);
        };
        requestAnimationFrame(tick);
      }),
    { duration: ms, asset },
  );
}
