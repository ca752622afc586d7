/**
 * The numbers a piece of handout text states, with the unit that follows each one, in any of the
 * kiosk's languages: so that "5 days" in English and "٥ أيام", "5天", "cinq jours" or "5 ਦਿਨ" in a
 * translation compare equal, and "10 jours" left behind after the English became "5 days" does not.
 *
 * What counts as a number:
 * - digits of any script (Western, Arabic-Indic, Persian, Gurmukhi, Devanagari…), with thousands
 *   grouped by a comma, a full stop, a space, a thin or no-break space or the Arabic separator
 *   ("4,000", "4 000", "4.000", "٤٬٠٠٠" are all 4000) and a decimal comma or point ("1,5", "1.5");
 * - number words from two to twelve (in Arabic also the dual of a unit, "يومين" = 2 days);
 * - Chinese numerals (两, 三, 二十四…) followed by a measure word or unit (三天, 两种).
 * "One" is left out on purpose: "a"/"an" in one language is "un", "una" or "一个" in another, so a
 * word for one would flag sound translations. A "1" written in digits does count.
 *
 * Pure: text in, numbers out.
 */
import { segmentersFor } from './segment.ts';

export const UNITS = ['mg', 'g', 'mL', 'kg', 'minute', 'hour', 'day', 'week', 'month', 'year'] as const;
export type Unit = (typeof UNITS)[number];

export interface NumberMention {
  value: number;
  unit: Unit | null;
  /** The text it was read from, for messages. */
  written: string;
  /** UTF-16 offset in the text. */
  at: number;
}

/** Unit words per language, longest first where one is the start of another. Lower case. */
const UNIT_WORDS: Record<Unit, readonly string[]> = {
  mg: [
    'میلی‌گرم',
    'میلی گرم',
    'میلیگرم',
    'ملی گرام',
    'ملی‌گرام',
    'ملیگرام',
    'milligrammes',
    'milligramme',
    'milligrams',
    'milligram',
    'miligramos',
    'miligramo',
    'milligrammi',
    'milligrammo',
    'miligramas',
    'miligrama',
    'mg',
    '毫克',
    'ملليغرام',
    'مليغرام',
    'ملغ',
    'مغ',
    'ਮਿਲੀਗ੍ਰਾਮ',
    'ਮਿ.ਗ੍ਰਾ.',
  ],
  g: ['grammes', 'gramme', 'grams', 'gram', 'gramos', 'gramo', 'grammi', 'grammo', 'gramas', 'grama', 'g', '克', 'غرام', 'غ', 'ਗ੍ਰਾਮ'],
  mL: [
    'میلی‌لیتر',
    'میلی لیتر',
    'ملی لیٹر',
    'millilitres',
    'millilitre',
    'milliliters',
    'milliliter',
    'mililitros',
    'mililitro',
    'millilitri',
    'millilitro',
    'ml',
    '毫升',
    'ملليلتر',
    'مل',
    'ਮਿਲੀਲੀਟਰ',
  ],
  kg: [
    'کیلوگرم',
    'کلوگرام',
    'کلو',
    'kilogrammes',
    'kilogramme',
    'kilograms',
    'kilogram',
    'kilogramos',
    'kilogramo',
    'kilos',
    'kilo',
    'chilogrammi',
    'chilogrammo',
    'chili',
    'chilo',
    'quilogramas',
    'quilograma',
    'quilos',
    'quilo',
    'kg',
    '公斤',
    '千克',
    'كيلوغرام',
    'كغ',
    'كلغ',
    'ਕਿਲੋਗ੍ਰਾਮ',
    'ਕਿੱਲੋ',
  ],
  minute: ['دقیقه', 'منٹ', 'minutes', 'minute', 'minutos', 'minuto', 'minuti', 'min', '分钟', 'دقيقة', 'دقائق', 'ਮਿੰਟਾਂ', 'ਮਿੰਟ'],
  hour: [
    'ساعت',
    'گھنٹوں',
    'گھنٹے',
    'گھنٹہ',
    'oras',
    'hours',
    'hour',
    'heures',
    'heure',
    'horas',
    'hora',
    'ore',
    'ora',
    'h',
    '个小时',
    '小时',
    '個小時',
    '小時',
    'ساعات',
    'ساعة',
    'ਘੰਟਿਆਂ',
    'ਘੰਟੇ',
    'ਘੰਟਾ',
  ],
  day: ['روز', 'دنوں', 'دن', 'araw', 'days', 'day', 'jours', 'jour', 'días', 'día', 'dias', 'dia', 'giorni', 'giorno', '天', '日', 'أيام', 'يوما', 'يومًا', 'يوم', 'ਦਿਨਾਂ', 'ਦਿਨ'],
  week: [
    'هفته',
    'ہفتوں',
    'ہفتے',
    'ہفتہ',
    'linggo',
    'weeks',
    'week',
    'semaines',
    'semaine',
    'semanas',
    'semana',
    'settimane',
    'settimana',
    '个星期',
    '星期',
    '周',
    'أسابيع',
    'أسبوعا',
    'أسبوع',
    'ਹਫ਼ਤਿਆਂ',
    'ਹਫ਼ਤੇ',
    'ਹਫ਼ਤਾ',
  ],
  month: [
    'ماه',
    'مہینوں',
    'مہینے',
    'مہینہ',
    'buwan',
    'months',
    'month',
    'mois',
    'meses',
    'mes',
    'mês',
    'mesi',
    'mese',
    '个月',
    '個月',
    'أشهر',
    'شهور',
    'شهرا',
    'شهر',
    'ਮਹੀਨਿਆਂ',
    'ਮਹੀਨੇ',
    'ਮਹੀਨਾ',
  ],
  year: [
    'سال',
    'taon',
    'years',
    'year',
    'années',
    'année',
    'ans',
    'an',
    'años',
    'año',
    'anos',
    'ano',
    'anni',
    'anno',
    '岁',
    '歲',
    '年',
    'سنوات',
    'سنة',
    'عاما',
    'عامًا',
    'أعوام',
    'عام',
    'ਸਾਲਾਂ',
    'ਸਾਲ',
  ],
};

/** Number words from two to twelve. French "neuf" is left out: it is also "new". */
const NUMBER_WORDS: Record<string, Record<string, number>> = {
  en: { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, twice: 2 },
  fr: { deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, dix: 10, onze: 11, douze: 12 },
  es: { dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10, once: 11, doce: 12 },
  ar: {
    اثنان: 2,
    اثنين: 2,
    اثنتان: 2,
    اثنتين: 2,
    ثلاث: 3,
    ثلاثة: 3,
    أربع: 4,
    أربعة: 4,
    خمس: 5,
    خمسة: 5,
    ست: 6,
    ستة: 6,
    سبع: 7,
    سبعة: 7,
    ثماني: 8,
    ثمانية: 8,
    ثمان: 8,
    تسع: 9,
    تسعة: 9,
    عشر: 10,
    عشرة: 10,
    مرتين: 2,
    مرتان: 2,
  },
  // Italian "sei" is left out: it is also "you are".
  it: { due: 2, tre: 3, quattro: 4, cinque: 5, sette: 7, otto: 8, nove: 9, dieci: 10, undici: 11, dodici: 12 },
  pt: { dois: 2, duas: 2, três: 3, quatro: 4, cinco: 5, seis: 6, sete: 7, oito: 8, nove: 9, dez: 10, onze: 11, doze: 12 },
  // Urdu and Persian "nine" are left out: Urdu نو is also "new", Persian نه is also "no".
  ur: { دو: 2, تین: 3, چار: 4, پانچ: 5, چھ: 6, سات: 7, آٹھ: 8, دس: 10, گیارہ: 11, بارہ: 12 },
  fa: { دو: 2, سه: 3, چهار: 4, پنج: 5, شش: 6, هفت: 7, هشت: 8, ده: 10, یازده: 11, دوازده: 12 },
  tl: { dalawa: 2, tatlo: 3, apat: 4, lima: 5, anim: 6, pito: 7, walo: 8, siyam: 9, sampu: 10 },
  pa: { ਦੋ: 2, ਤਿੰਨ: 3, ਚਾਰ: 4, ਪੰਜ: 5, ਛੇ: 6, ਸੱਤ: 7, ਅੱਠ: 8, ਨੌਂ: 9, ਦਸ: 10, ਗਿਆਰਾਂ: 11, ਬਾਰਾਂ: 12 },
};

/** Arabic duals: the noun alone says "two of it". */
const ARABIC_DUALS: Record<string, Unit | null> = {
  يومين: 'day',
  يومان: 'day',
  ساعتين: 'hour',
  ساعتان: 'hour',
  سنتين: 'year',
  سنتان: 'year',
  عامين: 'year',
  عامان: 'year',
  أسبوعين: 'week',
  أسبوعان: 'week',
  شهرين: 'month',
  شهران: 'month',
  دقيقتين: 'minute',
  دقيقتان: 'minute',
  جرعتين: null,
  جرعتان: null,
};

const CHINESE_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 兩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CHINESE_MULTIPLIERS: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10000, 萬: 10000 };
/** Measure words and units after which a Chinese numeral is a count, not part of a word (十分 = "very"). */
const CHINESE_COUNTERS = [
  '个小时',
  '個小時',
  '个星期',
  '个月',
  '個月',
  '小时',
  '小時',
  '分钟',
  '毫克',
  '毫升',
  '公斤',
  '千克',
  '星期',
  '个',
  '個',
  '种',
  '種',
  '天',
  '日',
  '周',
  '年',
  '岁',
  '歲',
  '次',
  '杯',
  '片',
  '粒',
  '剂',
  '劑',
  '克',
  '位',
  '名',
  '条',
  '條',
  '项',
  '項',
];

const GROUP_SEPARATOR = /^[,.\u00A0\u202F\u2009 '\u066C]$/u;
const DECIMAL_SEPARATOR = /^[,.\u066B]$/u;

/** The value of one decimal digit of any script (Unicode keeps each script's 0–9 contiguous). */
function digitValue(ch: string): number {
  let cp = ch.codePointAt(0) as number;
  let steps = 0;
  // Walk back to the start of this run of digits; runs are whole multiples of ten.
  while (steps < 100 && /\p{Nd}/u.test(String.fromCodePoint(cp - 1))) {
    cp--;
    steps++;
  }
  return steps % 10;
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && /\p{Nd}/u.test(ch);
}

function chineseValue(numeral: string): number {
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const ch of numeral) {
    if (ch in CHINESE_DIGITS) digit = CHINESE_DIGITS[ch] as number;
    else {
      const multiplier = CHINESE_MULTIPLIERS[ch] as number;
      if (multiplier === 10000) {
        total += (section + digit) * multiplier;
        section = 0;
      } else section += (digit || 1) * multiplier;
      digit = 0;
    }
  }
  return total + section + digit;
}

function baseLanguage(lang: string): string {
  return lang.split('-')[0] ?? lang;
}

/** The unit written right after a number (a space, a hyphen or "个" may come between), or null. */
/** A language's own words, from its locales/<lang>/language.json, beside the built-in tables. */
export interface NumberVocabulary {
  words?: Readonly<Record<string, number>>;
  units?: Readonly<Partial<Record<Unit, readonly string[]>>>;
}

function unitAfter(text: string, from: number, extra?: NumberVocabulary['units']): { unit: Unit; end: number } | null {
  let i = from;
  while (i < text.length && /[\s\u00A0\u202F\-‐‑]/u.test(text.charAt(i)) && i - from < 2) i++;
  const rest = text.slice(i, i + 16).toLocaleLowerCase();
  let best: { unit: Unit; length: number } | null = null;
  for (const [unit, builtIn] of Object.entries(UNIT_WORDS) as [Unit, readonly string[]][]) {
    for (const word of [...builtIn, ...(extra?.[unit] ?? []).map((w) => w.toLocaleLowerCase())]) {
      if (!rest.startsWith(word)) continue;
      const next = rest.charAt(word.length);
      // Whole words for alphabetic units ("h" is not the start of "help", "an" not of "and").
      if (/\p{L}/u.test(word.slice(-1)) && /[\p{L}\p{M}]/u.test(next) && !/\p{Script=Han}/u.test(word)) continue;
      if (!best || word.length > best.length) best = { unit, length: word.length };
    }
  }
  return best ? { unit: best.unit, end: i + best.length } : null;
}

export function numbersIn(text: string, lang: string, vocabulary: NumberVocabulary = {}): NumberMention[] {
  const found: NumberMention[] = [];
  const base = baseLanguage(lang);

  // Digits, with grouping and decimals. The search jumps from digit to digit: testing every
  // character made this the slowest step of the facts check on a big library.
  const nextDigit = /\p{Nd}/gu;
  for (let i = 0; i < text.length;) {
    nextDigit.lastIndex = i;
    const match = nextDigit.exec(text);
    if (!match) break;
    i = match.index;
    if (isDigit(text.charAt(i - 1))) {
      i++;
      continue;
    }
    const start = i;
    let digits = '';
    const takeRun = () => {
      while (i < text.length && isDigit(text.charAt(i))) digits += String(digitValue(text.charAt(i++)));
    };
    takeRun();
    // Thousands: a separator followed by exactly three digits, repeatedly.
    while (GROUP_SEPARATOR.test(text.charAt(i)) && isDigit(text.charAt(i + 1)) && isDigit(text.charAt(i + 2)) && isDigit(text.charAt(i + 3)) && !isDigit(text.charAt(i + 4))) {
      i++;
      takeRun();
    }
    let value = Number(digits);
    if (DECIMAL_SEPARATOR.test(text.charAt(i)) && isDigit(text.charAt(i + 1))) {
      i++;
      let fraction = '';
      while (i < text.length && isDigit(text.charAt(i))) fraction += String(digitValue(text.charAt(i++)));
      value = Number(`${digits}.${fraction}`);
    }
    const unit = unitAfter(text, i, vocabulary.units);
    found.push({ value, unit: unit?.unit ?? null, written: text.slice(start, unit?.end ?? i).trim(), at: start });
  }

  // Words for two to twelve, and Arabic duals.
  const ownWords = vocabulary.words ? Object.fromEntries(Object.entries(vocabulary.words).map(([w, n]) => [w.toLocaleLowerCase(lang), n])) : undefined;
  const words = NUMBER_WORDS[base] || ownWords ? { ...NUMBER_WORDS[base], ...ownWords } : undefined;
  if (words || base === 'ar') {
    for (const segment of segmentersFor(lang).word.segment(text)) {
      if (!segment.isWordLike) continue;
      const word = segment.segment.toLocaleLowerCase(lang);
      const bare = base === 'ar' ? stripArabicPrefix(word) : word;
      const value = words?.[word] ?? (bare !== word ? words?.[bare] : undefined);
      if (value !== undefined) {
        const unit = unitAfter(text, segment.index + segment.segment.length, vocabulary.units);
        found.push({ value, unit: unit?.unit ?? null, written: text.slice(segment.index, unit?.end ?? segment.index + segment.segment.length), at: segment.index });
        continue;
      }
      if (base === 'ar') {
        const dual = ARABIC_DUALS[word] !== undefined ? word : ARABIC_DUALS[bare] !== undefined ? bare : null;
        if (dual) found.push({ value: 2, unit: ARABIC_DUALS[dual] ?? null, written: segment.segment, at: segment.index });
      }
    }
  }

  // Chinese numerals before a counter.
  if (base === 'zh' || base === 'yue') {
    const numeral = /[零〇一二两兩三四五六七八九十百千万萬]+/gu;
    for (const match of text.matchAll(numeral)) {
      const end = match.index + match[0].length;
      const counter = CHINESE_COUNTERS.find((c) => text.startsWith(c, end));
      if (!counter) continue;
      const value = chineseValue(match[0]);
      if (value < 2) continue;
      const unit = unitAfter(text, end, vocabulary.units);
      found.push({ value, unit: unit?.unit ?? null, written: match[0] + counter, at: match.index });
    }
  }

  return found.sort((a, b) => a.at - b.at);
}

/** Arabic joins و (and) and ال (the) to the next word: "وثلاثة" is still three. */
function stripArabicPrefix(word: string): string {
  // Only و and ال: "لست" ("you are not") must not become ست (six).
  return word.replace(/^و?(?:ال)?/u, '');
}

/** "4000 mg", "5 days", "3": how a mention is named in a message. */
export function describeNumber(mention: Pick<NumberMention, 'value' | 'unit'>): string {
  if (!mention.unit) return String(mention.value);
  // Units of measure as written on a label; time units as words, plural where the number is.
  const word = /^(mg|g|mL|kg)$/.test(mention.unit) || mention.value === 1 ? mention.unit : `${mention.unit}s`;
  return `${mention.value} ${word}`;
}
