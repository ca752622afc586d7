/**
 * The only place the kiosk fetches content. Handouts are compiled at build time; each language's
 * handout is its own chunk, fetched when a patient first opens it. The chunk keeps the handout as
 * text and each load parses a fresh copy, which goes with the visit that used it.
 */
import type { Handout, HandoutSummary } from './model';

export interface ContentSource {
  summaries(lang: string): HandoutSummary[];
  load(lang: string, id: string): Promise<Handout>;
}

export function createContentSource(
  summaries: Record<string, HandoutSummary[]>,
  loaders: Record<string, Record<string, () => Promise<Handout>>>,
): ContentSource {
  return {
    summaries(lang) {
      return summaries[lang] ?? [];
    },
    async load(lang, id) {
      const loader = loaders[lang]?.[id];
      if (!loader) throw new Error(`No handout "${id}" in language "${lang}"`);
      return loader();
    },
  };
}
