/**
 * `npm run audio`: speech for every section that lacks current audio, as named steps:
 * content → plan (speech text, voice, hashes) → what is already current → synthesize → align →
 * encode → write (each file atomically) → remove what is no longer configured → manifest (last).
 * The middle steps (synthesize to write) run on every core, one worker thread and engine per core
 * (pool.ts); planning, the removals and the manifest stay in this thread.
 *
 * Incremental: a section is re-made only when its display text, spoken text, voice or rate changed,
 * or its files are missing or corrupt. With nothing changed it writes no file at all.
 */
import { existsSync, readdirSync, rmdirSync, statSync, unlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildContent } from '../lib/build-content.ts';
import { InputError, type InputProblem } from '../lib/input-error.ts';
import { writeIfChanged } from '../lib/write-file.ts';
import { isRecorded, makeRecordedSection } from './recorded-section.ts';
import { inspectSection, planSpeech, type SectionTarget } from './check-audio.ts';
import { loadEngine, type SpeechEngine } from './engine.ts';
import { makeSection, type SectionResult } from './make-section.ts';
import { defaultJobs, startPool, type SynthesisPool } from './pool.ts';
import { buildPrompts, type PromptLanguageResult } from './prompts.ts';
import { GENERATED, PROMPTS_FOLDER, readManifest, stableJson, type Manifest, type ManifestEntry } from './timings.ts';

export interface AudioBuildOptions {
  root: string;
  /** Re-make every section, current or not. */
  force?: boolean;
  /** Only these languages (the others' audio is left as it is). */
  languages?: readonly string[];
  log?: (line: string) => void;
  /** For tests; the real engine otherwise. */
  engine?: SpeechEngine;
  /** Also make the interface prompts after the sections (scripts/audio/prompts.ts); `npm run audio` does. */
  prompts?: boolean;
  /** Worker threads, each with its own engine (scripts/audio/pool.ts); one per core when left out. 1 makes everything in this thread. */
  jobs?: number;
  /** Where the audio goes: `<root>/audio` when left out (the benchmark builds into a temporary folder). */
  audioDir?: string;
}


export type { SectionResult } from './make-section.ts';

export interface AudioBuildSummary {
  sections: SectionResult[];
  removed: string[];
  manifestWritten: boolean;
  /** One per language, when `prompts` was asked for. */
  prompts?: PromptLanguageResult[];
}

export async function buildAudio(options: AudioBuildOptions): Promise<AudioBuildSummary> {
  const { root } = options;
  const log = options.log ?? (() => {});
  const audioDir = options.audioDir ?? join(root, 'audio');
  const content = buildContent(root);

  const configured = content.languages.map((l) => l.code);
  const unknown = (options.languages ?? []).filter((code) => !configured.includes(code));
  if (unknown.length) {
    throw new InputError([{ file: 'kiosk.config.json', where: 'languages', message: `has no ${unknown.map((c) => `"${c}"`).join(', ')} (--lang); configured: ${configured.join(', ')}` }]);
  }
  const plans = planSpeech(root, content, options.languages);
  // Every spoken language's plan, whichever were asked for: a recording is compared with its section in all of them.
  let allPlans: typeof plans | undefined;
  const everyLanguage = () => (allPlans ??= options.languages ? planSpeech(root, content) : plans);
  for (const language of content.languages) {
    if (plans.some((p) => p.lang === language.code) || (options.languages && !options.languages.includes(language.code))) continue;
    log(`${language.code}: text only: eSpeak NG has no voice for it and kiosk.config.json sets no speech.${language.code}; it is never read in another language's voice`);
  }
  const { manifest: previous } = readManifest(audioDir);
  const previousSections = previous?.sections ?? {};

  // Decide what to make before starting the engine, so an up-to-date tree costs no synthesis.
  const todo: { target: SectionTarget; reason: string }[] = [];
  const kept = new Map<string, ManifestEntry>();
  for (const plan of plans) {
    if (plan.voiceFromDefault) {
      log(`${plan.lang}: kiosk.config.json has no speech.${plan.lang}; using the default voice "${plan.voice}" at ${plan.wordsPerMinute} words a minute`);
    }
    if (plan.notInLexicon.length) {
      const some = plan.notInLexicon.slice(0, 8).join(' ');
      log(`${plan.lang}: ${plan.notInLexicon.length} word(s) are not in locales/${plan.lang}/pronunciation.json and are spoken as written: ${some}${plan.notInLexicon.length > 8 ? ' …' : ''}`);
    }
    for (const target of plan.targets) {
      const entry = previousSections[target.key];
      const problems = options.force ? [] : inspectSection(audioDir, target, entry);
      if (!options.force && problems.length === 0 && entry) kept.set(target.key, entry);
      else todo.push({ target, reason: options.force ? 'forced' : describe(problems[0]) });
    }
  }

  // Sections (and prompt clips) are made on every core: one worker thread, with its own engine, per
  // core (scripts/audio/pool.ts), unless `jobs` says otherwise or a test passes its own engine.
  const jobs = options.engine ? 1 : Math.max(1, Math.floor(options.jobs ?? defaultJobs()));
  let engine = options.engine;
  let starting: Promise<SynthesisPool> | undefined;
  const pool = () => (starting ??= startPool(jobs));
  // Loaded below, before any section is made, whenever one is made in this thread.
  const inThread = (): SpeechEngine => {
    if (!engine) throw new Error('the speech engine was used before it was loaded');
    return engine;
  };
  try {
    if (todo.length) {
      const usePool = jobs > 1 && todo.some((t) => !t.target.recording);
      // A staff recording is aligned against eSpeak's rendering in this thread (recorded-section.ts).
      if (!usePool || todo.some((t) => t.target.recording)) engine ??= await loadEngine();
      const voices = usePool ? await pool() : inThread();
      const problems: InputProblem[] = [];
      for (const plan of plans) {
        if (!todo.some((t) => t.target.lang === plan.lang) || voices.hasVoice(plan.voice)) continue;
        problems.push({
          file: 'kiosk.config.json',
          where: `speech.${plan.lang}.voice`,
          message: `eSpeak NG has no voice "${plan.voice}"${plan.voiceFromDefault ? ' (the default for this language; set speech.' + plan.lang + ' in the config)' : ''}; try e.g. "en-us", "fr", "es-419", "cmn", "ar", "pa"`,
        });
      }
      for (const { target } of todo) {
        if (!target.speech.text.trim()) problems.push({ file: `locales/${target.lang}/handouts/${target.handout}.md`, where: `section ${target.section.id}`, message: 'has no text to speak' });
      }
      if (problems.length) throw new InputError(problems);
    }

    const reasons = new Map(todo.map((t) => [t.target.key, t.reason]));
    const made = new Map<string, { entry: ManifestEntry; result: SectionResult }>();
    const synthesized = todo.filter((t) => !t.target.recording).map((t) => t.target);
    const recorded = todo.map((t) => t.target).filter(isRecorded);
    for (const target of plans.flatMap((plan) => plan.targets)) {
      const keptEntry = kept.get(target.key);
      if (keptEntry) log(formatLine({ key: target.key, generated: false, duration: keptEntry.duration, bytes: keptEntry.bytes, synthesisSeconds: 0, encodeSeconds: 0, skippedWords: 0 }));
    }

    const synthesize = async () => {
      if (jobs > 1 && synthesized.length) {
        const workers = await pool();
        // Every section is queued at once; the pool gives the next to whichever worker is free.
        await Promise.all(
          synthesized.map(async (target) => {
            const done = await workers.section({ audioDir, target, reason: reasons.get(target.key) });
            made.set(target.key, done);
            log(formatLine(done.result));
          }),
        );
        return;
      }
      for (const target of synthesized) {
        // A fresh engine for every section, as in each worker: its bytes depend on its text alone.
        const speech = inThread();
        await speech.reset?.();
        const done = makeSection(audioDir, target, speech, reasons.get(target.key));
        made.set(target.key, done);
        log(formatLine(done.result));
      }
    };
    const record = async () => {
      for (const target of recorded) {
        const reason = reasons.get(target.key);
        const speech = inThread();
        await speech.reset?.();
        // A staff recording replaces synthesis when it says the text (scripts/audio/recorded-section.ts).
        let synthesizedInstead: ReturnType<typeof makeSection> | undefined;
        const others = everyLanguage().flatMap((plan) => (plan.lang === target.lang ? [] : plan.targets.filter((t) => t.handout === target.handout && t.section.id === target.section.id)));
        const outcome = await makeRecordedSection(
          audioDir,
          target,
          speech,
          previousSections[target.key]?.recording,
          () => (synthesizedInstead = makeSection(audioDir, target, speech, reason)).entry,
          others,
        );
        const result: SectionResult = synthesizedInstead?.result ?? { key: target.key, generated: true, duration: outcome.entry.duration, bytes: outcome.entry.bytes, synthesisSeconds: outcome.seconds, encodeSeconds: 0, skippedWords: 0, ...(reason ? { reason } : {}) };
        made.set(target.key, { entry: outcome.entry, result });
        log(formatLine(result));
        for (const line of outcome.notes) log(line);
      }
    };
    await Promise.all([synthesize(), record()]);

    // The manifest and the summary in the plan's order, whichever worker finished first.
    const results: SectionResult[] = [];
    const entries = new Map<string, ManifestEntry>();
    for (const target of plans.flatMap((plan) => plan.targets)) {
      const keptEntry = kept.get(target.key);
      if (keptEntry) {
        entries.set(target.key, keptEntry);
        results.push({ key: target.key, generated: false, duration: keptEntry.duration, bytes: keptEntry.bytes, synthesisSeconds: 0, encodeSeconds: 0, skippedWords: 0 });
        continue;
      }
      const done = made.get(target.key);
      if (!done) throw new Error(`section ${target.key} was neither kept nor made`);
      entries.set(target.key, done.entry);
      results.push(done.result);
    }
    return await finish(results, entries);
  } finally {
    if (starting) await starting.then((workers) => workers.close(), () => {});
  }

  async function finish(results: SectionResult[], entries: Map<string, ManifestEntry>): Promise<AudioBuildSummary> {
    // Languages not rebuilt this run (--lang) keep their entries if they are still configured.
    const sections: Record<string, ManifestEntry> = {};
    for (const [key, entry] of Object.entries(previousSections)) {
      const lang = languageOf(key);
      if (options.languages && !options.languages.includes(lang) && configured.includes(lang) && isConfigured(content, key)) sections[key] = entry;
    }
    for (const [key, entry] of entries) sections[key] = entry;

    // A configured language's prompts are the prompt build's to keep or remove.
    const promptFile = (rel: string) => {
      const parts = rel.split('/');
      return parts.length === 3 && parts[1] === PROMPTS_FOLDER && configured.includes(languageOf(rel));
    };
    const removed = removeUnconfigured(audioDir, sections, options.languages, promptFile);
    for (const path of removed) log(`removed   ${path}`);

    const manifest: Manifest = { _generated: GENERATED, version: 1, sections };
    const manifestWritten = writeIfChanged(join(audioDir, 'manifest.json'), stableJson(manifest), 'audio/manifest.json');
    if (!options.prompts) return { sections: results, removed, manifestWritten };
    const prompts = await buildPrompts({
      root,
      content,
      log,
      ...(engine ? { engine } : {}),
      ...(jobs > 1 ? { pool } : {}),
      ...(options.languages ? { languages: options.languages } : {}),
      ...(options.force ? { force: true } : {}),
    });
    return { sections: results, removed, manifestWritten, prompts };
  }
}

function describe(problem: InputProblem | undefined): string {
  if (!problem) return 'new';
  const message = problem.message.replace(/; run npm run audio.*$/, '');
  return `${problem.file.replace(/^audio\//, '')} ${message}`;
}

export function formatLine(result: SectionResult): string {
  const size = `${(result.bytes / 1024).toFixed(1)} KB`.padStart(9);
  const duration = `${result.duration.toFixed(2)} s`.padStart(8);
  if (!result.generated) return `skipped   ${result.key.padEnd(40)} ${duration} ${size}  up to date`;
  const took = `${(result.synthesisSeconds + result.encodeSeconds).toFixed(2)} s`;
  const skipped = result.skippedWords ? `; ${result.skippedWords} word${result.skippedWords > 1 ? 's' : ''} not spoken by the engine (zero-length slot)` : '';
  return `generated ${result.key.padEnd(40)} ${duration} ${size}  in ${took} (synthesis ${result.synthesisSeconds.toFixed(2)} s, encoding ${result.encodeSeconds.toFixed(2)} s)${skipped}`;
}

/** The language a manifest key (`en/handout/section`) or a path under audio/ (`en/…`) belongs to. */
function languageOf(keyOrPath: string): string {
  // split always gives at least one part, so the default is never used.
  return keyOrPath.split('/')[0] ?? '';
}

function isConfigured(content: ReturnType<typeof buildContent>, key: string): boolean {
  const [lang, handout, section] = key.split('/');
  return Boolean(content.languages.find((l) => l.code === lang)?.handouts.find((h) => h.id === handout)?.sections.some((s) => s.id === section));
}

/**
 * Deletes generated files (and then empty folders) under audio/ that no manifest entry names: sections,
 * handouts and languages no longer configured, and temp files from an interrupted run. Only .webm,
 * .json and temp files are touched, so anything else someone put there stays.
 */
function removeUnconfigured(audioDir: string, sections: Record<string, ManifestEntry>, languages?: readonly string[], keep: (rel: string) => boolean = () => false): string[] {
  if (!existsSync(audioDir)) return [];
  const wanted = new Set<string>(['manifest.json']);
  for (const entry of Object.values(sections)) {
    wanted.add(entry.audio);
    wanted.add(entry.timings);
  }
  const langsWithAudio = new Set(Object.keys(sections).map(languageOf));
  // With --lang, another language's files are left alone unless that language is gone from the config.
  const inScope = (rel: string) => {
    if (!languages || !rel.includes('/')) return true;
    const lang = languageOf(rel);
    return languages.includes(lang) || !langsWithAudio.has(lang);
  };
  const removed: string[] = [];
  const walk = (dir: string): boolean => {
    let empty = true;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const rel = relative(audioDir, path).split('\\').join('/');
      if (statSync(path).isDirectory()) {
        if (walk(path)) rmdirSync(path);
        else empty = false;
        continue;
      }
      const generated = /\.(webm|json)$/.test(name) || /\.tmp-\d+$/.test(name);
      if (generated && !wanted.has(rel) && inScope(rel) && !keep(rel)) {
        unlinkSync(path);
        removed.push(`audio/${rel}`);
      } else empty = false;
    }
    return empty;
  };
  walk(audioDir);
  return removed;
}
