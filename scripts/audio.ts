/**
 * `npm run audio [-- --force] [-- --lang <code>] [-- --jobs <n>]`: makes the speech audio and word timings for every
 * section that lacks current audio, offline, with eSpeak NG from npm, then the interface prompts the
 * kiosk speaks for self-voicing. See scripts/audio/build.ts and scripts/audio/prompts.ts.
 */
import { fileURLToPath } from 'node:url';
import { buildAudio } from './audio/build.ts';
import { defaultJobs } from './audio/pool.ts';
import { writeReadingScripts } from './audio/reading-script.ts';
import { buildContent } from './lib/build-content.ts';
import { InputError, formatProblem } from './lib/input-error.ts';

const USAGE = `Usage: npm run audio [-- --force] [-- --lang <code>]... [-- --jobs <n>]
       npm run audio -- --script <code>
  --force          re-make every section and prompt, even those already up to date
  --lang <code>    only this language (may be given more than once)
  --jobs <n>       worker threads, each with its own speech engine (default: one per core, here ${defaultJobs()});
                   1 makes everything in one thread. The files are the same whichever made them
  --script <code>  write a printable reading script per handout for recording this language
                   (recordings/<code>/<handout>/reading-script.html), and make no audio`;

function parseArgs(argv: string[]): { force: boolean; languages?: string[]; jobs: number } {
  let force = false;
  let jobs = defaultJobs();
  const languages: string[] = [];
  const parseJobs = (value: string | undefined) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) {
      console.error(`--jobs needs a whole number of at least 1, not "${value ?? ''}".\n${USAGE}`);
      process.exit(2);
    }
    return n;
  };
  const rest = [...argv];
  for (let arg = rest.shift(); arg !== undefined; arg = rest.shift()) {
    const next = rest[0];
    if (arg === '--force') force = true;
    else if (arg === '--jobs') jobs = parseJobs(rest.shift());
    else if (arg.startsWith('--jobs=')) jobs = parseJobs(arg.slice('--jobs='.length));
    else if (arg === '--lang' && next) {
      languages.push(next);
      rest.shift();
    } else if (arg.startsWith('--lang=')) languages.push(arg.slice('--lang='.length));
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else {
      console.error(`Unknown argument "${arg}".\n${USAGE}`);
      process.exit(2);
    }
  }
  return languages.length ? { force, languages, jobs } : { force, jobs };
}

const root = fileURLToPath(new URL('..', import.meta.url));
const started = performance.now();
const scriptAt = process.argv.indexOf('--script');
if (scriptAt >= 0) {
  const lang = process.argv[scriptAt + 1];
  if (!lang) {
    console.error(USAGE);
    process.exit(2);
  }
  try {
    for (const file of writeReadingScripts(root, buildContent(root), lang)) console.log(`wrote ${file}: open it in a browser and print it`);
    process.exit(0);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    console.error(error.problems.map((p) => formatProblem(p)).join('\n'));
    process.exit(1);
  }
}
try {
  const args = parseArgs(process.argv.slice(2));
  const { sections, removed, manifestWritten, prompts = [] } = await buildAudio({ root, ...args, prompts: true, log: (line) => console.log(line) });
  const made = sections.filter((s) => s.generated);
  const seconds = sections.reduce((n, s) => n + s.duration, 0);
  const bytes = sections.reduce((n, s) => n + s.bytes, 0);
  const madeSeconds = made.reduce((n, s) => n + s.duration, 0);
  const synthesis = made.reduce((n, s) => n + s.synthesisSeconds, 0);
  const encoding = made.reduce((n, s) => n + s.encodeSeconds, 0);
  const skippedWords = made.reduce((n, s) => n + s.skippedWords, 0);
  console.log(
    `\n${sections.length} sections: ${made.length} generated, ${sections.length - made.length} up to date; ` +
      `${(seconds / 60).toFixed(1)} min of speech in ${(bytes / 1024).toFixed(0)} KB (${(bytes / 1024 / Math.max(seconds / 60, 1e-9)).toFixed(0)} KB a minute).`,
  );
  if (made.length) {
    const perMinute = (x: number) => (x / Math.max(madeSeconds / 60, 1e-9)).toFixed(2);
    // Synthesis and encoding are summed over the workers, so they can exceed the time the run took.
    console.log(
      `Made ${(madeSeconds / 60).toFixed(1)} min: synthesis ${synthesis.toFixed(2)} s (${perMinute(synthesis)} s a minute of speech), ` +
        `encoding ${encoding.toFixed(2)} s (${perMinute(encoding)} s a minute).` +
        (skippedWords ? ` ${skippedWords} display word(s) were not spoken by the engine and got zero-length slots.` : ''),
    );
  }
  if (removed.length) console.log(`Removed ${removed.length} file(s) no longer configured.`);
  if (prompts.length) {
    const sum = (pick: (r: (typeof prompts)[number]) => number) => prompts.reduce((n, r) => n + pick(r), 0);
    console.log(
      `Prompts: ${sum((r) => r.phrases)} phrases in ${prompts.length} language(s), ${sum((r) => r.clips)} clips: ${sum((r) => r.made)} made, ${sum((r) => r.kept)} kept, ` +
        `${sum((r) => r.removed.length)} removed; ${(sum((r) => r.bytes) / 1024).toFixed(0)} KB, ${(sum((r) => r.seconds) / 60).toFixed(1)} min of speech` +
        (sum((r) => r.made) ? `; synthesis ${sum((r) => r.synthesisSeconds).toFixed(2)} s, encoding ${sum((r) => r.encodeSeconds).toFixed(2)} s.` : '.'),
    );
  }
  const took = (performance.now() - started) / 1000;
  if (made.length) {
    const rate = madeSeconds / took;
    console.log(
      `Throughput: ${rate.toFixed(1)} s of speech made a second with ${args.jobs} worker${args.jobs > 1 ? 's' : ''} (${(rate / args.jobs).toFixed(1)} a worker), prompts included in the time.`,
    );
  }
  console.log(`${manifestWritten ? 'Wrote' : 'Left unchanged'} audio/manifest.json. Took ${took.toFixed(1)} s.`);
} catch (error) {
  if (error instanceof InputError) {
    console.error(`npm run audio stopped; nothing was half-written:\n${error.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
    process.exit(1);
  }
  throw error;
}
