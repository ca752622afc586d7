/**
 * Who signed a handout off, and does that sign-off still cover the text the kiosk shows?
 *
 * Each file records its review in its front matter (`reviewed: { by, date, text, original }`), written
 * by `npm run review`. `text` is the fingerprint of the file's own text when it was reviewed; a
 * translation also records `original`, the fingerprint of the original it was checked against. When
 * either has changed since, the review is out of date: the check names the file, and the kiosk shows
 * the translation with its draft notice until someone reviews it again. Comparing fingerprints rather
 * than dates means a clock, a copy or a checkout cannot make an old review look current.
 */
import type { ReviewStatus } from '../../src/content/model.ts';
import type { CompiledHandout } from './compile-handout.ts';
import type { ReviewRecord } from './front-matter.ts';
import type { InputProblem } from './input-error.ts';

export interface ReviewOutcome {
  medical: ReviewStatus;
  translation: ReviewStatus | null;
  /** Reviews that no longer cover the text: `npm run check` fails on these. */
  flags: InputProblem[];
}

function signed(record: ReviewRecord, state: ReviewStatus['state']): ReviewStatus {
  return { state, by: record.by, date: record.date };
}

function medicalReview(original: CompiledHandout, flags: InputProblem[] | null): ReviewStatus {
  const record = original.review;
  if (!record) return { state: 'not-reviewed' };
  if (record.text === original.fingerprint) return signed(record, 'reviewed');
  flags?.push({
    file: original.file,
    where: 'reviewed',
    message: `the text changed after its medical review by ${record.by} on ${record.date}; review it again and record it with npm run review`,
  });
  return signed(record, 'out-of-date');
}

/** The review state of an original (no `translation`) or of a translation of it. */
export function reviewOutcome(original: CompiledHandout, translation?: CompiledHandout): ReviewOutcome {
  const flags: InputProblem[] = [];
  if (!translation) return { medical: medicalReview(original, flags), translation: null, flags };
  // The original's own staleness is flagged once, on the original, not again for every language.
  const medical = medicalReview(original, null);
  const record = translation.review;
  if (translation.handout.meta.translation !== 'reviewed' || !record) return { medical, translation: { state: 'not-reviewed' }, flags };
  const changed: string[] = [];
  if (record.original !== original.fingerprint) changed.push(`the original (${original.file})`);
  if (record.text !== translation.fingerprint) changed.push('this translation');
  if (!changed.length) return { medical, translation: signed(record, 'reviewed'), flags };
  const lang = translation.handout.lang;
  flags.push({
    file: translation.file,
    where: 'reviewed',
    message:
      `${changed.join(' and ')} changed after this translation was reviewed by ${record.by} on ${record.date}; ` +
      `patients see it as a draft until it is reviewed again (npm run review -- ${lang} ${translation.handout.id} --by "Name, role")`,
  });
  return { medical, translation: signed(record, 'out-of-date'), flags };
}
