/**
 * Section and handout ids: kebab-case ASCII made from a heading, short enough to read in a file name,
 * and unique within a handout. Translations use the same ids, so an id is made once, from the English.
 */

const SPELLED: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ł: 'l', þ: 'th', ð: 'd', ı: 'i' };
const MAX_WORDS = 5;
/** Words that make an id longer without telling sections apart. */
const FILLER = new Set(['a', 'an', 'the']);
const TRAILING = new Set(['for', 'to', 'of', 'and', 'or', 'in', 'on', 'with', 'at', 'by', 'from', 'your', 'you', 'is', 'are', 'do', 'does', 'it', 'if']);
/** Openings of handout titles that every handout shares. */
const TITLE_LEAD_IN = /^(learning about|all about|about|understanding|a guide to|guide to|information (about|on)|facts about)\s+/i;
const MAX_LENGTH = 48;

/** "How is a nerve block used — before ablation?" → "how-is-a-nerve-block-used"; "" when nothing ASCII is left. */
export function slugify(text: string): string {
  const ascii = text
    .toLowerCase()
    .replace(/[ßæœøđłþðı]/g, (ch) => SPELLED[ch] ?? ch)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’‘`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  if (!ascii) return '';
  const all = ascii.split(' ');
  const words = (all.length > 1 ? all.filter((w) => !FILLER.has(w)) : all).slice(0, MAX_WORDS);
  while (words.length > 1 && words.join('-').length > MAX_LENGTH) words.pop();
  // A shortened id should not end on a little word: "how-do-you-prepare", not "how-do-you-prepare-for".
  if (words.length < all.length) while (words.length > 1 && TRAILING.has(words[words.length - 1] as string)) words.pop();
  return words.join('-').slice(0, MAX_LENGTH).replace(/-+$/, '');
}

/** Hands out ids in order: a clash gets "-2", "-3"; a heading with no ASCII letters gets "section-N". */
export function createIdMaker(): (heading: string, preferred?: string) => string {
  const used = new Set<string>();
  return (heading, preferred) => {
    const base = (preferred && slugify(preferred)) || slugify(heading) || `section-${used.size + 1}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return id;
  };
}

/** "Learning About Nerve Ablation for Chronic Pain" → "nerve-ablation-for-chronic-pain". */
export function handoutIdFrom(title: string): string {
  return slugify(title.replace(TITLE_LEAD_IN, ''));
}
