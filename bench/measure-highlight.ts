/**
 * The highlight against the voice, measured from outside the reader's code and blind to how it works.
 * While a section plays, a MutationObserver in the page sees the current-word class arrive on a word;
 * at that moment it reads the playing media element's `currentTime`. Against the word's start in the
 * timings file, that is the DOM error. A rAF loop of the page's own records every frame's start, so
 * the frame holding each change, and the moment that frame reaches the screen (one frame interval
 * later), are known: that is the on-glass error. Words the highlight never reached are counted.
 */
import type { Browser, Page } from 'playwright-core';
import type { SectionAudio } from './build';
import { newBenchPage } from './browser';
import { clipFor, goToSection, openReader, type Target, PLAY, sectionIds, setSpeed, waitForStatus, waitForOffline } from './kiosk';
import {
  clockJitter,
  frameInterval,
  glassTiming,
  movingReadings,
  startsFromTimings,
  summarise,
  summariseSigned,
  type ClockReading,
  type HighlightChange,
  type SignedSummary,
  type Summary,
} from './stats';

export interface HighlightAtRate {
  rate: number;
  /** Moves of the highlight measured. */
  changes: number;
  /** Sections sampled, as lang/section. */
  sections: string[];
  /** When the class changed in the DOM, ms of wall-clock time. */
  dom: SignedSummary;
  /** When the frame holding the change reached the screen (estimated), ms of wall-clock time. */
  glass: SignedSummary;
  /** Words never highlighted between the first and last highlighted ones, of `words`. */
  missed: number;
  words: number;
  /** Median time between frames, ms. */
  frameInterval: number;
  /** How far single readings of the media clock stray from its line, ms of wall time (a diagnostic: the noise a single reading carries). */
  clockJitter: Summary;
  /** Moves measured against a single clock reading, for want of readings around them to draw the line. */
  unanchored: number;
}

interface Sample {
  frames: number[];
  changes: HighlightChange[];
  /** The media clock, read in every frame while the section's file plays. */
  readings: ClockReading[];
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
  const { baseUrl, languages, handout } = target;
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
    const runs: { sample: Sample; audio: SectionAudio }[] = [];
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
      const duration = Math.max(500, Math.min(perSectionMs, budgetMs - spent, (clip.duration / rate) * 1000 - 500));
      // The observer starts before Play, so the first word's highlight is measured too.
      const sampling = sampleChanges(page, clip.asset, duration);
      await page.click(PLAY);
      const sample = await sampling;
      spent += duration;
      await page.click(PLAY);
      await waitForStatus(page, ['paused', 'ended', 'idle']);
      runs.push({ sample, audio: clip });
    }

    const dom: number[] = [];
    const glass: number[] = [];
    const intervals: number[] = [];
    const jitter: number[] = [];
    let unanchored = 0;
    let missed = 0;
    let words = 0;
    for (const { sample, audio } of runs) {
      if (!sample.changes.length) continue;
      const interval = frameInterval(sample.frames);
      intervals.push(interval);
      const timing = glassTiming(startsFromTimings(audio.timings), sample.frames, sample.changes, interval, sample.readings);
      jitter.push(...clockJitter(movingReadings(sample.readings), rate));
      unanchored += timing.unanchored;
      dom.push(...timing.dom);
      glass.push(...timing.glass);
      missed += timing.missed;
      words += timing.words;
    }
    results.push({
      rate,
      changes: dom.length,
      sections: runs.map((r) => `${r.audio.lang}/${r.audio.section}`),
      dom: summariseSigned(dom),
      glass: summariseSigned(glass),
      missed,
      words,
      frameInterval: intervals.length ? intervals.reduce((a, b) => a + b, 0) / intervals.length : Number.NaN,
      clockJitter: summarise(jitter.map(Math.abs)),
      unanchored,
    });
  }
  problems.push(...bench.problems);
  await bench.close();
  return { rates: results, problems: [...new Set(problems)] };
}

/**
 * For `ms` milliseconds: every frame's start time and a reading of the clock of the media element
 * playing `asset` (not a spoken prompt that may also be playing), and every move of the current-word
 * class with that clock's reading at the moment.
 */
function sampleChanges(page: Page, asset: string, ms: number): Promise<Sample> {
  return page.evaluate(
    // Runs in the page, which sees only what is passed to it here.
    ({ duration, file }) =>
      new Promise<Sample>((resolve) => {
        const media = (window as unknown as { __media: HTMLMediaElement[] }).__media;
        const frames: number[] = [];
        const changes: HighlightChange[] = [];
        const readings: ClockReading[] = [];
        const playing = () => media.find((m) => !m.paused && !m.ended && m.currentSrc.endsWith(`/${file}`));
        const observer = new MutationObserver((records) => {
          const at = performance.now();
          const audio = playing();
          if (!audio) return;
          for (const record of records) {
            const word = record.target as Element;
            const arrived = word.classList.contains('word--current') && !(record.oldValue ?? '').split(/\s+/).includes('word--current');
            if (!arrived) continue;
            changes.push({ at, time: audio.currentTime, rate: audio.playbackRate, word: Number(word.getAttribute('data-word')) });
          }
        });
        observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['class'], attributeOldValue: true });
        const end = performance.now() + duration;
        const tick = (at: number) => {
          frames.push(at);
          const audio = playing();
          if (audio) readings.push({ at: performance.now(), time: audio.currentTime });
          if (performance.now() < end) requestAnimationFrame(tick);
          else {
            observer.disconnect();
            resolve({ frames, changes, readings });
          }
        };
        requestAnimationFrame(tick);
      }),
    { duration: ms, file: asset },
  );
}
