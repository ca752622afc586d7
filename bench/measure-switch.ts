/**
 * Section switch: from the `pointerdown` on Next to (a) the new section's position and heading in the
 * DOM with a frame rendered after them, and (b) its audio ready to play: the Play button not
 * 'loading' and the section's media element loaded enough to play through (howler's own "loaded"
 * moment, `canplaythrough`).
 */
import type { Browser, Page } from 'playwright-core';
import { newBenchPage, readRecord } from './browser';
import { clipFor, openReader, type Target, position, sectionIds, startAgain, waitForOffline } from './kiosk';
import { summarise, type Summary } from './stats';

export interface Switch {
  lang: string;
  to: number;
  painted: number;
  audioReady: number;
  total: number;
}

export interface SectionSwitch {
  switches: Switch[];
  painted: Summary;
  audioReady: Summary;
  total: Summary;
  timeouts: number;
  problems: string[];
}

export async function measureSectionSwitch(browser: Browser, target: Target, count: number, settleMs: number): Promise<SectionSwitch> {
  const { baseUrl, languages, handout } = target;
  const bench = await newBenchPage(browser, baseUrl);
  const { page } = bench;
  await page.goto(baseUrl);
  await waitForOffline(page);
  let languageIndex = 0;
  let lang = languages[0] as string;
  await openReader(page, lang, handout);
  const order = await sectionIds(page);
  const switches: Switch[] = [];
  let timeouts = 0;
  while (switches.length + timeouts < count) {
    const { index, total } = await position(page);
    if (index >= total - 1) {
      await startAgain(page);
      languageIndex = (languageIndex + 1) % languages.length;
      lang = languages[languageIndex] as string;
      await openReader(page, lang, handout);
      continue;
    }
    // A patient reads (or listens to) a section before moving on; its neighbour's audio preloads meanwhile.
    await page.waitForTimeout(settleMs);
    const next = order[index + 1];
    const asset = clipFor(target, lang, next)?.asset ?? null;
    const result = await timeSwitch(page, asset);
    if (result) switches.push({ lang, to: index + 1, ...result });
    else timeouts++;
  }
  await bench.close();
  return {
    switches,
    painted: summarise(switches.map((s) => s.painted)),
    audioReady: summarise(switches.map((s) => s.audioReady)),
    total: summarise(switches.map((s) => s.total)),
    timeouts,
    problems: [...new Set(bench.problems)],
  };
}

async function timeSwitch(page: Page, asset: string | null) {
  const downs = (await readRecord(page)).pointerdowns.length;
  await page.evaluate((expected) => {
    const w = window as unknown as { __switch: { painted: number | null; ready: number | null }; __media: HTMLMediaElement[] };
    const state = { painted: null as number | null, ready: null as number | null };
    w.__switch = state;
    const before = document.querySelector('.reader__position')?.textContent;
    const headingBefore = document.querySelector('.section-text__heading')?.textContent;
    const changed = () => {
      const heading = document.querySelector('.section-text__heading')?.textContent;
      return document.querySelector('.reader__position')?.textContent !== before && heading != null && heading !== headingBefore;
    };
    const observer = new MutationObserver(() => {
      if (!changed()) return;
      observer.disconnect();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.addEventListener('message', () => {
          state.painted = performance.now();
          channel.port1.close();
        });
        // Setting onmessage would start the port by itself; a listener needs start().
        channel.port1.start();
        channel.port2.postMessage(null);
      });
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    const audioReady = () => {
      const status = document.querySelector('[data-action="play"]')?.getAttribute('data-status');
      if (status === 'loading' || !changed()) return false;
      if (!expected) return true;
      return w.__media.some((m) => m.src.endsWith(`/${expected}`) && m.readyState >= HTMLMediaElement.HAVE_ENOUGH_DATA);
    };
    const poll = () => {
      if (audioReady()) state.ready = performance.now();
      else requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  }, asset);
  await page.click('[data-action="next"]');
  try {
    await page.waitForFunction(
      () => {
        const s = (window as unknown as { __switch: { painted: number | null; ready: number | null } }).__switch;
        return s.painted !== null && s.ready !== null;
      },
      undefined,
      { timeout: 10_000 },
    );
  } catch {
    return null;
  }
  const record = await readRecord(page);
  const down = record.pointerdowns[downs] as { at: number };
  const state = await page.evaluate(() => (window as unknown as { __switch: { painted: number; ready: number } }).__switch);
  const painted = state.painted - down.at;
  const audioReady = Math.max(0, state.ready - down.at);
  return { painted, audioReady, total: Math.max(painted, audioReady) };
}
