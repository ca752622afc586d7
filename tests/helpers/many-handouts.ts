/**
 * A library of many handouts for jsdom tests of the library screens: the configured handouts' summaries
 * under new ids and titles, with the real topics (whose names every language's ui.json has). Opening
 * one loads the handout it was made from. The browser test builds a real one instead
 * (bench/generate-library.ts).
 */
import { handoutLoaders, handoutSummaries } from 'virtual:kiosk/manifest';
import type { RuntimeConfig } from '../../src/config/schema';
import { createContentSource, type ContentSource } from '../../src/content/loader';
import type { Handout, HandoutSummary } from '../../src/content/model';
import { config as baseConfig } from './kiosk';

/** Subjects whose first letters spread over the alphabet, as real titles do. */
const SUBJECTS = [
  'Arthritis',
  'Back pain',
  'Blood tests',
  'Chest pain',
  'Diabetes',
  'Ear infections',
  'Fever',
  'Gallbladder',
  'Headaches',
  'Hernia',
  'Insulin',
  'Knee pain',
  'Migraine',
  'Nerve pain',
  'Sleep',
];
const TOPICS = [['pain'], ['pain', 'procedures'], ['medicines'], ['procedures'], []] as const;

export interface ManyHandouts {
  config: RuntimeConfig;
  content: ContentSource;
  /** English summaries, by id. */
  summaries: HandoutSummary[];
}

export function manyHandouts(count: number, featured: string[] = []): ManyHandouts {
  const ids = Array.from({ length: count }, (_, i) => `h${String(i + 1).padStart(3, '0')}`);
  const bases = baseConfig.handouts.slice(0, 2);
  const summaries: Record<string, HandoutSummary[]> = {};
  const loaders: Record<string, Record<string, () => Promise<Handout>>> = {};
  for (const [lang, real] of Object.entries(handoutSummaries)) {
    summaries[lang] = ids.map((id, i) => {
      const base = real.find((h) => h.id === bases[i % 2])!;
      const subject = SUBJECTS[i % SUBJECTS.length]!;
      return { ...base, id, title: `${subject} ${Math.floor(i / SUBJECTS.length) + 1}: ${base.title}`, topics: [...TOPICS[i % TOPICS.length]!] };
    });
    loaders[lang] = Object.fromEntries(ids.map((id, i) => [id, async () => ({ ...(await handoutLoaders[lang]![bases[i % 2]!]!()), id })]));
  }
  return {
    config: { ...baseConfig, handouts: ids, featured },
    content: createContentSource(summaries, loaders),
    summaries: summaries.en!,
  };
}
