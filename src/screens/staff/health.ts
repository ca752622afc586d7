/**
 * What the staff panel reports, gathered from the browser and the build: content and audio per
 * language, storage used, and the offline copy. Each probe settles, never throws: a panel that
 * breaks on the one thing that is wrong would hide everything else.
 */
import { handoutLoaders, handoutSummaries } from 'virtual:kiosk/manifest';
import { createContentSource, type ContentSource } from '../../content/loader';
import type { HandoutMeta } from '../../content/model';
import type { LanguageInfo } from '../../i18n/i18n';
import { readOfflineStatus, type OfflineStatus } from '../../kiosk/offline';
import { readBuildStatus, type BuildReport } from './build-status';

export interface LanguageHealth {
  code: string;
  name: string;
  handouts: number;
  sections: number;
  /** Sections with prepared audio (the rest use the browser's voice, or show text only). */
  withAudio: number;
  /** Of those, the sections read by a person (a staff recording) rather than synthesized, as `handout/section`. */
  recorded: string[];
  /** Handouts that failed to load. */
  failed: number;
  /** Each loaded handout's review record, in the configured order. */
  reviews: HandoutReview[];
}

export interface HandoutReview {
  id: string;
  title: string;
  review: HandoutMeta['review'];
}

export interface StorageHealth {
  usedBytes: number;
  quotaBytes: number;
}

export interface StaffProbes {
  content(languages: readonly LanguageInfo[], handoutIds: readonly string[]): Promise<LanguageHealth[]>;
  storage(): Promise<StorageHealth | null>;
  offline(): Promise<OfflineStatus>;
  /** What `npm start` says of its builds; null where the server has nothing to say (nginx, offline). */
  build(running: string): Promise<BuildReport | null>;
}

export async function contentHealth(source: ContentSource, languages: readonly LanguageInfo[], handoutIds: readonly string[]): Promise<LanguageHealth[]> {
  return Promise.all(
    languages.map(async ({ code, name }) => {
      const results = await Promise.allSettled(handoutIds.map((id) => source.load(code, id)));
      const health: LanguageHealth = { code, name, handouts: 0, sections: 0, withAudio: 0, recorded: [], failed: 0, reviews: [] };
      for (const result of results) {
        if (result.status === 'rejected') {
          health.failed++;
          continue;
        }
        health.handouts++;
        health.sections += result.value.sections.length;
        health.withAudio += result.value.sections.filter((section) => section.audio !== null).length;
        const handout = result.value.id;
        health.recorded.push(...result.value.sections.filter((section) => section.audio?.voice === 'recorded').map((section) => `${handout}/${section.id}`));
        health.reviews.push({ id: result.value.id, title: result.value.title, review: result.value.meta.review });
      }
      return health;
    }),
  );
}

export const browserProbes: StaffProbes = {
  content: (languages, handoutIds) => contentHealth(createContentSource(handoutSummaries, handoutLoaders), languages, handoutIds),
  async storage() {
    const estimate = await globalThis.navigator?.storage?.estimate?.().catch(() => null);
    return estimate ? { usedBytes: estimate.usage ?? 0, quotaBytes: estimate.quota ?? 0 } : null;
  },
  offline: () => readOfflineStatus().catch(() => ({ state: 'unsupported', controlled: false, worker: null })),
  build: (running) => readBuildStatus(running),
};
