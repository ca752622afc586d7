/**
 * What `npm run review` writes for one handout in one language: the reviewer, the day, and the
 * fingerprints of the text they signed off (see review.ts). Content with problems is refused: a
 * translation whose numbers or safety sentences differ from its original cannot be signed off.
 */
import type { ReviewState } from '../../src/content/model.ts';
import { buildContent, referenceLanguage } from './build-content.ts';
import type { ReviewRecord } from './front-matter.ts';
import { InputError } from './input-error.ts';

export interface ReviewPlan {
  file: string;
  originalFile?: string;
  isTranslation: boolean;
  record: ReviewRecord;
  /** The state the build gives the file as it is now. */
  currentState: ReviewState;
}

export interface ReviewRequest {
  lang: string;
  handout: string;
  by: string;
  /** YYYY-MM-DD; today (on this computer's calendar) when left out. */
  date?: string;
}

export function today(now = new Date()): string {
  return now.toLocaleDateString('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' });
}

export function reviewRecordFor(root: string, request: ReviewRequest, now = new Date()): ReviewPlan {
  const content = buildContent(root);
  const language = content.languages.find((l) => l.code === request.lang);
  if (!language) {
    throw new InputError([{ file: 'kiosk.config.json', where: 'languages', message: `has no "${request.lang}"; configured: ${content.languages.map((l) => l.code).join(', ')}` }]);
  }
  const compiled = language.sources.get(request.handout);
  if (!compiled) {
    throw new InputError([{ file: 'kiosk.config.json', where: 'handouts', message: `has no "${request.handout}"; configured: ${content.config.handouts.join(', ')}` }]);
  }
  const reference = referenceLanguage(content.languages, content.config);
  const original = reference?.sources.get(request.handout);
  const isTranslation = reference !== undefined && reference !== language;
  const date = request.date ?? today(now);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
    throw new InputError([{ file: compiled.file, where: 'reviewed.date', message: `"${date}" is not a day written as YYYY-MM-DD` }]);
  }
  if (date > today(new Date(now.getTime() + 86_400_000))) {
    throw new InputError([{ file: compiled.file, where: 'reviewed.date', message: `${date} is in the future` }]);
  }
  const by = request.by.trim();
  const record: ReviewRecord = isTranslation && original ? { by, date, text: compiled.fingerprint, original: original.fingerprint } : { by, date, text: compiled.fingerprint };
  const status = compiled.handout.meta.review;
  return {
    file: compiled.file,
    ...(isTranslation && original ? { originalFile: original.file } : {}),
    isTranslation,
    record,
    currentState: (status.translation ?? status.medical).state,
  };
}
