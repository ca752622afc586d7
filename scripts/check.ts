/**
 * `npm run check`: validates kiosk.config.json and every handout and UI string file, and lists every
 * problem with its file and field or line. Exits non-zero if anything is wrong; writes nothing.
 * Readability warnings (long sentences, an English grade estimate) are listed but never fail it;
 * missing, stale or mistimed audio does.
 */
import { fileURLToPath } from 'node:url';
import { checkAudio } from './audio/check-audio.ts';
import { buildContent } from './lib/build-content.ts';
import { InputError, formatProblem } from './lib/input-error.ts';
import { checkReadability } from './lib/readability.ts';

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
    let warnings = 0;
    const grades: string[] = [];
    for (const language of content.languages) {
      for (const handout of language.handouts) {
        const report = checkReadability(handout);
        for (const warning of report.warnings) {
          console.log(`warning  locales/${language.code}/handouts/${handout.id}.md: ${warning.section}: ${warning.message}`);
        }
        warnings += report.warnings.length;
        if (report.grade !== null) grades.push(`${language.code}/${handout.id} ${report.grade}`);
      }
    }
    if (grades.length) console.log(`grade  Flesch–Kincaid estimate (aim for 6 to 8): ${grades.join(', ')}`);
    if (warnings) console.log(`${warnings} readability warning${warnings === 1 ? '' : 's'} (they do not fail the check).`);
    // Audio that is missing, stale or mistimed would read the wrong words or none: an error here,
    // even though the build still makes a working kiosk (those sections fall back to text only).
    const audioProblems = checkAudio(root, content);
    if (audioProblems.length) throw new InputError(audioProblems);
    const sections = content.languages.reduce((n, l) => n + l.handouts.reduce((m, h) => m + h.sections.length, 0), 0);
    console.log(`ok  audio: ${sections} sections with current audio and word timings`);
    console.log(`\nChecked kiosk.config.json, ${content.files.length - 1} content files and the audio: no problems.`);
    return 0;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    for (const problem of error.problems) console.error(`error  ${formatProblem(problem)}`);
    console.error(`\n${error.problems.length} problem${error.problems.length === 1 ? '' : 's'} found. Nothing was changed.`);
    return 1;
  }
}

process.exitCode = main();
