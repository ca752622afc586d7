/**
 * The only place the kiosk fetches content. Handouts are compiled at build time; each language's
 * handout is a JSON file with a small module that knows its audio and figure URLs, both fetched when
 * a patient opens it. Each load is a fresh copy, which goes with the visit that used it (a module
 * would stay in memory, source and all, for the page's life).
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
