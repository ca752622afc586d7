/**
 * Typed UI string keys, derived from the English strings: a component that asks for a key that does
 * not exist fails the type check, and plural forms (`sections_one`, `sections_other`) are asked for by
 * their base key, as i18next expects.
 */
import type en from '../../locales/en/ui.json';

type PluralSuffix = '_zero' | '_one' | '_two' | '_few' | '_many' | '_other';
type StripPlural<K extends string> = K extends `${infer Base}${PluralSuffix}` ? Base : K;

type Paths<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends Record<string, unknown> ? Paths<T[K], `${Prefix}${K}.`> : `${Prefix}${StripPlural<K>}`;
}[keyof T & string];

export type UiKey = Paths<typeof en>;

export type Translate = (key: UiKey, values?: Record<string, string | number>) => string;
