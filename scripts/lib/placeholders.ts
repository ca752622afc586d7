/**
 * The `{name}` placeholders a handout may use, and the config field each one comes from. They are all
 * phone numbers a patient may need to dial, so the speech build reads every one of them digit by digit
 * ("nine one one", never "nine hundred eleven"), and the translation check requires each one in the
 * same section of every language: a translation that drops the poison centre's number must not ship.
 */
import type { KioskConfig } from '../../src/config/schema.ts';

export const PLACEHOLDER_FIELDS = {
  nurseLine: 'site.nurseLine',
  poisonCentre: 'site.poisonCentre',
  emergency: 'site.emergency',
} as const;

export type PlaceholderName = keyof typeof PLACEHOLDER_FIELDS;

/** `{name}` in handout text; the name must start with a letter, so `{!safety}` and `{#id}` are not placeholders. */
export const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** The values this site's config gives; a placeholder whose field is not set is left out. */
export function placeholderValues(site: KioskConfig['site']): Partial<Record<PlaceholderName, string>> {
  const values: Partial<Record<PlaceholderName, string>> = { nurseLine: site.nurseLine, emergency: site.emergency };
  if (site.poisonCentre) values.poisonCentre = site.poisonCentre;
  return values;
}

/** Every phone number the speech build must read digit by digit. */
export function phoneNumbers(site: KioskConfig['site']): string[] {
  return Object.values(placeholderValues(site)).filter((value): value is string => Boolean(value));
}

/** The placeholder names used in a piece of handout source text, in order, repeats kept. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1] as string);
}
