/**
 * How a value is written into an interface string: numbers in the language's own digits where it
 * has them ("القسم ٢ من ٦", "بخش ۲ از ۶"), as Intl writes them for that language; everything else
 * as given. i18next and the bundled translator both write values through here, so the first screen
 * and the rest agree.
 */
const formats = new Map<string, Intl.NumberFormat>();

export function formatValue(value: unknown, lang: string): string {
  if (typeof value === 'string') return value;
  if (typeof value !== 'number') return value == null ? '' : (JSON.stringify(value) ?? '');
  let format = formats.get(lang);
  if (!format) {
    format = new Intl.NumberFormat(lang);
    formats.set(lang, format);
  }
  return format.format(value);
}
