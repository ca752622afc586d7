/**
 * The clinic's own language, for "Show in …" (the nurse reads the section beside the patient's). Apart
 * from schema.ts, which the kiosk imports only as types: zod must not ship to the browser.
 */
import type { RuntimeConfig } from './schema';

/** `site.staffLanguage`, else English; null when the build has no handouts in it (not offered). */
export function staffLanguageOf(config: Pick<RuntimeConfig, 'languages' | 'site'>): string | null {
  const staff = config.site.staffLanguage ?? 'en';
  return config.languages.includes(staff) ? staff : null;
}

/**
 * The staff language's name in the patient's language ("inglés"), for "Show in {{language}}". The
 * prompt build (scripts/audio/prompts.ts) fills the string the same way, so the label has a clip.
 */
export function staffLanguageName(uiLanguage: string, staff: string): string {
  try {
    return new Intl.DisplayNames([uiLanguage], { type: 'language' }).of(staff) ?? staff;
  } catch {
    return staff;
  }
}
