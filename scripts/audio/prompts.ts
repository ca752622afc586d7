/**
 * Self-voicing prompts: a short clip for every phrase the kiosk says about its own interface, so the
 * prompter (src/speech/prompter.ts) plays prepared speech instead of relying on the browser's voice,
 * which many kiosks do not have.
 *
 * The prompter speaks a prompt as phrases ("Next", "button") and looks each one up by its exact text,
 * so a clip is made for every phrase it can be given: every UI string of the language, its own name,
 * each handout's title, summary and section headings, the term and definition of each glossary entry
 * a handout marks, and the templated strings it fills in with a
 * known set of numbers (volume, "Section 2 of 6", the idle countdown, a handout's section count).
 * Other strings with `{{variables}}` cannot be known ahead and are listed, not made.
 *
 * Layout: `audio/<lang>/prompts/<hash>.webm`, named by the first 16 hex digits of
 * sha256(voice, rate, speech text), and `audio/<lang>/prompts/index.json` mapping each exact phrase to
 * its file. A phrase whose speech did not change keeps its file; files no index names are deleted
 * after the new index is in place, so the index on disk never names a missing file.
 */
import { existsSync, readdirSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import type { KioskConfig } from '../../src/config/schema.ts';
import { staffLanguageName, staffLanguageOf } from '../../src/config/staff-language.ts';
import { buildLibraryIndex, rangesOf } from '../../src/content/library-index.ts';
import type { ContentBundle, LanguageContent, UiStrings } from '../lib/build-content.ts';
import { InputError, type InputProblem } from '../lib/input-error.ts';
import { phoneNumbers } from '../lib/placeholders.ts';
import { zip } from '../lib/arrays.ts';
import { group } from '../lib/regex.ts';
import { segmentText } from '../lib/segment.ts';
import { writeAtomic, writeIfChanged } from '../lib/write-file.ts';
import { loadEngine, UnknownVoiceError, type SpeechEngine } from './engine.ts';
import { loadLexicon, type Lexicon } from './lexicon.ts';
import type { ClipDone, ClipJob, SynthesisPool } from './pool.ts';
import { normaliseSection, type SpeechText } from './normalise.ts';
import { encodeOpus, OPUS_RATE } from './opus.ts';
import { GENERATED, PROMPT_INDEX, PROMPTS_FOLDER, sha256, stableJson, type PromptClip, type PromptIndex } from './timings.ts';
import { speechSettingsFor } from './voices.ts';
import { readWebm, webmProblems, WebmError, writeWebm } from './webm.ts';

/** Silence kept before the first and after the last sound of a clip. */
export const EDGE_SILENCE_MS = 30;
/** A sample at or below this (about −54 dBFS) counts as silence; eSpeak's quietest consonants are well above it. */
export const SILENCE_THRESHOLD = 64;
/** Raised-cosine fade at each end of the kept stretch: long enough to stop a click, too short to hear. */
export const EDGE_FADE_MS = 4;
/** The volume steps the kiosk announces ("Volume 80%"). */
export const VOLUME_PERCENTS = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100] as const;

export interface SkippedString {
  /** The UI key, without a plural suffix. */
  key: string;
  /** Its text (the first plural form's, for a plural). */
  text: string;
}

export interface PromptPhrases {
  lang: string;
  /** Distinct, trimmed, in the order found. */
  phrases: string[];
  /** Strings with variables the build cannot fill in. */
  skipped: SkippedString[];
}

export interface PromptBuildOptions {
  root: string;
  content: ContentBundle;
  /** For tests; the real engine otherwise (started only when a clip must be made). */
  engine?: SpeechEngine;
  /** Only these languages; the others' prompts are left as they are. */
  languages?: readonly string[];
  /** Re-make every clip. */
  force?: boolean;
  log?: (line: string) => void;
  /** Worker threads to make the clips on (scripts/audio/pool.ts), started only if a clip must be made; the main thread's engine otherwise. */
  pool?: () => Promise<SynthesisPool>;
}

export interface PromptLanguageResult {
  lang: string;
  phrases: number;
  /** Distinct clips (phrases that sound the same share one). */
  clips: number;
  made: number;
  kept: number;
  /** Paths (from the project root) of clip files deleted as no longer used. */
  removed: string[];
  /** Of every clip in the index. */
  bytes: number;
  seconds: number;
  synthesisSeconds: number;
  encodeSeconds: number;
  skipped: SkippedString[];
  /** Phrases the engine made no sound for; they are left out of the index. */
  silent: string[];
  indexWritten: boolean;
}

// ---------------------------------------------------------------- what the kiosk says

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
const VARIABLE = /\{\{\s*-?\s*([\w.]+)[^}]*\}\}/g;
const HAS_VARIABLE = /\{\{[^}]*\}\}/;

/** Every string of ui.json under its dotted key; plural forms grouped under their base key. */
function stringGroups(strings: UiStrings): Map<string, [string, ...string[]]> {
  const groups = new Map<string, [string, ...string[]]>();
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'string') {
      const base = path.replace(PLURAL_SUFFIX, '');
      const texts = groups.get(base);
      if (texts) texts.push(value);
      else groups.set(base, [value]);
    } else if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, child] of Object.entries(value as Record<string, unknown>)) walk(child, path ? `${path}.${key}` : key);
    }
  };
  walk(strings, '');
  return groups;
}

function variablesOf(text: string): string[] {
  return [...text.matchAll(VARIABLE)].map((m) => group(m, 1));
}

/**
 * The values the kiosk fills each templated string with. Keys not listed here that have variables are
 * skipped. Plural keys are given `count` and resolved the way i18next does at run time.
 */
export function promptTemplates(config: Pick<KioskConfig, 'idle'>, language: Pick<LanguageContent, 'handouts'>): Map<string, Record<string, number>[]> {
  const sectionCounts = [...new Set(language.handouts.map((h) => h.sections.length))].sort((a, b) => a - b);
  // The idle warning speaks at the start, every ten seconds and in the last five.
  const warning = config.idle.warningSeconds;
  const countdown = new Set<number>([warning]);
  for (let n = Math.floor((warning - 1) / 10) * 10; n > 0; n -= 10) countdown.add(n);
  for (let n = Math.min(5, warning); n >= 1; n--) countdown.add(n);
  return new Map<string, Record<string, number>[]>([
    ['reader.volumeValue', VOLUME_PERCENTS.map((percent) => ({ percent }))],
    ['reader.sectionOf', sectionCounts.flatMap((total) => Array.from({ length: total }, (_, i) => ({ current: i + 1, total })))],
    ['idle.body', [...countdown].map((count) => ({ count }))],
    ['library.sections', sectionCounts.map((count) => ({ count }))],
    // A topic tile says how many handouts it holds; "all" holds every one.
    ['library.count', libraryCounts(language.handouts).map((count) => ({ count }))],
  ]);
}

/** How many handouts each library topic holds, and all of them: the counts its tiles say. */
function libraryCounts(handouts: LanguageContent['handouts']): number[] {
  const counts = new Set<number>([handouts.length]);
  const topics = new Set(handouts.flatMap((h) => h.topics ?? []));
  for (const topic of topics) counts.add(handouts.filter((h) => h.topics?.includes(topic)).length);
  const untopical = handouts.filter((h) => !h.topics?.length).length;
  if (untopical) counts.add(untopical);
  return [...counts].sort((a, b) => a - b);
}

/**
 * The labels of the library's A-to-Z ranges ("A–C") in this language, as the kiosk computes them
 * (content/library-index) for the configured handouts: a site that offers fewer handouts may get
 * other ranges, which the browser's voice then says.
 */
function rangeLabels(language: Pick<LanguageContent, 'code' | 'handouts'>): string[] {
  const summaries = language.handouts.map((h) => ({ id: h.id, title: h.title, summary: h.summary, sectionCount: h.sections.length, topics: h.topics ?? [] }));
  const index = buildLibraryIndex({ handouts: summaries, featured: [], lang: language.code, topicName: (id) => id });
  if (index.mode === 'few') return [];
  // One range is shown as a plain list, with no strip to label.
  return index.topics.flatMap((topic) => {
    const ranges = rangesOf(topic.handouts, language.code);
    return ranges.length > 1 ? ranges.map((range) => range.label) : [];
  });
}

/** A translate function with the kiosk's own i18next settings, so plurals and interpolation match it exactly. */
function translator(lang: string, strings: UiStrings): (key: string, values: Record<string, number>) => string {
  const instance = i18next.createInstance();
  void instance.init({
    lng: lang,
    fallbackLng: false,
    resources: { [lang]: { translation: strings } },
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  } as Parameters<typeof instance.init>[0]);
  const t = instance.getFixedT(lang) as unknown as (key: string, values: Record<string, number>) => string;
  return (key, values) => t(key, values);
}

/** Every phrase the kiosk can speak in this language, trimmed and without repeats. */
export function collectPhrases(
  language: Pick<LanguageContent, 'code' | 'name' | 'strings' | 'handouts'>,
  config: Pick<KioskConfig, 'idle'> & Partial<Pick<KioskConfig, 'languages' | 'site'>>,
): PromptPhrases {
  const phrases = new Set<string>();
  const add = (text: string) => {
    const phrase = text.trim();
    if (phrase) phrases.add(phrase);
  };
  const skipped: SkippedString[] = [];
  const templates = promptTemplates(config, language);
  const t = translator(language.code, language.strings);

  // The language's own name first: the welcome screen says it in this language's voice.
  add(language.name);
  const staff = config.languages && config.site ? staffLanguageOf({ languages: config.languages, site: config.site }) : null;
  for (const [key, texts] of stringGroups(language.strings)) {
    // "Show in English": filled with the clinic's language, named in this one; never shown in the clinic's own.
    if (key === 'reader.showIn' && staff) {
      if (staff !== language.code) add((t as unknown as (k: string, v: Record<string, string>) => string)(key, { language: staffLanguageName(language.code, staff) }));
      continue;
    }
    const needed = new Set(texts.flatMap(variablesOf));
    const valueSets = templates.get(key);
    if (valueSets && [...needed].every((name) => valueSets.every((values) => name in values))) {
      for (const values of valueSets) {
        const text = t(key, values);
        if (text === key || HAS_VARIABLE.test(text)) continue;
        add(text);
      }
      continue;
    }
    if (needed.size) {
      skipped.push({ key, text: texts[0] });
      continue;
    }
    texts.forEach(add);
  }
  rangeLabels(language).forEach(add);
  for (const handout of language.handouts) {
    add(handout.title);
    add(handout.summary);
    for (const section of handout.sections) add(section.text.slice(section.heading.start, section.heading.end));
    // A glossary card says its term, then the definition (screens/dialogs, TermDialog).
    for (const entry of Object.values(handout.glossary ?? {})) {
      add(entry.term);
      add(entry.definition);
    }
  }
  return { lang: language.code, phrases: [...phrases], skipped };
}

// ---------------------------------------------------------------- speech and sound

/** The SSML the engine is given for a phrase: lexicon and abbreviations applied, `& < >` escaped. */
export function promptSpeech(phrase: string, lang: string, lexicon: Lexicon, phones: readonly string[] = []): SpeechText {
  const words = segmentText(phrase, lang)
    .flatMap((s) => s.words)
    .map((w, index) => ({ id: `prompt.w${index}`, index, start: w.start, end: w.end }));
  // An empty heading and no blocks: no pauses are added, just the phrase.
  const heading = { start: 0, end: 0, firstSentence: 0, sentenceCount: 0 };
  return normaliseSection({ text: phrase, words, heading, blocks: [] }, { lang, lexicon, phoneNumbers: phones });
}

/** `<first 16 hex of sha256(voice, rate, speech text)>.webm`. */
export function clipFileName(voice: string, wordsPerMinute: number, speechText: string): string {
  return `${sha256(`${voice}\n${wordsPerMinute}\n${speechText}`).slice(0, 16)}.webm`;
}

/**
 * The samples from `keepMs` before the first sound to `keepMs` after the last, so a prompt starts at
 * once and the next phrase follows without a gap. eSpeak often starts or stops mid-waveform at the very
 * first or last sample, which clicks when clips play one after another: the kept stretch gets a short
 * fade at each end, and silence is added where the engine gave less than `keepMs`, so every clip has the
 * same lead-in and tail. Empty when nothing is above the threshold.
 */
export function trimSilence(samples: Int16Array, sampleRate: number, keepMs = EDGE_SILENCE_MS, threshold = SILENCE_THRESHOLD): Int16Array {
  const loud = (s: number) => Math.abs(s) > threshold;
  const first = samples.findIndex(loud);
  if (first === -1) return new Int16Array(0);
  const last = samples.findLastIndex(loud);
  const keep = Math.round((keepMs * sampleRate) / 1000);
  const from = Math.max(0, first - keep);
  const to = Math.min(samples.length, last + 1 + keep);
  const padBefore = keep - (first - from);
  const out = new Int16Array(padBefore + (to - from) + keep - (to - (last + 1)));
  out.set(samples.subarray(from, to), padBefore);
  const fade = Math.min(Math.round((EDGE_FADE_MS * sampleRate) / 1000), Math.floor((to - from) / 2));
  // The gain for the i-th sample from either end of the kept stretch.
  const gain = (i: number) => 0.5 - 0.5 * Math.cos((Math.PI * i) / fade);
  const kept = out.subarray(padBefore, padBefore + (to - from));
  kept.set(kept.subarray(0, fade).map((s, i) => Math.round(s * gain(i))));
  kept.set(kept.subarray(kept.length - fade).map((s, k) => Math.round(s * gain(fade - 1 - k))), kept.length - fade);
  return out;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Duration and size of a clip already on disk, or null when it is missing or not a whole, playable file. */
function existingClip(path: string): { duration: number; bytes: number } | null {
  if (!existsSync(path)) return null;
  try {
    const bytes = readFileSync(path);
    const audio = readWebm(new Uint8Array(bytes));
    if (webmProblems(audio).length) return null;
    return { duration: round3(audio.durationSeconds), bytes: bytes.length };
  } catch (error) {
    if (error instanceof WebmError) return null;
    throw error;
  }
}

// ---------------------------------------------------------------- the build

export async function buildPrompts(options: PromptBuildOptions): Promise<PromptLanguageResult[]> {
  const { root, content } = options;
  const log = options.log ?? (() => {});
  const languages = content.languages.filter((l) => !options.languages || options.languages.includes(l.code));

  const problems: InputProblem[] = [];
  if (content.config.handouts.includes(PROMPTS_FOLDER)) {
    problems.push({ file: 'kiosk.config.json', where: 'handouts', message: `a handout may not be called "${PROMPTS_FOLDER}": audio/<lang>/${PROMPTS_FOLDER}/ holds the interface prompts` });
  }

  // Plan every language before starting the engine, so an up-to-date tree costs no synthesis.
  const plans = [];
  for (const language of languages) {
    const settings = speechSettingsFor(content.config, language.code);
    if (!settings) continue;
    let lexicon: Lexicon = {};
    try {
      lexicon = loadLexicon(root, language.code);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(...error.problems);
    }
    const { phrases, skipped } = collectPhrases(language, content.config);
    const dir = join(root, 'audio', language.code, PROMPTS_FOLDER);
    const planned = phrases.map((phrase) => {
      const speech = promptSpeech(phrase, language.code, lexicon, phoneNumbers(content.config.site));
      return { phrase, speech: speech.text, file: clipFileName(settings.voice, settings.wordsPerMinute, speech.text) };
    });
    const files = new Map<string, { speech: string; phrase: string; existing: { duration: number; bytes: number } | null }>();
    for (const p of planned) {
      if (!files.has(p.file)) files.set(p.file, { speech: p.speech, phrase: p.phrase, existing: options.force ? null : existingClip(join(dir, p.file)) });
    }
    const notInLexicon = new Set<string>();
    if (Object.keys(lexicon).length) {
      const lower = new Set(Object.keys(lexicon).map((k) => k.toLocaleLowerCase(language.code)));
      for (const phrase of phrases) {
        for (const sentence of segmentText(phrase, language.code)) {
          for (const w of sentence.words) {
            const written = phrase.slice(w.start, w.end);
            if (!(written in lexicon) && !lower.has(written.toLocaleLowerCase(language.code)) && /\p{L}/u.test(written)) notInLexicon.add(written);
          }
        }
      }
    }
    plans.push({ language, settings, dir, planned, files, skipped, notInLexicon: [...notInLexicon] });
  }

  let engine = options.engine;
  let pool: SynthesisPool | undefined;
  const needsEngine = plans.some((p) => [...p.files.values()].some((f) => !f.existing));
  if (needsEngine) {
    const voices = options.pool ? (pool = await options.pool()) : (engine ??= await loadEngine());
    for (const plan of plans) {
      if ([...plan.files.values()].some((f) => !f.existing) && !voices.hasVoice(plan.settings.voice)) {
        problems.push({ file: 'kiosk.config.json', where: `speech.${plan.language.code}.voice`, message: `eSpeak NG has no voice "${plan.settings.voice}"` });
      }
    }
  }
  if (problems.length) throw new InputError(problems);

  // Each language's missing clips are one batch, made in a fixed order from a fresh engine (engine.ts
  // `reset`), so their bytes do not depend on the worker or the timing. With a pool the languages'
  // batches run side by side, one per core (scripts/audio/pool.ts).
  const batches = plans.map((plan) =>
    [...plan.files]
      .filter(([, item]) => !item.existing)
      .map(([file, item]) => ({
        file,
        job: { speech: item.speech, voice: plan.settings.voice, wordsPerMinute: plan.settings.wordsPerMinute, lang: plan.language.code, path: join(plan.dir, file), shown: `audio/${plan.language.code}/${PROMPTS_FOLDER}/${file}` } satisfies ClipJob,
      })),
  );
  const finished = pool
    ? await Promise.all(batches.map((batch) => (batch.length ? pool.clips(batch.map(({ job }) => job)) : Promise.resolve([]))))
    : await clipsInThread(engine, batches);
  // Each batch's clips, in its order, beside the file each is for.
  const madeClips = zip(batches, finished).map(([batch, clips]) => zip(batch, clips));

  const results: PromptLanguageResult[] = [];
  for (const [plan, clipsMade] of zip(plans, madeClips)) {
    const { language, settings, dir } = plan;
    const lang = language.code;
    let made = 0;
    let synthesisSeconds = 0;
    let encodeSeconds = 0;
    const clipInfo = new Map<string, { duration: number; bytes: number }>();
    for (const [file, item] of plan.files) if (item.existing) clipInfo.set(file, item.existing);
    for (const [{ file }, clip] of clipsMade) {
      synthesisSeconds += clip.synthesisSeconds;
      encodeSeconds += clip.encodeSeconds;
      if (!clip.made) continue;
      clipInfo.set(file, { duration: clip.duration, bytes: clip.bytes });
      made++;
    }

    const clips: Record<string, PromptClip> = {};
    const silent: string[] = [];
    for (const p of plan.planned) {
      const info = clipInfo.get(p.file);
      if (info) clips[p.phrase] = { file: p.file, ...info };
      else silent.push(p.phrase);
    }
    const index: PromptIndex = { _generated: GENERATED, version: 1, voice: settings.voice, wordsPerMinute: settings.wordsPerMinute, clips };
    // The index last: until it is replaced, the old one still names only files that exist.
    const indexWritten = writeIfChanged(join(dir, PROMPT_INDEX), stableJson(index), `audio/${lang}/${PROMPTS_FOLDER}/${PROMPT_INDEX}`);

    // Then whatever no index names any more: old clips and temp files from a run cut short.
    // Several phrases can share one clip: each file once, in the order the index first names it.
    const byFile = new Map(Object.values(clips).map((c) => [c.file, c]));
    const used = new Set(byFile.keys());
    const removed: string[] = [];
    if (existsSync(dir)) {
      for (const name of readdirSync(dir)) {
        const ours = /^[0-9a-f]{16}\.webm$/.test(name) || /\.tmp-\d+$/.test(name);
        if (ours && !used.has(name) && statSync(join(dir, name)).isFile()) {
          unlinkSync(join(dir, name));
          removed.push(`audio/${lang}/${PROMPTS_FOLDER}/${name}`);
        }
      }
    }

    const distinct = [...byFile.values()];
    const result: PromptLanguageResult = {
      lang,
      phrases: Object.keys(clips).length,
      clips: used.size,
      made,
      kept: [...used].filter((f) => plan.files.get(f)?.existing).length,
      removed,
      bytes: distinct.reduce((n, c) => n + c.bytes, 0),
      seconds: round3(distinct.reduce((n, c) => n + c.duration, 0)),
      synthesisSeconds,
      encodeSeconds,
      skipped: plan.skipped,
      silent,
      indexWritten,
    };
    results.push(result);
    if (plan.notInLexicon.length) {
      const some = plan.notInLexicon.slice(0, 8).join(' ');
      log(`prompts   ${lang}: ${plan.notInLexicon.length} word(s) are not in locales/${lang}/pronunciation.json and are spoken as written: ${some}${plan.notInLexicon.length > 8 ? ' …' : ''}`);
    }
    if (plan.skipped.length) log(`prompts   ${lang}: skipped ${plan.skipped.length} string(s) with variables the build cannot fill in: ${plan.skipped.map((s) => s.key).join(', ')}`);
    if (silent.length) log(`prompts   ${lang}: the engine made no sound for ${silent.map((p) => `"${p}"`).join(', ')}; left out`);
    log(formatPromptLine(result));
  }
  return results;
}

/** One prompt clip: synthesize, trim, encode, write atomically. Runs in the main thread or a pool worker. */
/** Without a pool: one language's batch after another from this thread's engine, each from a fresh start. */
async function clipsInThread(engine: SpeechEngine | undefined, batches: { job: ClipJob }[][]): Promise<ClipDone[][]> {
  const finished: ClipDone[][] = [];
  for (const batch of batches) {
    if (!batch.length) {
      finished.push([]);
      continue;
    }
    // Loaded above whenever a clip is missing, which is when a batch has any.
    if (!engine) throw new Error('the speech engine was not loaded for the missing prompt clips');
    await engine.reset?.();
    finished.push(batch.map(({ job }) => makeClip(engine, job)));
  }
  return finished;
}

export function makeClip(engine: SpeechEngine, job: ClipJob): ClipDone {
  const t0 = performance.now();
  let synthesis;
  try {
    synthesis = engine.synthesize(job.speech, { voice: job.voice, wordsPerMinute: job.wordsPerMinute });
  } catch (error) {
    if (error instanceof UnknownVoiceError) throw new InputError([{ file: 'kiosk.config.json', where: `speech.${job.lang}.voice`, message: error.message }]);
    throw error;
  }
  const samples = trimSilence(synthesis.samples, synthesis.sampleRate);
  const t1 = performance.now();
  if (!samples.length) return { made: false, duration: 0, bytes: 0, synthesisSeconds: (t1 - t0) / 1000, encodeSeconds: 0 };
  const stream = encodeOpus(samples, synthesis.sampleRate);
  const webm = writeWebm(stream);
  writeAtomic(job.path, webm, job.shown);
  return { made: true, duration: round3(stream.sampleCount / OPUS_RATE), bytes: webm.length, synthesisSeconds: (t1 - t0) / 1000, encodeSeconds: (performance.now() - t1) / 1000 };
}

export function formatPromptLine(r: PromptLanguageResult): string {
  const made = r.made ? ` in ${(r.synthesisSeconds + r.encodeSeconds).toFixed(2)} s (synthesis ${r.synthesisSeconds.toFixed(2)} s, encoding ${r.encodeSeconds.toFixed(2)} s)` : '';
  return (
    `prompts   ${r.lang.padEnd(8)} ${String(r.phrases).padStart(4)} phrases, ${r.clips} clips: ${r.made} made, ${r.kept} kept, ${r.removed.length} removed; ` +
    `${(r.bytes / 1024).toFixed(1)} KB, ${r.seconds.toFixed(1)} s of speech${made}`
  );
}
