/**
 * A generated library: a complete content root (kiosk.config.json, locales/<lang>/ui.json with topic
 * names, glossary and handouts, locales/figures/) with as many handouts as asked for, for the
 * library's browser test (tests/browser/library-search.test.ts) and for timing the check and the
 * build on a clinic-sized library. Build a kiosk from it with `KIOSK_CONTENT_ROOT=<dir>`.
 *
 *   npx tsx bench/generate-library.ts <dir> --handouts 100 --languages en,ar [--featured 4] [--seed 1] [--audio] [--no-prompts]
 *
 * Each handout is one of the two real handouts (nerve-ablation, acetaminophen) under a new id, title
 * and topics: its sections are the real ones, word for word, so every number, placeholder and safety
 * sentence agrees across languages and the content check passes as it does for the real content.
 * Titles are "<subject>: <kind>" from 25 subjects and 4 kinds written in English, French and Arabic
 * (100 distinct titles; beyond that a number is added). Other languages get the real handout's
 * title in that language with a number: distinct, if less plausible. Topics come from each subject.
 *
 * Without `--audio` the handouts have no speech (about 6 MB for 100 handouts in two languages; the
 * kiosk shows them as text, and the check (`runCheck(root)` from scripts/check.ts) reports the
 * missing audio); with it, each handout's sections get a copy of the real handout's audio and
 * timings, which match its text exactly (about 170 MB for two languages, 510 MB for six; each copy
 * marked with its handout's id so that the build stores it apart, see `ownBytes`), and the whole
 * check passes (its time and the build's are in the bench report: bench/measure-library.ts). The
 * languages' interface prompt clips are copied unless `--no-prompts`.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readManifest, readTimings, stableJson, type Manifest } from '../scripts/audio/timings.ts';
import { InputError } from '../scripts/lib/input-error.ts';
import { loadConfig } from '../scripts/lib/load-config.ts';
import { itemAt } from '../scripts/lib/arrays.ts';

const project = fileURLToPath(new URL('..', import.meta.url));
const BASES = ['nerve-ablation', 'acetaminophen'] as const;

export interface LibraryOptions {
  handouts: number;
  /** Language codes, each with locales/<lang>/ in this project; the first is the default language. */
  languages: string[];
  /** How many handouts the config features (chosen by the seed). */
  featured: number;
  seed?: number;
  /** Copy the real handouts' section audio and timings for every generated handout. */
  audio?: boolean;
  /**
   * Copy the languages' self-voicing clips (audio/<lang>/prompts, a few MB each), so the kiosk speaks
   * its own interface in them; the generated titles and topics have none until `npm run audio`.
   * On unless false.
   */
  prompts?: boolean;
}

export interface GeneratedHandout {
  id: string;
  /** Title by language. */
  titles: Record<string, string>;
  topics: string[];
  /** Which real handout's sections it has. */
  base: (typeof BASES)[number];
}

export interface GeneratedLibrary {
  root: string;
  handouts: GeneratedHandout[];
  featured: string[];
  /** Topic id → name, by language. */
  topics: Record<string, Record<string, string>>;
}

/** Topics beyond the three the real handouts use (pain, procedures, medicines), named in all twelve languages. */
/** Each with an English name at least: the fallback for a language it has none in. */
const EXTRA_TOPICS: Record<string, Record<string, string> & { en: string }> = {
  heart: { en: 'Heart', fr: 'Cœur', es: 'Corazón', 'zh-Hans': '心脏', yue: '心臟', pa: 'ਦਿਲ', ar: 'القلب', ur: 'دل', fa: 'قلب', tl: 'Puso', it: 'Cuore', pt: 'Coração' },
  diabetes: {
    en: 'Diabetes',
    fr: 'Diabète',
    es: 'Diabetes',
    'zh-Hans': '糖尿病',
    yue: '糖尿病',
    pa: 'ਸ਼ੂਗਰ',
    ar: 'السكري',
    ur: 'ذیابیطس',
    fa: 'دیابت',
    tl: 'Diabetes',
    it: 'Diabete',
    pt: 'Diabetes',
  },
  surgery: {
    en: 'Surgery',
    fr: 'Chirurgie',
    es: 'Cirugía',
    'zh-Hans': '手术',
    yue: '手術',
    pa: 'ਅਪਰੇਸ਼ਨ',
    ar: 'الجراحة',
    ur: 'سرجری',
    fa: 'جراحی',
    tl: 'Operasyon',
    it: 'Chirurgia',
    pt: 'Cirurgia',
  },
  children: {
    en: 'Children',
    fr: 'Enfants',
    es: 'Niños',
    'zh-Hans': '儿童',
    yue: '兒童',
    pa: 'ਬੱਚੇ',
    ar: 'الأطفال',
    ur: 'بچے',
    fa: 'کودکان',
    tl: 'Mga bata',
    it: 'Bambini',
    pt: 'Crianças',
  },
  tests: {
    en: 'Tests and scans',
    fr: 'Examens',
    es: 'Pruebas',
    'zh-Hans': '检查',
    yue: '檢查',
    pa: 'ਟੈਸਟ ਅਤੇ ਸਕੈਨ',
    ar: 'الفحوصات',
    ur: 'ٹیسٹ اور اسکین',
    fa: 'آزمایش‌ها',
    tl: 'Mga pagsusuri',
    it: 'Esami',
    pt: 'Exames',
  },
};

/** id, topics, and the subject in English, French and Arabic. */
const SUBJECTS: [string, string[], string, string, string][] = [
  ['back-pain', ['pain'], 'Back pain', 'Mal de dos', 'آلام الظهر'],
  ['knee-pain', ['pain'], 'Knee pain', 'Douleur au genou', 'ألم الركبة'],
  ['headaches', ['pain'], 'Headaches', 'Maux de tête', 'الصداع'],
  ['arthritis', ['pain'], 'Arthritis', 'Arthrite', 'التهاب المفاصل'],
  ['nerve-pain', ['pain'], 'Nerve pain', 'Douleur nerveuse', 'ألم الأعصاب'],
  ['blood-pressure', ['heart'], 'High blood pressure', 'Hypertension artérielle', 'ارتفاع ضغط الدم'],
  ['heart-failure', ['heart'], 'Heart failure', 'Insuffisance cardiaque', 'قصور القلب'],
  ['chest-pain', ['heart', 'pain'], 'Chest pain', 'Douleur thoracique', 'ألم الصدر'],
  ['atrial-fibrillation', ['heart'], 'Atrial fibrillation', 'Fibrillation auriculaire', 'الرجفان الأذيني'],
  ['diabetes', ['diabetes'], 'Diabetes', 'Diabète', 'داء السكري'],
  ['low-blood-sugar', ['diabetes'], 'Low blood sugar', 'Hypoglycémie', 'انخفاض سكر الدم'],
  ['diabetic-feet', ['diabetes'], 'Foot care with diabetes', 'Soins des pieds et diabète', 'العناية بالقدمين مع السكري'],
  ['insulin', ['diabetes', 'medicines'], 'Insulin', 'Insuline', 'الإنسولين'],
  ['hip-replacement', ['surgery'], 'Hip replacement', 'Prothèse de hanche', 'استبدال مفصل الورك'],
  ['knee-replacement', ['surgery'], 'Knee replacement', 'Prothèse de genou', 'استبدال مفصل الركبة'],
  ['gallbladder', ['surgery'], 'Gallbladder surgery', 'Chirurgie de la vésicule biliaire', 'جراحة المرارة'],
  ['hernia', ['surgery'], 'Hernia repair', 'Réparation d’une hernie', 'إصلاح الفتق'],
  ['child-fever', ['children'], 'Fever in children', 'Fièvre chez l’enfant', 'الحمى عند الأطفال'],
  ['ear-infections', ['children'], 'Ear infections in children', 'Otite chez l’enfant', 'التهاب الأذن عند الأطفال'],
  ['child-asthma', ['children'], 'Asthma in children', 'Asthme chez l’enfant', 'الربو عند الأطفال'],
  ['blood-tests', ['tests'], 'Blood tests', 'Analyses de sang', 'تحاليل الدم'],
  ['mri', ['tests'], 'MRI scans', 'IRM', 'التصوير بالرنين المغناطيسي'],
  ['colonoscopy', ['tests', 'procedures'], 'Colonoscopy', 'Coloscopie', 'تنظير القولون'],
  ['steroid-injections', ['procedures', 'pain'], 'Steroid injections', 'Injections de stéroïdes', 'حقن الستيرويد'],
  ['blood-thinners', ['medicines', 'heart'], 'Blood thinners', 'Anticoagulants', 'مميعات الدم'],
];

/** id, then "<subject>: <kind>" in English, French and Arabic. */
const KINDS: [string, string, string, string][] = [
  ['basics', '{s}: the basics', '{s} : l’essentiel', '{s}: أساسيات'],
  ['questions', '{s}: questions and answers', '{s} : questions et réponses', '{s}: أسئلة وأجوبة'],
  ['guide', '{s}: a guide for patients', '{s} : guide pour les patients', '{s}: دليل للمرضى'],
  ['what-to-know', '{s}: what to know', '{s} : ce qu’il faut savoir', '{s}: ما يجب معرفته'],
];
const WRITTEN = ['en', 'fr', 'ar'] as const;

// The bench's one seeded generator (mulberry32), so a seed always gives the same library.
import { seededRandom } from './random-patient';
export { seededRandom };

/** The generated handouts' ids, titles and topics, without writing anything. */
export function planLibrary(options: LibraryOptions): { handouts: GeneratedHandout[]; featured: string[] } {
  const random = seededRandom(options.seed ?? 1);
  const realTitles = Object.fromEntries(
    options.languages.map((lang) => [
      lang,
      Object.fromEntries(BASES.map((base) => [base, titleOf(readFileSync(join(project, 'locales', lang, 'handouts', `${base}.md`), 'utf8'))])),
    ]),
  );
  const realTitle = (lang: string, base: string) => {
    const title = realTitles[lang]?.[base];
    if (title === undefined) throw new Error(`locales/${lang}/handouts/${base}.md was not read`);
    return title;
  };
  const handouts: GeneratedHandout[] = [];
  const combinations = SUBJECTS.length * KINDS.length;
  for (let i = 0; i < options.handouts; i++) {
    const subject = itemAt(SUBJECTS, i % SUBJECTS.length, 'subjects');
    const kind = itemAt(KINDS, Math.floor(i / SUBJECTS.length) % KINDS.length, 'kinds');
    const round = Math.floor(i / combinations);
    const base = itemAt(BASES, i % BASES.length, 'bases');
    const titles: Record<string, string> = {};
    for (const lang of options.languages) {
      const written = WRITTEN.indexOf(lang as (typeof WRITTEN)[number]);
      const number = (n: number) => new Intl.NumberFormat(lang).format(n);
      titles[lang] =
        written >= 0
          ? itemAt(kind, written + 1, 'kind titles').replace('{s}', itemAt([subject[2], subject[3], subject[4]], written, 'subject names')) + (round ? ` ${number(round + 1)}` : '')
          : `${realTitle(lang, base)} ${number(i + 1)}`;
    }
    handouts.push({ id: `${subject[0]}-${kind[0]}${round ? `-${round + 1}` : ''}`, titles, topics: subject[1], base });
  }
  const pool = handouts.map((h) => h.id);
  const featured: string[] = [];
  while (featured.length < Math.min(options.featured, pool.length)) {
    const [id] = pool.splice(Math.floor(random() * pool.length), 1);
    if (id === undefined) break;
    featured.push(id);
  }
  return { handouts, featured };
}

export function generateLibrary(root: string, options: LibraryOptions): GeneratedLibrary {
  const { handouts, featured } = planLibrary(options);
  mkdirSync(root, { recursive: true });
  const config = loadConfig(project);
  const speech = Object.fromEntries(Object.entries(config.speech ?? {}).filter(([lang]) => options.languages.includes(lang)));
  const { $schema: _schema, ...rest } = config;
  writeFileSync(
    join(root, 'kiosk.config.json'),
    JSON.stringify({ ...rest, languages: options.languages, defaultLanguage: options.languages[0], handouts: handouts.map((h) => h.id), featured, speech }, null, 2) + '\n',
  );
  cpSync(join(project, 'locales', 'figures'), join(root, 'locales', 'figures'), { recursive: true });

  const topics: Record<string, Record<string, string>> = {};
  for (const lang of options.languages) {
    const from = join(project, 'locales', lang);
    const to = join(root, 'locales', lang);
    mkdirSync(join(to, 'handouts'), { recursive: true });
    for (const file of ['glossary.json', 'language.json', 'pronunciation.json']) {
      if (existsSync(join(from, file))) copyFileSync(join(from, file), join(to, file));
    }
    const strings = JSON.parse(readFileSync(join(from, 'ui.json'), 'utf8')) as Record<string, unknown> & { topics?: Record<string, string> };
    const names: Record<string, string> = { ...strings.topics };
    for (const [id, byLang] of Object.entries(EXTRA_TOPICS)) names[id] = byLang[lang] ?? byLang.en;
    topics[lang] = names;
    writeFileSync(join(to, 'ui.json'), JSON.stringify({ ...strings, topics: names }, null, 2) + '\n');
    const bases = Object.fromEntries(BASES.map((base) => [base, readFileSync(join(from, 'handouts', `${base}.md`), 'utf8')]));
    for (const handout of handouts) {
      const baseText = bases[handout.base];
      if (baseText === undefined) throw new Error(`locales/${lang}/handouts/${handout.base}.md was not read`);
      const text = baseText
        .replace(/^id: .*$/m, `id: ${handout.id}`)
        .replace(/^topics: .*$/m, `topics: [${handout.topics.join(', ')}]`)
        .replace(/^# .*$/m, `# ${handout.titles[lang]}`);
      writeFileSync(join(to, 'handouts', `${handout.id}.md`), text);
    }
  }
  copyAudio(root, options.languages, handouts, { sections: options.audio ?? false, prompts: options.prompts ?? true });
  return { root, handouts, featured, topics };
}

/**
 * The audio manifest (empty of sections unless `copy.sections`: then each generated handout gets its
 * real handout's section audio, timings and manifest entries), and the prompt clips.
 */
function copyAudio(root: string, languages: string[], handouts: GeneratedHandout[], copy: { sections: boolean; prompts: boolean }) {
  const { manifest, problems } = readManifest(join(project, 'audio'));
  if (!manifest) throw new InputError(problems);
  const sections: Manifest['sections'] = {};
  mkdirSync(join(root, 'audio'), { recursive: true });
  for (const lang of languages) {
    const prompts = join(project, 'audio', lang, 'prompts');
    if (copy.prompts && existsSync(prompts)) cpSync(prompts, join(root, 'audio', lang, 'prompts'), { recursive: true });
    for (const handout of copy.sections ? handouts : []) {
      const from = join(project, 'audio', lang, handout.base);
      if (!existsSync(from)) continue;
      const to = join(root, 'audio', lang, handout.id);
      mkdirSync(to, { recursive: true });
      for (const file of readdirSync(from)) {
        if (file.endsWith('.json')) {
          const timings = readTimings(join(project, 'audio'), `${lang}/${handout.base}/${file}`);
          writeFileSync(join(to, file), stableJson({ ...timings, handout: handout.id }));
        } else if (file.endsWith('.webm')) writeFileSync(join(to, file), ownBytes(readFileSync(join(from, file)), handout.id));
        else copyFileSync(join(from, file), join(to, file));
      }
      for (const [key, entry] of Object.entries(manifest.sections)) {
        const [entryLang, entryHandout, section] = key.split('/');
        if (entryLang !== lang || entryHandout !== handout.base) continue;
        const swap = (path: string) => path.replace(`${lang}/${handout.base}/`, `${lang}/${handout.id}/`);
        const bytes = statSync(join(root, 'audio', swap(entry.audio))).size;
        sections[`${lang}/${handout.id}/${section}`] = { ...entry, audio: swap(entry.audio), timings: swap(entry.timings), bytes };
      }
    }
  }
  writeFileSync(join(root, 'audio', 'manifest.json'), stableJson({ ...manifest, sections }));
}

/**
 * The real audio with an EBML Void element after its Segment holding the handout's id: players and
 * the check skip it, and each handout's files get bytes of their own, as a real library's would.
 * Identical copies would be stored once by the build (assets are named by content) and make the
 * offline copy of a big library look far smaller than it is.
 */
function ownBytes(webm: Buffer, id: string): Buffer {
  const VOID = 0xec;
  const tag = Buffer.from(id, 'utf8').subarray(0, 126);
  return Buffer.concat([webm, Buffer.from([VOID, 0x80 | tag.length]), tag]);
}

function titleOf(markdown: string): string {
  return /^# (.*)$/m.exec(markdown)?.[1]?.trim() ?? '';
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const valued = new Set(['--handouts', '--languages', '--featured', '--seed']);
  const dir = args.find((a, i) => !a.startsWith('--') && !valued.has(args[i - 1] ?? ''));
  const option = (name: string) => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? args[at + 1] : undefined;
  };
  if (!dir) {
    console.error('usage: npx tsx bench/generate-library.ts <dir> --handouts 100 --languages en,ar [--featured 4] [--seed 1] [--audio] [--no-prompts]');
    process.exit(2);
  }
  const library = generateLibrary(resolve(dir), {
    handouts: Number(option('handouts') ?? 100),
    languages: (option('languages') ?? 'en').split(','),
    featured: Number(option('featured') ?? 4),
    seed: Number(option('seed') ?? 1),
    audio: args.includes('--audio'),
    prompts: !args.includes('--no-prompts'),
  });
  console.log(`wrote ${library.handouts.length} handouts in ${Object.keys(library.topics).join(', ')} to ${library.root} (featured: ${library.featured.join(', ')})`);
}
