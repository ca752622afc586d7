/**
 * Tap to sound: from the `pointerdown` on Play to the media element's `playing` event (and, for
 * reference, to its clock first seen moving). Taps alternate between a section's first play (a fresh
 * sound) and resuming after a pause, across sections and languages.
 */
import type { Browser, Page } from 'playwright-core';
import { newBenchPage, readRecord } from './browser';
import { nextSectionOrVisit, openReader, type Target, PLAY, position, waitForStatus, waitForOffline } from './kiosk';
import { summarise, type Summary } from './stats';

export interface Tap {
  lang: string;
  section: number;
  kind: 'first play' | 'resume';
  /** pointerdown → playing event, ms. */
  playing: number;
  /** click (pointer released) → playing event, ms. */
  fromClick: number;
  /** pointerdown → media clock seen advancing (animation-frame resolution), ms. */
  advancing: number | null;
}

export interface TapToSound {
  taps: Tap[];
  playing: Summary;
  fromClick: Summary;
  advancing: Summary;
  byKind: Record<string, Summary>;
  problems: string[];
}

const TAPS_PER_SECTION = 3;

export async function measureTapToSound(browser: Browser, target: Target, count: number): Promise<TapToSound> {
  const { baseUrl, audio, languages, handout } = target;
  // Section audio only: spoken prompts (a language's name when it is tapped) play through media elements too.
  const sectionAudio = audio.map((a) => `/${a.asset}`);
  const bench = await newBenchPage(browser, baseUrl);
  const { page } = bench;
  await page.goto(baseUrl);
  await waitForOffline(page);
  let lang = languages[0] as string;
  await openReader(page, lang, handout);
  const taps: Tap[] = [];
  while (taps.length < count) {
    const { index } = await position(page);
    for (let k = 0; k < TAPS_PER_SECTION && taps.length < count; k++) {
      const tap = await tapPlay(page, sectionAudio);
      if (tap) taps.push({ lang, section: index, kind: k === 0 ? 'first play' : 'resume', ...tap });
      // Pause: the next tap resumes.
      await page.click(PLAY);
      await waitForStatus(page, ['paused', 'idle', 'ended', 'unavailable', 'error']);
    }
    ({ lang } = await nextSectionOrVisit(page, target, lang));
  }
  await bench.close();
  const kinds = [...new Set(taps.map((t) => t.kind))];
  return {
    taps,
    playing: summarise(taps.map((t) => t.playing)),
    fromClick: summarise(taps.map((t) => t.fromClick)),
    advancing: summarise(taps.flatMap((t) => (t.advancing === null ? [] : [t.advancing]))),
    byKind: Object.fromEntries(kinds.map((kind) => [kind, summarise(taps.filter((t) => t.kind === kind).map((t) => t.playing))])),
    problems: [...new Set(bench.problems)],
  };
}

/** One tap on Play; null when the section has no audio to play. */
async function tapPlay(page: Page, sectionAudio: string[]): Promise<Omit<Tap, 'lang' | 'section' | 'kind'> | null> {
  const isSection = (src: string) => sectionAudio.some((path) => src.endsWith(path));
  await waitForStatus(page, ['idle', 'paused', 'ended', 'unavailable', 'error']);
  if ((await page.getAttribute(PLAY, 'data-status')) === 'unavailable') return null;
  // A patient looks at the screen before tapping; the sound's file has time to load, as it would.
  await page.waitForTimeout(250);
  const before = (await readRecord(page)).pointerdowns.length;
  await page.click(PLAY);
  await page.waitForFunction(
    ({ count, paths }) => {
      const record = (window as unknown as { __bench: { pointerdowns: { at: number }[]; playing: { at: number; src: string }[] } }).__bench;
      const down = record.pointerdowns[count];
      return !!down && record.playing.some((p) => p.at >= down.at && paths.some((path) => p.src.endsWith(path)));
    },
    { count: before, paths: sectionAudio },
    { timeout: 10_000 },
  );
  // Let the clock move for a few frames, so "advancing" is seen.
  await page.waitForTimeout(150);
  const record = await readRecord(page);
  const down = record.pointerdowns[before] as { at: number };
  const click = record.clicks.filter((c) => c.at >= down.at && c.action === 'play')[0];
  const playing = record.playing.find((p) => p.at >= down.at && isSection(p.src));
  if (!playing) return null;
  return {
    playing: playing.at - down.at,
    fromClick: playing.at - (click?.at ?? down.at),
    advancing: playing.advancedAt === null ? null : playing.advancedAt - down.at,
  };
}
