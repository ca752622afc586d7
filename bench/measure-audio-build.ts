/**
 * How fast `npm run audio` makes speech, and whether it uses every core (issue #24): a forced rebuild
 * of every section of the real content, every configured language, into a temporary folder (the
 * committed audio/ is not touched), first with one worker thread, then with one per core. Reported
 * as seconds of speech made per wall-clock second, in all and per core, and the speed-up. The two
 * outputs are compared byte for byte: the files must not depend on which worker made them.
 *
 * Prompt clips are left out (they are many short clips of the same engine and encoder). Run alone
 * with `npx tsx bench/measure-audio-build.ts [--quick]`; `npm run bench` includes it.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAudio } from '../scripts/audio/build.ts';
import { buildContent } from '../scripts/lib/build-content.ts';
import type { Goal } from './goal';

export interface AudioBuildRun {
  workers: number;
  wallSeconds: number;
  /** Seconds of speech made. */
  speechSeconds: number;
  sections: number;
  /** Seconds of speech per wall-clock second, and that divided by the workers. */
  throughput: number;
  perCore: number;
  /**
   * Processor time this process used (every thread, user and system) over the wall time: how many
   * cores it kept busy. On a machine shared with other work the speed-up falls; this shows whether
   * the build still ran on every core it could get.
   */
  coresBusy: number;
  /** The machine's 1-minute load average when the run started (above the core count: the runs competed with other work). */
  loadAverage: number;
}

export interface AudioBuildBench {
  languages: string[];
  handouts: string[];
  cores: number;
  runs: AudioBuildRun[];
  /** Wall time with one worker over wall time with all. */
  speedUp: number;
  /** Whether every file of the all-workers run equals the one-worker run's, byte for byte. */
  identical: boolean;
  /** Files that differed, if any (at most ten). */
  differing: string[];
}

/** On a machine of N cores, all N workers must make speech at least this share of N times as fast as one. */
const EFFICIENCY = 0.8;

export async function measureAudioBuild(root: string, options: { quick?: boolean; log?: (line: string) => void } = {}): Promise<AudioBuildBench> {
  const log = options.log ?? (() => {});
  const content = buildContent(root);
  // Quick: the first handout's languages would not load every voice; two languages keep it short.
  const languages = content.config.languages.filter((lang) => content.config.speech?.[lang]).slice(0, options.quick ? 2 : undefined);
  const cores = availableParallelism();
  const counts = [...new Set([1, cores])];
  const dirs: string[] = [];
  const runs: AudioBuildRun[] = [];
  try {
    for (const workers of counts) {
      const dir = mkdtempSync(join(tmpdir(), `kiosk-audio-bench-${workers}-`));
      dirs.push(dir);
      log(`audio build: ${languages.join(', ')} with ${workers} worker${workers > 1 ? 's' : ''}, into ${dir}`);
      const [loadAverage = 0] = loadavg();
      const started = performance.now();
      const cpu = process.cpuUsage();
      const summary = await buildAudio({ root, audioDir: dir, force: true, jobs: workers, languages });
      const wallSeconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      const coresBusy = (used.user + used.system) / 1e6 / wallSeconds;
      const speechSeconds = summary.sections.reduce((sum, s) => sum + (s.generated ? s.duration : 0), 0);
      const throughput = speechSeconds / wallSeconds;
      runs.push({
        workers,
        wallSeconds,
        speechSeconds,
        sections: summary.sections.filter((s) => s.generated).length,
        throughput,
        perCore: throughput / workers,
        coresBusy,
        loadAverage,
      });
      log(
        `  ${speechSeconds.toFixed(0)} s of speech in ${wallSeconds.toFixed(1)} s: ${throughput.toFixed(1)} s a second, ${(throughput / workers).toFixed(1)} per core; ${coresBusy.toFixed(2)} cores busy; load average ${loadAverage.toFixed(1)} at the start`,
      );
    }
    const dirEnds = firstAndLast(dirs);
    const runEnds = firstAndLast(runs);
    const differing = dirEnds ? compareTrees(...dirEnds) : [];
    return {
      languages,
      handouts: content.config.handouts,
      cores,
      runs,
      speedUp: runEnds ? runEnds[0].wallSeconds / runEnds[1].wallSeconds : 1,
      identical: differing.length === 0,
      differing: differing.slice(0, 10),
    };
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

/** Paths that are missing from one tree or differ in bytes. */
/** The first and the last of a list of two or more; undefined for a shorter list. */
function firstAndLast<T>(list: readonly T[]): [T, T] | undefined {
  const [first] = list;
  const last = list.at(-1);
  return list.length > 1 && first !== undefined && last !== undefined ? [first, last] : undefined;
}

function compareTrees(a: string, b: string): string[] {
  const list = (dir: string) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((p) => statSync(join(dir, p)).isFile())
      .sort();
  const left = list(a);
  const right = new Set(list(b));
  const out = left.filter((p) => !right.has(p) || !readFileSync(join(a, p)).equals(readFileSync(join(b, p))));
  for (const p of right) if (!left.includes(p)) out.push(p);
  return out;
}

export function audioBuildGoals(a: AudioBuildBench | undefined): Goal[] {
  if (!a) return [];
  const goal = EFFICIENCY * a.cores;
  return [
    {
      figure: `Audio build on ${a.cores} cores: speed-up over one worker (uses every core)`,
      value: a.speedUp,
      unit: '×',
      goal: `≥ ${goal.toFixed(1)} ×`,
      pass: a.cores === 1 || a.speedUp >= goal,
    },
    { figure: 'Audio build: files identical whichever worker made them', value: a.differing.length, unit: 'files differing', goal: '0 files differing', pass: a.identical },
  ];
}

export function audioBuildMarkdown(a: AudioBuildBench | undefined): string[] {
  if (!a) return [];
  return [
    '## Audio build throughput',
    '',
    `\`npm run audio -- --force\` for every section of ${a.handouts.length} handout(s) in ${a.languages.length} language(s) (${a.languages.join(', ')}), into a temporary folder, prompt clips left out (bench/measure-audio-build.ts). Each worker thread has its own eSpeak NG engine. Goal: all ${a.cores} cores at least ${EFFICIENCY * 100}% busy, a speed-up of at least ${(EFFICIENCY * a.cores).toFixed(1)}× over one worker.`,
    '',
    '| workers | sections | speech made | wall time | speech per second | per core | cores busy | load average at start |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...a.runs.map(
      (r) =>
        `| ${r.workers} | ${r.sections} | ${(r.speechSeconds / 60).toFixed(1)} min | ${r.wallSeconds.toFixed(1)} s | **${r.throughput.toFixed(1)} s/s** | ${r.perCore.toFixed(1)} s/s | ${r.coresBusy?.toFixed(2) ?? '–'} | ${r.loadAverage?.toFixed(1) ?? '–'} |`,
    ),
    '',
    `Speed-up with ${a.cores} workers: **${a.speedUp.toFixed(2)}×**. A load average above ${a.cores} means other work shared the cores, and the speed-up says less than the cores busy. ${a.identical ? 'Every file was byte-identical to the one-worker run.' : `Files that differed from the one-worker run: ${a.differing.join(', ')}.`}`,
    '',
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const result = await measureAudioBuild(root, { quick: process.argv.includes('--quick'), log: (line) => console.error(line) });
  console.log(audioBuildMarkdown(result).join('\n'));
  for (const g of audioBuildGoals(result)) console.log(`${g.pass ? 'PASS' : 'MISS'}  ${g.figure}: ${g.value.toFixed(2)} ${g.unit} (goal ${g.goal})`);
}
