/**
 * A clinic-sized library (issue #24 item 3): how long `npm run check` and `npm run build` take on a
 * content root of many handouts whose audio is already made (no audio change), and whether that
 * build's offline copy stays within its budget. Goals on the 2-core machine: check under 10 s, build
 * under 30 s.
 *
 * `npm run bench` generates the library with bench/generate-library.ts (100 handouts in six
 * languages, ten featured, each handout's audio its own bytes) and calls `measureLibrary`. The build
 * is timed twice: the first makes every compressed copy (a new library), the second is the rebuild
 * with nothing changed that the goal is about. Alone: `npx tsx bench/measure-library.ts <content root>`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../scripts/lib/load-config.ts';
import { precacheManifest } from '../scripts/vite/service-worker.ts';
import { MEGABYTE } from '../src/service-worker/audio-budget.ts';
import { within, type Goal } from './goal';

export interface LibraryBench {
  contentRoot: string;
  handouts: number;
  languages: number;
  featured: number;
  checkSeconds: number;
  /** The first build of this library: every brotli and gzip copy made. */
  firstBuildSeconds: number;
  /** The build again with nothing changed: the goal's figure. */
  buildSeconds: number;
  /** The offline copy of that build: what every kiosk keeps, and the on-demand audio within the budget. */
  precacheBytes: number;
  featuredAudioBytes: number;
  onDemandAudioBytes: number;
  audioBudgetBytes: number;
}

const GOALS = { checkSeconds: 10, buildSeconds: 30 };

/** Times `npm run check` once and `npm run build` twice on `contentRoot` (KIOSK_CONTENT_ROOT). */
export function measureLibrary(root: string, contentRoot: string, log: (line: string) => void = () => {}): LibraryBench {
  const config = loadConfig(contentRoot);
  const env = { ...process.env, KIOSK_CONTENT_ROOT: contentRoot };
  const outDir = mkdtempSync(join(tmpdir(), 'kiosk-library-build-'));
  // What staff type, npm included: the goals are for `npm run check` and `npm run build`.
  const timed = (args: string[]) => {
    const started = performance.now();
    execFileSync('npm', ['run', '--silent', ...args], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
    return (performance.now() - started) / 1000;
  };
  try {
    log(`library: npm run check on ${contentRoot}`);
    const checkSeconds = timed(['check']);
    log(`library: npm run build on ${contentRoot}, twice`);
    const firstBuildSeconds = timed(['build', '--', '--outDir', outDir, '--emptyOutDir']);
    rmSync(outDir, { recursive: true, force: true });
    const buildSeconds = timed(['build', '--', '--outDir', outDir, '--emptyOutDir']);
    const manifest = precacheManifest(outDir);
    const sum = (files: { bytes: number }[]) => files.reduce((n, f) => n + f.bytes, 0);
    const result: LibraryBench = {
      contentRoot,
      handouts: config.handouts.length,
      languages: config.languages.length,
      featured: config.featured?.length ?? 0,
      checkSeconds,
      firstBuildSeconds,
      buildSeconds,
      precacheBytes: sum(manifest.files),
      featuredAudioBytes: sum(manifest.files.filter((f) => f.handout)),
      onDemandAudioBytes: sum(manifest.audio),
      audioBudgetBytes: manifest.audioBudgetBytes,
    };
    log(
      `  check ${checkSeconds.toFixed(1)} s, build ${firstBuildSeconds.toFixed(1)} s then ${buildSeconds.toFixed(1)} s; precached ${(result.precacheBytes / MEGABYTE).toFixed(1)} MB, on-demand audio ${(result.onDemandAudioBytes / MEGABYTE).toFixed(1)} MB within ${(result.audioBudgetBytes / MEGABYTE).toFixed(0)} MB`,
    );
    return result;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

export function libraryGoals(l: LibraryBench | undefined): Goal[] {
  if (!l) return [];
  return [
    within(`npm run check, ${l.handouts} handouts × ${l.languages} languages, no audio change`, l.checkSeconds, 's', GOALS.checkSeconds),
    within(`npm run build again, ${l.handouts} handouts × ${l.languages} languages, nothing changed`, l.buildSeconds, 's', GOALS.buildSeconds),
  ];
}

export function libraryMarkdown(l: LibraryBench | undefined): string[] {
  if (!l) return [];
  const mb = (n: number) => `${(n / MEGABYTE).toFixed(1)} MB`;
  return [
    '## A big library',
    '',
    `${l.handouts} handouts in ${l.languages} languages, ${l.featured} featured, audio already made (bench/measure-library.ts). \`npm run check\` took **${l.checkSeconds.toFixed(1)} s** (goal ${GOALS.checkSeconds} s) and \`npm run build\` **${l.buildSeconds.toFixed(1)} s** with nothing changed (goal ${GOALS.buildSeconds} s); the library's first build, which makes every compressed copy, took ${l.firstBuildSeconds === undefined ? '(not measured)' : `${l.firstBuildSeconds.toFixed(1)} s`}.`,
    '',
    `Offline copy of that build: ${mb(l.precacheBytes)} precached on every kiosk (app, every language's strings, handouts, figures and prompts, and ${mb(l.featuredAudioBytes)} of featured handouts' audio); the other ${mb(l.onDemandAudioBytes)} of audio is cached as it is played, never more than the budget of ${mb(l.audioBudgetBytes)}, so a kiosk holds at most ${mb(l.precacheBytes + Math.min(l.onDemandAudioBytes, l.audioBudgetBytes))}.`,
    '',
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const contentRoot = process.argv[2];
  if (!contentRoot) {
    console.error('Usage: npx tsx bench/measure-library.ts <content root with kiosk.config.json, locales/ and audio/>');
    process.exit(2);
  }
  const root = fileURLToPath(new URL('..', import.meta.url));
  const result = measureLibrary(root, resolve(contentRoot), (line) => console.error(line));
  console.log(libraryMarkdown(result).join('\n'));
  for (const g of libraryGoals(result)) console.log(`${g.pass ? 'PASS' : 'MISS'}  ${g.figure}: ${g.value.toFixed(1)} ${g.unit} (goal ${g.goal})`);
}
