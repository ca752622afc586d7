/** The kiosk's screens as the benchmark drives them: the same selectors as the browser tests. */
import type { Page } from 'playwright-core';
import type { SectionAudio } from './build';

export const PLAY = '[data-action="play"]';

/**
 * Waits for an element without taking a handle to it: `page.waitForSelector` returns an ElementHandle,
 * and every handle keeps its element (and the detached screen around it) alive in the page, which
 * would show up as a leak in the memory figures.
 */
export async function waitFor(page: Page, selector: string, state: 'attached' | 'visible' = 'visible') {
  await page.locator(selector).first().waitFor({ state });
}

/**
 * The handout the benchmark reads: the first one in kiosk.config.json with prepared audio. Section ids
 * repeat across handouts ("what-it-is"), so audio is always looked up with it.
 */
export interface Target {
  baseUrl: string;
  handout: string;
  /** Languages with audio for the handout, the default language first. */
  languages: string[];
  /** That handout's audio in the build. */
  audio: SectionAudio[];
}

export const clipFor = (target: Target, lang: string, section: string | undefined) => target.audio.find((a) => a.lang === lang && a.section === section);

/** Taps a language and waits for the reader, going through the library (to `handout`) when more than one handout is offered. */
export async function openReader(page: Page, language: string, handout: string) {
  await page.click(`[data-language="${language}"]`);
  await waitFor(page, '.section-text, .library__card');
  if ((await page.locator('.library__card').count()) > 0) {
    await page.click(`.library__card[data-handout="${handout}"]`);
    await waitFor(page, '.section-text');
  }
}

export async function playStatus(page: Page): Promise<string | null> {
  return page.getAttribute(PLAY, 'data-status');
}

export async function waitForStatus(page: Page, statuses: string[], timeout = 10_000) {
  await page.waitForFunction(
    ({ selector, wanted }) => wanted.includes(document.querySelector(selector)?.getAttribute('data-status') ?? ''),
    { selector: PLAY, wanted: statuses },
    { timeout, polling: 'raf' },
  );
}

/** "Section N of M" as numbers. */
export async function position(page: Page): Promise<{ index: number; total: number }> {
  const total = await page.locator('.reader__progress li').count();
  const current = await page.evaluate(() => [...document.querySelectorAll('.reader__progress li')].findIndex((li) => li.classList.contains('current')));
  return { index: current, total };
}

/** Section ids in reading order, from the sections dialog. */
export async function sectionIds(page: Page): Promise<string[]> {
  await page.click('[data-action="sections"]');
  await waitFor(page, 'dialog [data-section]');
  const ids = await page.$$eval('dialog [data-section]', (buttons) => buttons.map((b) => b.getAttribute('data-section') ?? ''));
  await page.click('dialog [data-action="close"]');
  await page.waitForFunction(() => !document.querySelector('dialog[open]'));
  return ids;
}

/** Opens a section from the sections dialog. */
export async function goToSection(page: Page, id: string) {
  await page.click('[data-action="sections"]');
  await page.click(`dialog [data-section="${id}"]`);
  await page.waitForFunction(() => !document.querySelector('dialog[open]'));
}

export async function setSpeed(page: Page, rate: number) {
  await page.click('[data-action="settings"]');
  await page.click(`[data-choice="${rate}"]`);
  await page.click('dialog [data-action="close"]');
  await page.waitForFunction(() => !document.querySelector('dialog[open]'));
}

/** "Start again": back to the welcome screen with a fresh visit. */
export async function startAgain(page: Page) {
  await page.click('[data-action="home"]');
  await waitFor(page, '[data-language]');
}

/** The next language after `lang` in the target's list, round and round. */
export const nextLanguage = (target: Target, lang: string) => target.languages[(target.languages.indexOf(lang) + 1) % target.languages.length] as string;

/**
 * Tap Next; after the last section, "Start again" and a new visit in the next language. Returns the
 * language now being read and whether a new visit began.
 */
export async function nextSectionOrVisit(page: Page, target: Target, lang: string): Promise<{ lang: string; newVisit: boolean }> {
  const { index, total } = await position(page);
  if (index < total - 1) {
    await page.click('[data-action="next"]');
    await page.waitForFunction((before) => !document.querySelectorAll('.reader__progress li')[before]?.classList.contains('current'), index);
    return { lang, newVisit: false };
  }
  await startAgain(page);
  const next = nextLanguage(target, lang);
  await openReader(page, next, target.handout);
  return { lang: next, newVisit: true };
}

/**
 * A kiosk in service runs under its offline worker: once the worker has installed (precaching every
 * file) and taken the page over, audio comes from its cache. Waits for that, if the build has a worker.
 */
export async function waitForOffline(page: Page, timeout = 60_000): Promise<'controlled' | 'none'> {
  const state = await page.evaluate(async (limit) => {
    const container = navigator.serviceWorker;
    if (!container) return 'none' as const;
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    let registration = await container.getRegistration();
    for (let i = 0; !registration && i < 20; i++) {
      await sleep(100);
      registration = await container.getRegistration();
    }
    if (!registration) return 'none' as const;
    const deadline = performance.now() + limit;
    while (!container.controller && performance.now() < deadline) await sleep(50);
    return container.controller ? ('controlled' as const) : ('none' as const);
  }, timeout);
  offlineStates.add(state);
  return state;
}

/** Whether the audio measurements ran under the offline worker ('controlled') or straight from the server ('none'). */
export const offlineStates = new Set<string>();
