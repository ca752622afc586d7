/**
 * `npm run check`: validates kiosk.config.json and every handout and UI string file, and lists every
 * problem with its file and field or line. Exits non-zero if anything is wrong; writes nothing.
 */
import { fileURLToPath } from 'node:url';
import { buildContent } from './lib/build-content.ts';
import { InputError, formatProblem } from './lib/input-error.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

function main(): number {
  try {
    const content = buildContent(root);
    for (const language of content.languages) {
      for (const handout of language.handouts) {
        const words = handout.sections.reduce((n, s) => n + s.words.length, 0);
        console.log(`ok  ${language.code}/${handout.id}: ${handout.sections.length} sections, ${words} words (${handout.meta.translation})`);
      }
    }
    console.log(`\nChecked kiosk.config.json and ${content.files.length - 1} content files: no problems.`);
    return 0;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    for (const problem of error.problems) console.error(`error  ${formatProblem(problem)}`);
    console.error(`\n${error.problems.length} problem${error.problems.length === 1 ? '' : 's'} found. Nothing was changed.`);
    return 1;
  }
}

process.exitCode = main();
