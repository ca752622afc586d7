/**
 * `npm run check`: validates kiosk.config.json and every handout and UI string file, and lists every
 * problem with its file and field or line. Exits non-zero if anything is wrong; writes nothing.
 * Readability warnings (long sentences, an English grade estimate) are listed but never fail it;
 * missing, stale or mistimed audio does.
 */
import { fileURLToPath } from 'node:url';
import { auditAudio } from './audio/check-audio.ts';
import { buildContent } from './lib/build-content.ts';
import { InputError, formatProblem } from './lib/input-error.ts';
import { glossaryAsHandout } from './lib/glossary.ts';
import { checkReadability } from './lib/readability.ts';
import { readSiteFiles, runtimeConfig } from './lib/site-files.ts';
import type { HandoutMeta, ReviewStatus } from '../src/content/model.ts';

/** Runs every check of the project at `root`; returns the exit code. */
export function runCheck(root: string, out: (line: string) => void = console.log, err: (line: string) => void = console.error): number {
  try {
    const content = buildContent(root);
    for (const language of content.languages) {
      for (const handout of language.handouts) {
        const words = handout.sections.reduce((n, s) => n + s.words.length, 0);
        out(`ok  ${language.code}/${handout.id}: ${handout.sections.length} sections, ${words} words; ${describeReview(handout.meta.review)}`);
      }
    }
    // Each site file against this build's config, as the kiosk will check it in the browser.
    let siteProblems: InputError['problems'] = [];
    try {
      for (const site of readSiteFiles(root, runtimeConfig(content.config))) out(`ok  ${site.name}`);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      siteProblems = error.problems;
    }
    let warnings = 0;
    const grades: string[] = [];
    for (const language of content.languages) {
      for (const handout of language.handouts) {
        const report = checkReadability(handout);
        for (const warning of report.warnings) {
          out(`warning  locales/${language.code}/handouts/${handout.id}.md: ${warning.section}: ${warning.message}`);
        }
        warnings += report.warnings.length;
        if (report.grade !== null) grades.push(`${language.code}/${handout.id} ${report.grade}`);
      }
      // Definitions are read by the same patients, so they are held to the same plain language.
      if (Object.keys(language.glossary.entries).length) {
        const report = checkReadability(glossaryAsHandout(language.glossary, language.code, language.dir).handout);
        for (const warning of report.warnings) out(`warning  ${language.glossary.file}: terms.${warning.section}: ${warning.message}`);
        warnings += report.warnings.length;
        if (report.grade !== null) grades.push(`${language.code}/glossary ${report.grade}`);
      }
    }
    if (grades.length) out(`grade  Flesch–Kincaid estimate (aim for 6 to 8): ${grades.join(', ')}`);
    if (warnings) out(`${warnings} readability warning${warnings === 1 ? '' : 's'} (they do not fail the check).`);
    // Audio that is missing, stale or mistimed would read the wrong words or none: an error here,
    // even though the build still makes a working kiosk (those sections fall back to text only).
    // A review that no longer covers the text: the kiosk shows that translation as a draft, and the
    // check fails so that somebody reviews it again rather than nobody noticing.
    const { problems: audioProblems, voices } = auditAudio(root, content);
    // Which voice each language's sections have: a clinic that recorded them should see it took.
    for (const v of voices) {
      const recorded = v.sections.filter((s) => s.voice === 'recorded').map((s) => s.key.split('/').slice(1).join('/'));
      out(`voice  ${v.lang}: ${v.recorded} recorded, ${v.synthesized} synthesized${recorded.length ? ` (recorded: ${recorded.join(', ')})` : ''}`);
    }
    if (audioProblems.length || content.reviewFlags.length || siteProblems.length) throw new InputError([...siteProblems, ...content.reviewFlags, ...audioProblems]);
    const sections = content.languages.reduce((n, l) => n + l.handouts.reduce((m, h) => m + h.sections.length, 0), 0);
    out(`ok  audio: ${sections} sections with current audio and word timings`);
    out(`\nChecked kiosk.config.json, ${content.files.length - 1} content files and the audio: no problems.`);
    return 0;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    for (const problem of error.problems) err(`error  ${formatProblem(problem)}`);
    err(`\n${error.problems.length} problem${error.problems.length === 1 ? '' : 's'} found. Nothing was changed.`);
    return 1;
  }
}

function describeReview(review: HandoutMeta['review']): string {
  const one = (status: ReviewStatus) =>
    status.state === 'not-reviewed' ? 'not reviewed' : `${status.state === 'reviewed' ? 'reviewed' : 'review OUT OF DATE'} (${status.by}, ${status.date})`;
  return review.translation ? `translation ${one(review.translation)}, original ${one(review.medical)}` : `medical content ${one(review.medical)}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // The content can come from another folder, as for the build (vite.config.ts): the benchmark's generated library.
  process.exitCode = runCheck(process.env.KIOSK_CONTENT_ROOT ?? fileURLToPath(new URL('..', import.meta.url)));
}
