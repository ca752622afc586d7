/**
 * A handout's front matter (the YAML between the `---` lines that staff write by hand), checked
 * with a zod schema like the config and the generated audio files, so a mistake is named the same
 * way: the field, the value, what is allowed. What zod cannot see alone (a review that does not fit
 * the translation status) is checked after it, in words that say what to do.
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { HandoutMeta, TranslationStatus } from '../../src/content/model.ts';
import { describeIssue } from '../../src/config/describe-issue.ts';

/** A topic id: `pain`, `blood-tests`; its name in each language is `topics.<id>` in ui.json. */
export const TOPIC_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const REVIEW_DATE = /^\d{4}-\d{2}-\d{2}$/;
const FINGERPRINT = /^[0-9a-f]{12}$/;
const REVIEW_HOW = 'record it with npm run review (see the README, "Reviewing a handout")';
/** Front matter problems are all reported at its first line: YAML keeps no line per field here. */
const FRONT_MATTER_LINE = 2;

const filled = z.string().refine((text) => text.trim() !== '', { message: 'some text' });
const fingerprint = z.string().regex(FINGERPRINT, { message: 'the fingerprint of the text that was reviewed, written by npm run review' });

const reviewSchema = z.strictObject({
  by: z.string().refine((text) => text.trim() !== '', { message: 'the reviewer’s name and role, such as "A. Chen, RN, clinical educator"' }),
  date: z.string().refine(isPastDay, { message: 'the day of the review as YYYY-MM-DD, not in the future' }),
  /** Fingerprint of this file's text when it was reviewed. */
  text: fingerprint,
  /** For a translation: fingerprint of the original's text it was checked against. */
  original: fingerprint.optional(),
});
/** `reviewed:` in the front matter: who signed the text off, when, and which text they saw. */
export type ReviewRecord = z.infer<typeof reviewSchema>;

const frontMatterSchema = z.strictObject({
  id: filled,
  summary: filled,
  source: filled,
  licence: filled,
  translation: z.enum(['original', 'draft', 'reviewed'] satisfies TranslationStatus[]),
  /**
   * `topics: [pain, procedures]`: the library's topics this handout belongs to, by id (their names are
   * in each language's ui.json under `topics.<id>`). Optional: a kiosk with a few handouts needs none.
   */
  topics: z
    .array(z.string().regex(TOPIC_ID, { message: 'a topic id in lower case with hyphens, such as "topics: [pain, procedures]"' }))
    .superRefine((topics, context) => {
      topics.forEach((topic, i) => {
        if (topics.indexOf(topic) < i) context.addIssue({ code: 'custom', path: [i], input: topic, message: 'each topic once; it is listed twice' });
      });
    })
    .nullish(),
  reviewed: reviewSchema.nullish(),
});

export interface FrontMatter {
  id: string;
  summary: string;
  topics: string[];
  meta: HandoutMeta;
  review: ReviewRecord | null;
}

export type Report = (line: number | undefined, message: string) => void;

/** Splits the front matter from the body and checks it; problems go to `report`, by line. */
export function splitFrontMatter(text: string, report: Report): { meta: FrontMatter; body: string; bodyLine: number } {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  const empty: FrontMatter = { id: '', summary: '', topics: [], meta: { source: '', licence: '', translation: 'original', review: unreviewed('original') }, review: null };
  if (!match) {
    report(1, 'the file must start with front matter between "---" lines (id, summary, source, licence, translation)');
    return { meta: empty, body: text, bodyLine: 1 };
  }
  const bodyLine = match[0].split('\n').length;
  const body = text.slice(match[0].length);
  let data: unknown;
  try {
    data = parseYaml(match[1] as string) ?? {};
  } catch (error) {
    report(1, `front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
    return { meta: empty, body, bodyLine };
  }
  const problems = (message: string) => report(FRONT_MATTER_LINE, message);
  if (data && typeof data === 'object' && 'reviewedBy' in data) {
    problems('front matter field "reviewedBy" is replaced by "reviewed: { by, date }"; npm run review writes it');
    const { reviewedBy: _old, ...rest } = data as Record<string, unknown>;
    data = rest;
  }
  const result = frontMatterSchema.safeParse(data, { reportInput: true });
  if (!result.success) {
    for (const issue of result.error.issues) {
      const { where, message } = describeIssue(issue, '');
      problems(where ? `front matter field "${where}": ${message}` : `front matter ${message}`);
    }
    return { meta: empty, body, bodyLine };
  }
  const found = result.data;
  const translation = found.translation;
  const review = reviewFits(found.reviewed ?? null, translation, problems);
  return {
    meta: {
      id: found.id.trim(),
      summary: found.summary.trim(),
      topics: found.topics ?? [],
      meta: { source: found.source.trim(), licence: found.licence.trim(), translation, review: unreviewed(translation) },
      review: review && { ...review, by: review.by.trim() },
    },
    body,
    bodyLine,
  };
}

/** Whether the recorded review fits the translation status; the review when it does. */
function reviewFits(review: ReviewRecord | null, translation: TranslationStatus, problem: (message: string) => void): ReviewRecord | null {
  if (!review) {
    if (translation === 'reviewed') problem(`"translation: reviewed" needs the reviewer and date in "reviewed: { by, date }"; ${REVIEW_HOW}`);
    return null;
  }
  if (translation === 'draft') {
    problem(`"translation: draft" but a review is recorded in "reviewed"; a reviewed translation says "translation: reviewed"`);
    return null;
  }
  if (translation === 'reviewed' && review.original === undefined) {
    problem('"reviewed.original" is missing: it is the fingerprint of the original text the translation was checked against, written by npm run review');
    return null;
  }
  if (translation === 'original' && review.original !== undefined) {
    problem('"reviewed.original" belongs in a translation; the original records only its own "text"');
    return null;
  }
  return review;
}

/** Until the build compares fingerprints, nothing counts as reviewed. */
function unreviewed(translation: TranslationStatus): HandoutMeta['review'] {
  return { medical: { state: 'not-reviewed' }, translation: translation === 'original' ? null : { state: 'not-reviewed' } };
}

/** A real calendar day (not 2026-02-30), no later than tomorrow (a reviewer a time zone ahead). */
function isPastDay(date: string): boolean {
  const parsed = REVIEW_DATE.test(date) ? new Date(`${date}T00:00:00Z`) : null;
  return parsed !== null && !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date && parsed.getTime() <= Date.now() + 86_400_000;
}
