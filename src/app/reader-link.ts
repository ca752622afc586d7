/**
 * The "take it home" link: the same handout, in the same language, at the same section, opened on
 * the patient's own phone from the clinic's public copy of the build. It carries those three things
 * and the mode, and nothing else: no visit, no time, nothing about the patient.
 *
 * Pure, so it is tested without a DOM; the kiosk makes links with `readerLink`, the phone reads them
 * with `parseReaderLink`.
 */

export interface ReaderPlace {
  lang: string;
  handout: string;
  /** Zero-based, as the app counts; the link counts from one, as the patient reads "Section 3 of 6". */
  sectionIndex: number;
}

/** `?reader=phone`: the build runs as a personal reader (no lock-down, no idle reset). */
export const PERSONAL_MODE = 'phone';

export function readerLink(publicUrl: string, { lang, handout, sectionIndex }: ReaderPlace): string {
  const url = new URL(publicUrl);
  // Parameters in a fixed order, so the same place always gives the same link (and the same QR code).
  url.search = new URLSearchParams({ reader: PERSONAL_MODE, lang, handout, section: String(sectionIndex + 1) }).toString();
  return url.toString();
}

/** Whether this page was opened as a personal reader; says nothing about whether the place is valid. */
export function isPersonalReader(search: string): boolean {
  return new URLSearchParams(search).get('reader') === PERSONAL_MODE;
}

/**
 * The place a link asks for, if the build offers it: a link made by an older build (a language or a
 * handout since removed) opens the language picker instead of an error. The section is clamped
 * when the handout is loaded, since only then is its length known.
 */
export function parseReaderLink(search: string, offered: { languages: readonly string[]; handouts: readonly string[] }): ReaderPlace | null {
  const params = new URLSearchParams(search);
  if (params.get('reader') !== PERSONAL_MODE) return null;
  const lang = params.get('lang') ?? '';
  const handout = params.get('handout') ?? '';
  const section = Number(params.get('section') ?? '1');
  if (!offered.languages.includes(lang) || !offered.handouts.includes(handout)) return null;
  return { lang, handout, sectionIndex: Number.isInteger(section) && section >= 1 ? section - 1 : 0 };
}
