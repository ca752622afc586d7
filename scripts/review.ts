/**
 * `npm run review -- <lang> <handout> --by "Name, role" [--date YYYY-MM-DD] [--dry-run]`: records in
 * the handout's front matter that a qualified person has reviewed it: the medical content of an
 * original, or a translation against its original. It writes who, when, and the fingerprints of the
 * text they read, so that a later change to either text shows up as an out-of-date review.
 *
 * It refuses while `npm run check` would find a problem in the content (a translation whose numbers,
 * placeholders or safety sentences differ from the original's cannot be signed off).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseDocument } from 'yaml';
import { reviewRecordFor } from './lib/review-record.ts';
import { InputError, formatProblem } from './lib/input-error.ts';
import { writeAtomic } from './lib/write-file.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const USAGE = 'usage: npm run review -- <lang> <handout> --by "Name, role" [--date YYYY-MM-DD] [--dry-run]';

function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        by: { type: 'string' },
        date: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [lang, handout] = positionals;
  if (!lang || !handout || positionals.length > 2 || !values.by?.trim()) {
    console.error(USAGE);
    return 2;
  }
  try {
    const plan = reviewRecordFor(root, { lang, handout, by: values.by, ...(values.date ? { date: values.date } : {}) });
    const path = join(root, plan.file);
    const updated = withReview(readFileSync(path, 'utf8'), plan.record, plan.isTranslation, plan.file);
    console.log(`${plan.file}: reviewed by ${plan.record.by} on ${plan.record.date}`);
    console.log(`  text ${plan.record.text}${plan.record.original ? `, checked against ${plan.originalFile} (${plan.record.original})` : ''}`);
    if (values['dry-run']) {
      console.log('Dry run: nothing written.');
      return 0;
    }
    writeAtomic(path, updated, plan.file);
    // Read back through the same compiler the build uses: the record must now count as current.
    const after = reviewRecordFor(root, { lang, handout, by: values.by, date: plan.record.date });
    if (after.currentState !== 'reviewed') throw new Error(`${plan.file}: the review was written but does not read back as current (${after.currentState})`);
    console.log('Recorded. Run npm run check, then commit the file.');
    return 0;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    for (const problem of error.problems) console.error(`error  ${formatProblem(problem)}`);
    console.error('\nNo review was recorded.');
    return 1;
  }
}

/** The file with its front matter's `reviewed` (and, for a translation, `translation: reviewed`) set; the rest kept as written. */
export function withReview(source: string, record: { by: string; date: string; text: string; original?: string }, isTranslation: boolean, file: string): string {
  const match = /^(\uFEFF?---\r?\n)([\s\S]*?)(\r?\n---\r?\n)/.exec(source);
  if (!match) throw new InputError([{ file, where: 'line 1', message: 'has no front matter to record the review in' }]);
  const document = parseDocument(match[2] as string);
  if (isTranslation) document.set('translation', 'reviewed');
  document.set('reviewed', document.createNode(record, { flow: true }));
  const yaml = document.toString({ lineWidth: 0 }).replace(/\n$/, '');
  return `${match[1]}${yaml}${match[3]}${source.slice(match[0].length)}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = main(process.argv.slice(2));
