// @vitest-environment node
/**
 * The self-voicing prompts of `npm run audio`: which phrases get a clip (templates filled in, plurals
 * chosen as i18next does, each language's own name, strings with unknown variables skipped), the
 * speech sent to the engine, silence trimming, and the incremental build with a fake engine. One short
 * run with the real engine checks that the section build leaves the prompts alone.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handout } from '../../src/content/model.ts';
import { buildContent, type LanguageContent } from '../../scripts/lib/build-content.ts';
import { InputError } from '../../scripts/lib/input-error.ts';
import { buildAudio } from '../../scripts/audio/build.ts';
import type { SpeechEngine } from '../../scripts/audio/engine.ts';
import { buildPrompts, clipFileName, collectPhrases, promptSpeech, trimSilence } from '../../scripts/audio/prompts.ts';
import { readPromptIndex } from '../../scripts/audio/timings.ts';
import { readWebm, webmProblems } from '../../scripts/audio/webm.ts';
import { loadConfig } from '../../scripts/lib/load-config.ts';

// ---------------------------------------------------------------- phrase collection

/** Just what collectPhrases reads of a handout: title, summary, section text and heading range. */
function handout(title: string, headings: string[]): Handout {
  return {
    title,
    summary: `About ${title.toLowerCase()}.`,
    sections: headings.map((heading, index) => {
      const text = `${heading}\n\nSome text.`;
      return { id: `s${index}`, index, text, heading: { start: 0, end: heading.length, firstSentence: 0, sentenceCount: 1 } };
    }),
  } as unknown as Handout;
}

const EN: Pick<LanguageContent, 'code' | 'name' | 'strings' | 'handouts'> = {
  code: 'en',
  name: 'English',
  strings: {
    meta: { languageName: 'English' },
    common: { help: 'Help', back: '  Back ', again: 'Help' },
    library: { sections_one: '{{count}} section', sections_other: '{{count}} sections' },
    reader: { sectionOf: 'Section {{current}} of {{total}}', volumeValue: 'Volume {{percent}}%', speedValue: '{{rate}}×', textSize: 'Text size', sizeLarge: 'Large' },
    idle: { body: 'Starting again in {{count}} seconds.' },
    staff: { pinEntered_one: '{{count}} digit entered', pinEntered_other: '{{count}} digits entered' },
    voice: { button: 'button', option: 'option', selected: 'selected' },
  },
  handouts: [handout('Nerve ablation', ['What it is ', 'After']), handout('Pain relief', ['Doses', 'Children', 'Liver'])],
};

describe('the phrases of a language', () => {
  const { phrases, skipped } = collectPhrases(EN, { idle: { timeoutSeconds: 90, warningSeconds: 25 } });

  it('has every plain UI string, trimmed, once', () => {
    expect(phrases).toEqual(expect.arrayContaining(['Help', 'Back', 'Text size', 'Large', 'button', 'option', 'selected']));
    expect(phrases.filter((p) => p === 'Help')).toHaveLength(1);
    expect(phrases.every((p) => p === p.trim() && p.length > 0)).toBe(true);
    expect(new Set(phrases).size).toBe(phrases.length);
  });

  it('fills in the volume steps, every section position and the idle countdown', () => {
    expect(phrases.filter((p) => p.startsWith('Volume '))).toEqual([
      'Volume 0%',
      'Volume 10%',
      'Volume 20%',
      'Volume 30%',
      'Volume 40%',
      'Volume 50%',
      'Volume 60%',
      'Volume 70%',
      'Volume 80%',
      'Volume 90%',
      'Volume 100%',
    ]);
    expect(phrases.filter((p) => p.startsWith('Section '))).toEqual(['Section 1 of 2', 'Section 2 of 2', 'Section 1 of 3', 'Section 2 of 3', 'Section 3 of 3']);
    // warningSeconds (25), each multiple of ten below it, and the last five.
    const counts = phrases
      .filter((p) => p.startsWith('Starting again'))
      .map((p) => Number(/\d+/.exec(p)![0]))
      .sort((a, b) => a - b);
    expect(counts).toEqual([1, 2, 3, 4, 5, 10, 20, 25]);
  });

  it('chooses the plural form for each handout’s section count', () => {
    expect(phrases).toContain('2 sections');
    expect(phrases).toContain('3 sections');
    expect(phrases).not.toContain('2 section');
    expect(phrases).not.toContain('1 section'); // no handout has one section
  });

  it('chooses Arabic plural forms as i18next does (two, few, many)', () => {
    const ar = collectPhrases(
      {
        code: 'ar',
        name: 'العربية',
        strings: {
          meta: { languageName: 'العربية' },
          library: {
            sections_zero: 'لا توجد أقسام',
            sections_one: 'قسم واحد',
            sections_two: 'قسمان',
            sections_few: '{{count}} أقسام',
            sections_many: '{{count}} قسما',
            sections_other: '{{count}} قسم',
          },
        },
        handouts: [
          handout('أ', ['ب', 'ت']),
          handout('ث', ['ج', 'ح', 'خ']),
          handout(
            'د',
            Array.from({ length: 11 }, (_, i) => `ذ${i}`),
          ),
        ],
      },
      { idle: { timeoutSeconds: 90, warningSeconds: 30 } },
    );
    expect(ar.phrases).toEqual(expect.arrayContaining(['قسمان', '3 أقسام', '11 قسما']));
    expect(ar.phrases).not.toContain('قسم واحد');
    expect(ar.phrases).not.toContain('2 قسم');
  });

  it('includes the language’s own name, said in that language', () => {
    expect(phrases[0]).toBe('English');
    // The name comes from the language's content even where its strings are not walked for it.
    const fr = collectPhrases({ code: 'fr', name: 'Français', strings: {}, handouts: [] }, { idle: { timeoutSeconds: 90, warningSeconds: 30 } });
    expect(fr.phrases).toEqual(['Français']);
  });

  it('has each handout’s title, summary and trimmed section headings', () => {
    expect(phrases).toEqual(expect.arrayContaining(['Nerve ablation', 'About nerve ablation.', 'What it is', 'After', 'Pain relief', 'Doses', 'Children', 'Liver']));
  });

  it('has a large library’s topic counts and the labels of its A-to-Z ranges (content/library-index)', () => {
    const subjects = ['Arthritis', 'Back pain', 'Burns', 'Cough', 'Diabetes', 'Ear ache', 'Fever', 'Gout', 'Hernia', 'Insulin', 'Knee pain', 'Lice'];
    const handouts = subjects.map((title, i) => ({ ...handout(title, ['One']), topics: i % 3 === 0 ? ['pain'] : [] }));
    const library = collectPhrases(
      { ...EN, strings: { ...EN.strings, library: { count_one: '{{count}} handout', count_other: '{{count}} handouts' } }, handouts },
      { idle: { timeoutSeconds: 90, warningSeconds: 25 } },
    );
    // All 12, the 4 about pain, the 8 with no topic.
    expect(library.phrases).toEqual(expect.arrayContaining(['12 handouts', '4 handouts', '8 handouts']));
    // 12 handouts in two ranges of at most 8, cut between letters.
    expect(library.phrases).toEqual(expect.arrayContaining(['A–E', 'F–L']));
  });

  it('skips and lists strings whose variables it cannot fill in', () => {
    expect(skipped).toEqual([
      { key: 'reader.speedValue', text: '{{rate}}×' },
      { key: 'staff.pinEntered', text: '{{count}} digit entered' },
    ]);
    expect(phrases.some((p) => p.includes('{{'))).toBe(false);
    // A translation of a templated string that asks for a variable the build does not give is skipped too.
    const odd = collectPhrases({ ...EN, strings: { reader: { volumeValue: 'Volume {{level}}' } } }, { idle: { timeoutSeconds: 90, warningSeconds: 30 } });
    expect(odd.skipped).toEqual([{ key: 'reader.volumeValue', text: 'Volume {{level}}' }]);
  });
});

describe('the speech of a prompt', () => {
  it('applies the pronunciation lexicon and escapes SSML', () => {
    expect(promptSpeech('اللغة العربية', 'ar', { العربية: 'الْعَرَبِيَّةْ' }).text).toBe('اللغة الْعَرَبِيَّةْ');
    expect(promptSpeech('Q&A <here>', 'en', {}).text).toBe('Q&amp;A &lt;here&gt;');
    expect(promptSpeech('Dr. Lee', 'en', {}).text).toBe('Doctor Lee');
  });

  it('names the clip by voice, rate and speech text', () => {
    const name = clipFileName('en-us', 145, 'Help');
    expect(name).toMatch(/^[0-9a-f]{16}\.webm$/);
    expect(clipFileName('en-us', 145, 'Help')).toBe(name);
    expect(clipFileName('en-gb', 145, 'Help')).not.toBe(name);
    expect(clipFileName('en-us', 150, 'Help')).not.toBe(name);
    expect(clipFileName('en-us', 145, 'Help!')).not.toBe(name);
  });

  it('trims silence at both ends, keeping 30 ms', () => {
    const samples = new Int16Array(22_050 * 2);
    for (let i = 22_050; i < 22_050 + 4410; i++) samples[i] = Math.round(8000 * Math.sin(i / 5));
    samples[100] = 20; // below the threshold: still silence
    const trimmed = trimSilence(samples, 22_050);
    const kept = Math.round(0.03 * 22_050);
    // The sine's first and last samples above the threshold are within a sample or two of the tone's ends.
    expect(Math.abs(trimmed.length - (4410 + 2 * kept))).toBeLessThanOrEqual(4);
    expect(trimSilence(new Int16Array(1000), 22_050)).toHaveLength(0);
  });

  it('gives speech that starts and stops at full level a silent lead-in and tail and no click', () => {
    const samples = new Int16Array(2205).fill(12_000); // 100 ms, loud from the first sample to the last
    const out = trimSilence(samples, 22_050);
    const kept = Math.round(0.03 * 22_050);
    expect(out).toHaveLength(2205 + 2 * kept);
    expect(out.subarray(0, kept).every((v) => v === 0)).toBe(true);
    expect(out.subarray(out.length - kept).every((v) => v === 0)).toBe(true);
    // Faded in and out: no step of more than a few percent of full level between samples.
    let step = 0;
    for (let i = 1; i < out.length; i++) step = Math.max(step, Math.abs(out[i]! - out[i - 1]!));
    expect(step).toBeLessThan(1000);
    expect(out[kept + 1100]).toBe(12_000);
  });
});

// ---------------------------------------------------------------- the build, with a fake engine

const HANDOUT = (title: string, headings: [string, string]) => `---
id: demo
summary: A demo.
source: Test.
licence: Test.
translation: original
---

# ${title}

## ${headings[0]} {#one}

Rest well.

## ${headings[1]} {#two}

Drink water.
`;

const EN_UI = {
  meta: { languageName: 'English' },
  common: { help: 'Help', back: 'Back' },
  reader: { next: 'Next', volumeValue: 'Volume {{percent}}%' },
  voice: { button: 'button' },
};
const FR_UI = {
  meta: { languageName: 'Français' },
  common: { help: 'Aide', back: 'Retour' },
  reader: { next: 'Suivant', volumeValue: 'Volume {{percent}} %' },
  voice: { button: 'bouton' },
};

function makeProject(): string {
  const root = mkdtempSync(join(tmpdir(), 'kiosk-prompts-'));
  const config = {
    languages: ['en', 'fr'],
    defaultLanguage: 'en',
    handouts: ['demo'],
    idle: { timeoutSeconds: 90, warningSeconds: 30 },
    audio: { rate: 1, volume: 0.8, autoAdvance: false },
    speech: { en: { voice: 'en-us', wordsPerMinute: 145 }, fr: { voice: 'fr', wordsPerMinute: 140 } },
    site: { name: 'Test clinic', nurseLine: '811' },
    staff: { pinHash: 'pbkdf2-sha256$100000$aCJhJI3AP7Byvf3IAAc53Q$ASg20jLMJGIgipOZ-04-39dIUpZx-nJiYMhiarWcGvc' },
  };
  writeFileSync(join(root, 'kiosk.config.json'), JSON.stringify(config));
  for (const [lang, ui, title, headings] of [
    ['en', EN_UI, 'Demo', ['Call us', 'Rest']],
    ['fr', FR_UI, 'Démo', ['Appelez-nous', 'Repos']],
  ] as const) {
    mkdirSync(join(root, 'locales', lang, 'handouts'), { recursive: true });
    writeFileSync(join(root, 'locales', lang, 'ui.json'), JSON.stringify(ui));
    // The French is a translation of the English original: marked as one, as the build requires.
    const text = HANDOUT(title, [...headings]);
    writeFileSync(join(root, 'locales', lang, 'handouts', 'demo.md'), lang === 'en' ? text : text.replace('translation: original', 'translation: draft'));
  }
  return root;
}

const SILENCE_BEFORE = 4410; // 200 ms at 22,050 Hz
const SILENCE_AFTER = 6615; // 300 ms

/** Silence, then a tone as long as the text (10 ms a character), then silence; counts its calls. */
function fakeEngine() {
  const calls: { text: string; voice: string; wordsPerMinute: number }[] = [];
  const engine: SpeechEngine = {
    name: 'fake',
    hasVoice: (voice) => voice === 'en-us' || voice === 'fr',
    synthesize(text, settings) {
      calls.push({ text, ...settings });
      const tone = 220 * Array.from(text).length;
      const samples = new Int16Array(SILENCE_BEFORE + tone + SILENCE_AFTER);
      for (let i = 0; i < tone; i++) samples[SILENCE_BEFORE + i] = Math.round(10_000 * Math.sin((2 * Math.PI * 200 * i) / 22_050)) || 100;
      return { samples, sampleRate: 22_050, events: [] };
    },
  };
  return { engine, calls };
}

const promptDir = (root: string, lang: string) => join(root, 'audio', lang, 'prompts');
const readIndex = (root: string, lang: string) => readPromptIndex(join(root, 'audio'), lang)!;
const snapshot = (dir: string) =>
  readdirSync(dir)
    .sort()
    .map((name) => [name, statSync(join(dir, name)).mtimeMs] as const);

describe('buildPrompts', () => {
  let root: string;
  beforeAll(() => {
    root = makeProject();
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('makes a clip for every phrase and an index.json of the documented shape', async () => {
    const { engine, calls } = fakeEngine();
    const lines: string[] = [];
    const results = await buildPrompts({ root, content: buildContent(root), engine, log: (l) => lines.push(l) });
    expect(results.map((r) => r.lang)).toEqual(['en', 'fr']);

    const index = readIndex(root, 'en');
    // The file as written: sorted keys, so a rewrite of the same index is byte-identical.
    const written = JSON.parse(readFileSync(join(promptDir(root, 'en'), 'index.json'), 'utf8')) as { clips: Record<string, object> };
    expect(Object.keys(written)).toEqual(['_generated', 'clips', 'version', 'voice', 'wordsPerMinute']);
    expect(Object.values(written.clips).every((clip) => Object.keys(clip).join() === 'bytes,duration,file')).toBe(true);
    expect(index).toMatchObject({ _generated: 'generated by npm run audio; do not edit', version: 1, voice: 'en-us', wordsPerMinute: 145 });
    const phrases = Object.keys(index.clips);
    expect(phrases).toEqual([...phrases].sort());
    expect(phrases).toEqual(expect.arrayContaining(['English', 'Help', 'Back', 'Next', 'button', 'Demo', 'A demo.', 'Call us', 'Rest', 'Volume 0%', 'Volume 100%']));
    expect(phrases).toHaveLength(5 + 11 + 4);
    expect(readIndex(root, 'fr')).toMatchObject({ voice: 'fr', wordsPerMinute: 140 });
    expect(Object.keys(readIndex(root, 'fr').clips)).toEqual(expect.arrayContaining(['Français', 'Suivant', 'Volume 50 %', 'Appelez-nous']));

    for (const [phrase, clip] of Object.entries(index.clips)) {
      expect(clip.file).toMatch(/^[0-9a-f]{16}\.webm$/);
      const bytes = readFileSync(join(promptDir(root, 'en'), clip.file));
      expect(clip.bytes).toBe(bytes.length);
      const audio = readWebm(new Uint8Array(bytes));
      expect(webmProblems(audio)).toEqual([]);
      expect(clip.duration).toBeCloseTo(audio.durationSeconds, 3);
      // Trimmed: the tone (10 ms a character) plus 30 ms each side, not the 0.5 s of silence around it.
      expect(clip.duration).toBeCloseTo(Array.from(phrase).length * 0.01 + 0.06, 2);
    }
    // One synthesis per phrase, with the language's voice and rate.
    expect(calls).toHaveLength(20 + Object.keys(readIndex(root, 'fr').clips).length);
    expect(calls.find((c) => c.text === 'Suivant')).toEqual({ text: 'Suivant', voice: 'fr', wordsPerMinute: 140 });
    expect(readdirSync(promptDir(root, 'en')).sort()).toEqual([...new Set(Object.values(index.clips).map((c) => c.file)), 'index.json'].sort());
    expect(lines.filter((l) => /^prompts {3}en {7}\s*20 phrases, 20 clips: 20 made, 0 kept, 0 removed/.test(l))).toHaveLength(1);
    expect(results[0]).toMatchObject({ phrases: 20, made: 20, kept: 0, removed: [], skipped: [], silent: [], indexWritten: true });
  });

  it('makes nothing and writes no file when nothing changed', async () => {
    const before = snapshot(promptDir(root, 'en'));
    const { engine, calls } = fakeEngine();
    const results = await buildPrompts({ root, content: buildContent(root), engine });
    expect(calls).toHaveLength(0);
    expect(results.map((r) => [r.made, r.kept === r.clips, r.removed.length, r.indexWritten])).toEqual([
      [0, true, 0, false],
      [0, true, 0, false],
    ]);
    expect(snapshot(promptDir(root, 'en'))).toEqual(before);
  });

  it('re-makes only a changed phrase and deletes the clip no longer used', async () => {
    const old = readIndex(root, 'en').clips['Next']!.file;
    const keptFile = readIndex(root, 'en').clips['Help']!.file;
    const keptTime = statSync(join(promptDir(root, 'en'), keptFile)).mtimeMs;
    writeFileSync(join(root, 'locales/en/ui.json'), JSON.stringify({ ...EN_UI, reader: { ...EN_UI.reader, next: 'Next section' } }));
    const { engine, calls } = fakeEngine();
    const [en] = await buildPrompts({ root, content: buildContent(root), engine, languages: ['en'] });
    expect(calls.map((c) => c.text)).toEqual(['Next section']);
    expect(en).toMatchObject({ made: 1, kept: 19, removed: [`audio/en/prompts/${old}`], indexWritten: true });
    expect(existsSync(join(promptDir(root, 'en'), old))).toBe(false);
    expect(readIndex(root, 'en').clips['Next']).toBeUndefined();
    expect(readIndex(root, 'en').clips['Next section']!.file).toMatch(/^[0-9a-f]{16}\.webm$/);
    expect(statSync(join(promptDir(root, 'en'), keptFile)).mtimeMs).toBe(keptTime);
  });

  it('re-makes a clip whose file is missing or cut short, and removes stray temp files', async () => {
    const index = readIndex(root, 'en');
    const cut = index.clips['Help']!.file;
    const gone = index.clips['Back']!.file;
    writeFileSync(join(promptDir(root, 'en'), cut), readFileSync(join(promptDir(root, 'en'), cut)).subarray(0, 60));
    rmSync(join(promptDir(root, 'en'), gone));
    writeFileSync(join(promptDir(root, 'en'), `${cut}.tmp-123`), 'half');
    const { engine, calls } = fakeEngine();
    const [en] = await buildPrompts({ root, content: buildContent(root), engine, languages: ['en'] });
    expect(calls.map((c) => c.text).sort()).toEqual(['Back', 'Help']);
    expect(en!.removed).toEqual([`audio/en/prompts/${cut}.tmp-123`]);
    expect(readIndex(root, 'en')).toEqual(index); // same files, same sizes: the index is unchanged
  });

  it('leaves the other languages alone with --lang, and re-makes everything with --force', async () => {
    const frBefore = snapshot(promptDir(root, 'fr'));
    const { engine, calls } = fakeEngine();
    const results = await buildPrompts({ root, content: buildContent(root), engine, languages: ['en'], force: true });
    expect(results.map((r) => r.lang)).toEqual(['en']);
    expect(calls).toHaveLength(20);
    expect(results[0]).toMatchObject({ made: 20, kept: 0 });
    expect(snapshot(promptDir(root, 'fr'))).toEqual(frBefore);
  });

  it('refuses a voice the engine does not have, before writing anything', async () => {
    const { engine } = fakeEngine();
    const strict: SpeechEngine = { ...engine, hasVoice: () => false };
    const content = buildContent(root);
    rmSync(promptDir(root, 'fr'), { recursive: true });
    const error = await buildPrompts({ root, content, engine: strict, languages: ['fr'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems[0]).toMatchObject({ file: 'kiosk.config.json', where: 'speech.fr.voice' });
    expect(existsSync(promptDir(root, 'fr'))).toBe(false);
  });
});

describe('npm run audio with prompts, real engine', () => {
  it('makes sections and prompts, and a run without prompts keeps the prompt files', async () => {
    const root = makeProject();
    try {
      const config = loadConfig(root);
      writeFileSync(join(root, 'kiosk.config.json'), JSON.stringify({ ...config, languages: ['en'] }));
      writeFileSync(join(root, 'locales/en/ui.json'), JSON.stringify({ ...EN_UI, reader: { next: 'Next' } }));
      const summary = await buildAudio({ root, prompts: true });
      expect(summary.sections.filter((s) => s.generated)).toHaveLength(2);
      expect(summary.prompts).toMatchObject([{ lang: 'en', phrases: 9, made: 9, kept: 0 }]);
      const index = readIndex(root, 'en');
      for (const clip of Object.values(index.clips)) {
        // eSpeak's words here last 0.3–1.5 s; trimmed, a clip is never mostly silence.
        expect(clip.duration).toBeGreaterThan(0.2);
        expect(clip.duration).toBeLessThan(2);
      }
      const files = snapshot(promptDir(root, 'en'));
      const again = await buildAudio({ root });
      expect(again.removed).toEqual([]);
      expect(again.prompts).toBeUndefined();
      expect(snapshot(promptDir(root, 'en'))).toEqual(files);
      const third = await buildAudio({ root, prompts: true });
      expect(third.prompts).toMatchObject([{ made: 0, kept: 9, indexWritten: false }]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
