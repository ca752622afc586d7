/**
 * HOOK for a big generated library (issue #24 item 3): how long `npm run check` and `npm run build`
 * take on a content root of many handouts whose audio is already made (no audio change), and whether
 * that build's offline copy stays within its budget. Goals on the 2-core machine: check under 10 s,
 * build under 30 s.
 *
 * Not wired into `npm run bench` yet: bench/generate-library.ts (the 100-handout, 6-language library
 * with 10 featured handouts) comes from another branch. Once it is merged, run.ts calls
 * `measureLibrary(root, libraryRoot)` with the folder it generated (after `npm run audio` there), and
 * puts the result in `Results.library`; report.ts already has its goals and its section.
 * Until then: `npx tsx bench/measure-library.ts <content root>` measures any content root.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../scripts/lib/load-config.ts';
import { precacheManifest } from '../scripts/vite/service-worker.ts';
import { MEGABYTE } from '../src/service-worker/audio-budget.ts';
import type { Goal } from './report';

export interface LibraryBench {
  contentRoot: string;
  handouts: number;
  languages: number;
  featured: number;
  checkSeconds: number;
  buildSeconds: number;
  /** The offline copy of that build: what every kiosk keeps, and the on-demand audio within the budget. */
  precacheBytes: number;
  featuredAudioBytes: number;
  onDemandAudioBytes: number;
  audioBudgetBytes: number;
}

const GOALS = { checkSeconds: 10, buildSeconds: 30 };

/** Times `npm run check` and `npm run build` on `contentRoot` (KIOSK_CONTENT_ROOT), each once, warm. */
export function measureLibrary(root: string, contentRoot: string, log: (line: string) => void = () => {}): LibraryBench {
  const config = loadConfig(contentRoot);
  const env = { ...process.env, KIOSK_CONTENT_ROOT: contentRoot };
  const outDir = mkdtempSync(join(tmpdir(), 'kiosk-library-build-'));
  const timed = (args: string[]) => {
    const started = performance.now();
    execFileSync('npx', args, { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
    return (performance.now() - started) / 1000;
  };
  try {
    log(`library: npm run check on ${contentRoot}`);
    const checkSeconds = timed(['tsx', 'scripts/check.ts']);
    log(`library: npm run build on ${contentRoot}`);
    const buildSeconds = timed(['vite', 'build', '--outDir', outDir, '--emptyOutDir']);
    const manifest = precacheManifest(outDir);
    const sum = (files: { bytes: number }[]) => files.reduce((n, f) => n + f.bytes, 0);
    const result: LibraryBench = {
      contentRoot,
      handouts: config.handouts.length,
      languages: config.languages.length,
      featured: config.featured?.length ?? 0,
      checkSeconds,
      buildSeconds,
      precacheBytes: sum(manifest.files),
      featuredAudioBytes: sum(manifest.files.filter((f) => f.handout)),
      onDemandAudioBytes: sum(manifest.audio),
      audioBudgetBytes: manifest.audioBudgetBytes,
    };
    log(`  check ${checkSeconds.toFixed(1)} s, build ${buildSeconds.toFixed(1)} s; precached ${(result.precacheBytes / MEGABYTE).toFixed(1)} MB, on-demand audio ${(result.onDemandAudioBytes / MEGABYTE).toFixed(1)} MB within ${(result.audioBudgetBytes / MEGABYTE).toFixed(0)} MB`);
    return result;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

export function libraryGoals(l: LibraryBench | undefined): Goal[] {
  if (!l) return [];
  const within = (figure: string, value: number, unit: string, limit: number): Goal => ({ figure, value, unit, goal: `≤ ${limit} ${unit}`, pass: Number.isFinite(value) && value <= limit });
  return [
    within(`npm run check, ${l.handouts} handouts × ${l.languages} languages, no audio change`, l.checkSeconds, 's', GOALS.checkSeconds),
    within(`npm run build, ${l.handouts} handouts × ${l.languages} languages, no audio change`, l.buildSeconds, 's', GOALS.buildSeconds),
  ];
}

export function libraryMarkdown(l: LibraryBench | undefined): string[] {
  if (!l) return [];
  const mb = (n: number) => `${(n / MEGABYTE).toFixed(1)} MB`;
  return [
    '## A big library',
    '',
    `${l.handouts} handouts in ${l.languages} languages, ${l.featured} featured, audio already made (bench/measure-library.ts). \`npm run check\` took **${l.checkSeconds.toFixed(1)} s** (goal ${GOALS.checkSeconds} s) and \`npm run build\` **${l.buildSeconds.toFixed(1)} s** (goal ${GOALS.buildSeconds} s).`,
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
