/**
 * `npm run bench`: builds the production kiosk, measures it in headless Chromium, and writes
 * bench/report.md and bench/report.json. `npm run bench -- --quick` runs a reduced version (under two
 * minutes) and writes bench/report-quick.* instead, so the committed full report stays as measured;
 * `-- --render` rewrites bench/report.md from bench/report.json.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../scripts/lib/load-config.ts';
import { audioInBuild, buildAndServe, readViteManifest } from './build';
import { launchChromium } from './browser';
import { offlineStates, type Target } from './kiosk';
import { describeMachine } from './machine';
import { measureFirstTappable } from './measure-first-screen';
import { measureStaticFloor, writeStaticWelcome } from './measure-static-floor';
import { measureHighlight } from './measure-highlight';
import { measureAlignment } from './measure-alignment';
import { measureAudioBuild } from './measure-audio-build';
import { generateLibrary } from './generate-library';
import { measureLibrary, type LibraryBench } from './measure-library';
import { measureMemory } from './measure-memory';
import { measureSectionSwitch } from './measure-switch';
import { measureTapToSound } from './measure-tap';
import { goals, markdown, type Results } from './report';
import { firstScreenBytes, precacheByLanguage } from './sizes';

const root = fileURLToPath(new URL('..', import.meta.url));
const quick = process.argv.includes('--quick');

const PLAN = quick
  ? { tappableRuns: 5, taps: 8, rates: [0.75, 1, 1.25, 1.5, 2], highlightBudgetMs: 5_000, perSectionMs: 5_000, switches: 8, settleMs: 300, memory: [10, 40] }
  : { tappableRuns: 7, taps: 30, rates: [0.75, 1, 1.25, 1.5, 2], highlightBudgetMs: 45_000, perSectionMs: 20_000, switches: 30, settleMs: 400, memory: [10, 100, 500] };

/** The issue's library: a hundred handouts in six languages (the first six, right to left and Chinese among them), ten featured. */
const LIBRARY = { handouts: 100, languages: ['en', 'fr', 'es', 'zh-Hans', 'pa', 'ar'], featured: 10 };

const log = (message: string) => console.log(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);
const started = performance.now();

/** `--render`: writes bench/report.md again from bench/report.json (after a change to the report's wording). */
function render() {
  const results = JSON.parse(readFileSync(`${root}/bench/report.json`, 'utf8')) as Results;
  writeFileSync(`${root}/bench/report.md`, markdown(results));
  console.log('wrote bench/report.md from bench/report.json');
}

async function main() {
  const config = loadConfig(root);
  log(`${quick ? 'quick' : 'full'} run: building the production kiosk`);
  const served = await buildAndServe(root);
  const browser = await launchChromium();
  try {
    const manifest = readViteManifest(served.outDir);
    const allAudio = audioInBuild(root, manifest);
    const handout = config.handouts.find((id) => allAudio.some((a) => a.handout === id));
    if (!handout) throw new Error('No handout has prepared audio in the build: run `npm run audio` first.');
    const audio = allAudio.filter((a) => a.handout === handout);
    // The default language first, then the config's order: only languages whose audio is in the build.
    const ordered = [config.defaultLanguage, ...config.languages.filter((l) => l !== config.defaultLanguage)];
    const withAudio = ordered.filter((lang) => audio.some((a) => a.lang === lang));
    const target: Target = { baseUrl: served.baseUrl, handout, languages: withAudio, audio };
    log(`built in ${(served.buildMs / 1000).toFixed(1)} s; "${handout}" has audio in ${withAudio.join(', ')}; serving ${served.baseUrl}`);

    log(`first tappable button: ${PLAN.tappableRuns} cold runs unthrottled, then at 4x CPU throttling`);
    const unthrottled = await measureFirstTappable(browser, served.baseUrl, PLAN.tappableRuns, 1);
    const throttled = await measureFirstTappable(browser, served.baseUrl, PLAN.tappableRuns, 4);
    log(`  median ${unthrottled.median.toFixed(0)} ms unthrottled, ${throttled.median.toFixed(0)} ms at 4x`);
    const staticUrl = await writeStaticWelcome(browser, served.baseUrl, served.outDir);
    const staticFloor = {
      unthrottled: await measureStaticFloor(browser, staticUrl, PLAN.tappableRuns, 1),
      throttled: await measureStaticFloor(browser, staticUrl, PLAN.tappableRuns, 4),
    };
    log(`  the same screen as static HTML: ${staticFloor.unthrottled.median.toFixed(0)} ms unthrottled, ${staticFloor.throttled.median.toFixed(0)} ms at 4x`);
    const firstScreen = firstScreenBytes(
      served.outDir,
      unthrottled.requested.map((r) => r.path),
    );
    const precache = precacheByLanguage(served.outDir, manifest, config.languages, unthrottled.welcomeText);

    log(`tap to sound: ${PLAN.taps} taps`);
    const tapToSound = await measureTapToSound(browser, target, PLAN.taps);
    log(`  p50 ${tapToSound.playing.p50.toFixed(1)} ms, p95 ${tapToSound.playing.p95.toFixed(1)} ms`);

    log(`highlight at ${PLAN.rates.join('x, ')}x: ${PLAN.highlightBudgetMs / 1000} s of playback each`);
    const highlight = await measureHighlight(browser, target, PLAN.rates, PLAN.highlightBudgetMs, PLAN.perSectionMs);
    for (const h of highlight.rates) {
      log(`  ${h.rate}x: ${h.changes} moves, glass p95 ${h.glass.p95.toFixed(1)} ms mean ${h.glass.mean.toFixed(1)} ms, DOM p95 ${h.dom.p95.toFixed(1)} ms, missed ${h.missed}`);
    }

    log(`section switch: ${PLAN.switches} taps on Next`);
    const sectionSwitch = await measureSectionSwitch(browser, target, PLAN.switches, PLAN.settleMs);
    log(`  p50 ${sectionSwitch.total.p50.toFixed(1)} ms, p95 ${sectionSwitch.total.p95.toFixed(1)} ms`);

    log(`memory: ${Math.max(...PLAN.memory)} play/next cycles`);
    const memory = await measureMemory(browser, target, PLAN.memory);
    log(`  heap growth ${(memory.heapGrowth / 1000).toFixed(0)} KB, DOM nodes ${memory.nodeGrowth >= 0 ? '+' : ''}${memory.nodeGrowth}`);

    log('recorded narration: aligning Festival speech to the text');
    // A failure here (Festival missing a voice, a reading it cannot say) must not cost the other
    // measurements of a long run: the report says the alignment is missing and why.
    let alignment: Awaited<ReturnType<typeof measureAlignment>> | undefined;
    let alignmentProblem: string | null = null;
    try {
      alignment = await measureAlignment(root, { quick, log });
    } catch (error) {
      alignmentProblem = `recorded-narration alignment not measured: ${String(error instanceof Error ? error.message : error).split('\n')[0]}`;
      log(alignmentProblem);
    }

    log('audio build: one worker, then one per core');
    let audioBuild: Awaited<ReturnType<typeof measureAudioBuild>> | undefined;
    let audioBuildProblem: string | null = null;
    try {
      audioBuild = await measureAudioBuild(root, { quick, log });
    } catch (error) {
      audioBuildProblem = `audio build throughput not measured: ${String(error instanceof Error ? error.message : error).split('\n')[0]}`;
      log(audioBuildProblem);
    }

    // Three to four minutes (a generated library, its check and two builds): full runs only.
    let library: LibraryBench | undefined;
    let libraryProblem: string | null = null;
    if (!quick) {
      log(`big library: ${LIBRARY.handouts} generated handouts in ${LIBRARY.languages.join(', ')}, ${LIBRARY.featured} featured`);
      const libraryRoot = mkdtempSync(join(tmpdir(), 'kiosk-bench-library-'));
      try {
        generateLibrary(libraryRoot, { ...LIBRARY, seed: 2411, audio: true });
        library = measureLibrary(root, libraryRoot, log);
      } catch (error) {
        libraryProblem = `big library not measured: ${String(error instanceof Error ? error.message : error).split('\n')[0]}`;
        log(libraryProblem);
      } finally {
        rmSync(libraryRoot, { recursive: true, force: true });
      }
    }

    const results: Results = {
      date: new Date().toISOString(),
      mode: quick ? 'quick' : 'full',
      durationSeconds: (performance.now() - started) / 1000,
      machine: describeMachine(root, browser.version()),
      buildMs: served.buildMs,
      handout,
      languagesWithAudio: withAudio,
      offline: [...offlineStates],
      firstScreen,
      precache,
      firstTappable: { unthrottled, throttled },
      staticFloor,
      tapToSound,
      highlight: highlight.rates,
      sectionSwitch,
      memory,
      ...(alignment ? { alignment } : {}),
      ...(audioBuild ? { audioBuild } : {}),
      ...(library ? { library } : {}),
      problems: [
        ...new Set([
          ...(alignmentProblem ? [alignmentProblem] : []),
          ...(audioBuildProblem ? [audioBuildProblem] : []),
          ...(libraryProblem ? [libraryProblem] : []),
          ...unthrottled.problems,
          ...throttled.problems,
          ...tapToSound.problems,
          ...highlight.problems,
          ...sectionSwitch.problems,
          ...memory.problems,
        ]),
      ],
    };
    const name = quick ? 'report-quick' : 'report';
    writeFileSync(`${root}/bench/${name}.json`, `${JSON.stringify({ goals: goals(results), ...results }, null, 2)}\n`);
    writeFileSync(`${root}/bench/${name}.md`, markdown(results));
    console.log('');
    for (const g of goals(results)) {
      const value = `${g.value.toFixed(g.unit === 'MB' || g.unit === '×' ? 2 : 1)} ${g.unit}`;
      console.log(`${g.pass ? 'PASS' : 'MISS'}  ${g.figure}: ${value} (goal ${g.goal})`);
    }
    if (results.problems.length) console.log(`\n${results.problems.length} problem(s) seen in the page:\n${results.problems.map((p) => `  ${p}`).join('\n')}`);
    log(`wrote bench/${name}.md and bench/${name}.json`);
  } finally {
    await browser.close();
    await served.close();
  }
}

(process.argv.includes('--render') ? Promise.resolve(render()) : main()).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
