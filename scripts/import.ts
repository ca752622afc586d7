/**
 * `npm run import -- <file> --lang <code> [--id <id>] [--force] [--dry-run]`: turns an existing handout
 * (plain text copied from a page or PDF, Markdown, or HTML) into a kiosk handout at
 * locales/<lang>/handouts/<id>.md, and prints every decision it made so staff can check them.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ImportRefused, importHandout } from './import/import-handout.ts';
import { reportLines } from './import/report.ts';
import { InputError, formatProblem } from './lib/input-error.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const USAGE = 'usage: npm run import -- <file> --lang <code> [--id <id>] [--force] [--dry-run]';

function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        lang: { type: 'string' },
        id: { type: 'string' },
        force: { type: 'boolean', default: false },
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
  const file = positionals[0];
  if (!file || positionals.length > 1 || !values.lang) {
    console.error(USAGE);
    return 2;
  }
  let lang: string;
  try {
    lang = Intl.getCanonicalLocales(values.lang)[0] as string;
  } catch {
    console.error(`--lang "${values.lang}" is not a language code such as en, fr, zh-Hans or pa\n${USAGE}`);
    return 2;
  }

  try {
    const result = importHandout({
      root,
      file,
      lang,
      ...(values.id ? { id: values.id } : {}),
      force: values.force,
      dryRun: values['dry-run'],
    });
    for (const line of reportLines(result, file)) console.log(line);
    console.log('');
    if (!result.written) {
      const note = result.exists ? ' It already exists: a real run needs --force to replace it.' : '';
      console.log(`Dry run: ${result.target} was not written.${note}`);
    } else {
      console.log(`${result.replaced ? 'Replaced' : 'Wrote'} ${result.target}. Read it through, fix what the lines above flag,`);
      console.log(`add "${result.draft.id}" to "handouts" in kiosk.config.json, then run npm run check.`);
    }
    return 0;
  } catch (error) {
    if (error instanceof ImportRefused) {
      console.error(`error  ${error.message}`);
      return 1;
    }
    if (error instanceof InputError) {
      for (const problem of error.problems) console.error(`error  ${formatProblem(problem)}`);
      console.error('\nThe imported text did not make a valid handout; nothing was written.');
      return 1;
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      console.error(`error  ${file}: no such file`);
      return 1;
    }
    console.error(`error  ${(error as Error).message}\nNothing was written.`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
