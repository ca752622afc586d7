/**
 * Is the committed audio there, whole, and made from the current text? `checkAudio` answers for
 * every configured section (used by `npm run check`); `inspectSection` answers for one (used by the
 * audio build to decide what to re-make).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Section } from '../../src/content/model.ts';
import type { ContentBundle } from '../lib/build-content.ts';
import { InputError, type InputProblem } from '../lib/input-error.ts';
import { phoneNumbers } from '../lib/placeholders.ts';
import { loadLexicon, type Lexicon } from './lexicon.ts';
import { normaliseSection } from './normalise.ts';
import { readingText, type ReadingText } from './reading-text.ts';
import { findRecording, isStale, listRecordings, recordingProblems, type RecordingFile } from './recordings.ts';
import { readManifest, readTimings, sectionFiles, sectionKey, sha256, type ManifestEntry, type TimingsFile } from './timings.ts';
import { timingsProblems } from './validate-timings.ts';
import { speechSettingsFor } from './voices.ts';
import { readWebm, webmProblems, WebmError } from './webm.ts';

/** What a section's audio must have been made from to be current. */
export interface SectionTarget {
  key: string;
  lang: string;
  handout: string;
  section: Section;
  textHash: string;
  /** The SSML given to the engine, and its hash. */
  speech: ReturnType<typeof normaliseSection>;
  speechHash: string;
  voice: string;
  wordsPerMinute: number;
  /** What a person recording it says (scripts/audio/reading-text.ts), and its hash. */
  reading: ReadingText;
  readingHash: string;
  /** The staff recording for this section, if there is one. */
  recording?: RecordingFile;
}

export interface LanguagePlan {
  lang: string;
  voice: string;
  wordsPerMinute: number;
  voiceFromDefault: boolean;
  targets: SectionTarget[];
  /** Where a lexicon exists: distinct display words it does not respell (spoken as written). */
  notInLexicon: string[];
}

/** Every section of every handout of the given languages, with the speech it should have. Throws InputError for a bad lexicon. */
export function planSpeech(root: string, content: ContentBundle, languages?: readonly string[]): LanguagePlan[] {
  const problems: InputProblem[] = [];
  const plans: LanguagePlan[] = [];
  for (const language of content.languages) {
    if (languages && !languages.includes(language.code)) continue;
    const settings = speechSettingsFor(content.config, language.code);
    // A language with no voice is text only: nothing to make, nothing missing.
    if (!settings) continue;
    let lexicon: Lexicon = {};
    try {
      lexicon = loadLexicon(root, language.code);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(...error.problems);
    }
    const targets: SectionTarget[] = [];
    const notInLexicon = new Set<string>();
    const lowerKeys = new Set(Object.keys(lexicon).map((k) => k.toLocaleLowerCase(language.code)));
    for (const handout of language.handouts) {
      for (const section of handout.sections) {
        if (Object.keys(lexicon).length) {
          for (const word of section.words) {
            const written = section.text.slice(word.start, word.end);
            if (!(written in lexicon) && !lowerKeys.has(written.toLocaleLowerCase(language.code)) && /\p{L}/u.test(written)) notInLexicon.add(written);
          }
        }
        const speech = normaliseSection(section, { lang: language.code, phoneNumbers: phoneNumbers(content.config.site), lexicon });
        const reading = readingText(section, { lang: language.code, phoneNumbers: phoneNumbers(content.config.site) }, Object.keys(lexicon).length ? undefined : speech);
        const recording = findRecording(root, language.code, handout.id, section.id);
        targets.push({
          reading,
          readingHash: sha256(reading.text),
          ...(recording ? { recording } : {}),
          key: sectionKey(language.code, handout.id, section.id),
          lang: language.code,
          handout: handout.id,
          section,
          textHash: sha256(section.text),
          speech,
          speechHash: sha256(speech.text),
          voice: settings.voice,
          wordsPerMinute: settings.wordsPerMinute,
        });
      }
    }
    plans.push({
      lang: language.code,
      voice: settings.voice,
      wordsPerMinute: settings.wordsPerMinute,
      voiceFromDefault: settings.fromDefault,
      targets,
      notInLexicon: [...notInLexicon],
    });
  }
  if (problems.length) throw new InputError(problems);
  return plans;
}

/** Problems with one section's audio: missing, stale, corrupt or mistimed. Empty when it is current. */
export function inspectSection(audioDir: string, target: SectionTarget, entry: ManifestEntry | undefined): InputProblem[] {
  return inspectSectionAudio(audioDir, target, entry).problems;
}

/**
 * The same, with the section's timings when its audio is current, so the build attaches the very
 * timings it checked rather than reading the file a second time.
 */
export function inspectSectionAudio(audioDir: string, target: SectionTarget, entry: ManifestEntry | undefined): { problems: InputProblem[]; timings?: TimingsFile } {
  let timings: TimingsFile | undefined;
  const problems = sectionProblems(audioDir, target, entry, (checked) => (timings = checked));
  return problems.length || !timings ? { problems } : { problems, timings };
}

function sectionProblems(audioDir: string, target: SectionTarget, entry: ManifestEntry | undefined, read: (timings: TimingsFile) => void): InputProblem[] {
  const files = sectionFiles(target.lang, target.handout, target.section.id);
  const audioFile = `audio/${files.audio}`;
  const timingsFile = `audio/${files.timings}`;
  if (!entry) return [{ file: audioFile, message: `no audio for section "${target.section.id}" in the manifest; run npm run audio` }];

  // A recording dropped in, replaced or taken away since the last run: the audio must be re-made.
  const note = entry.recording;
  if (target.recording && note?.sha256 !== target.recording.sha256) {
    return [{ file: target.recording.file, message: `is ${note ? 'a changed' : 'a new'} recording for section "${target.section.id}"; run npm run audio to use it` }];
  }
  if (!target.recording && (entry.source === 'recording' || note)) {
    return [{ file: timingsFile, message: `is for ${note?.file ?? 'a recording'}, which has been removed; run npm run audio` }];
  }
  // A used recording whose text has changed since: stale, whatever else.
  if (note?.status === 'used' && isStale(note, target.textHash, target.readingHash)) {
    return [{ file: note.file, message: `is stale: the text of section "${target.section.id}" changed after it was recorded; run npm run audio (the section goes back to the synthesized voice)` }];
  }

  // Stale audio is re-made whatever else is wrong with it, so say only why it is stale.
  if (entry.textHash !== target.textHash) {
    return [{ file: timingsFile, message: `is stale: the text of section "${target.section.id}" changed since its audio was made; run npm run audio` }];
  }
  if (entry.source !== 'recording') {
    if (entry.speechHash !== target.speechHash) {
      return [{ file: timingsFile, message: `is stale: the spoken text changed (nurse line, abbreviations or locales/${target.lang}/pronunciation.json); run npm run audio` }];
    }
    if (entry.voice !== target.voice || entry.wordsPerMinute !== target.wordsPerMinute) {
      return [{ file: timingsFile, message: `was made with voice "${entry.voice}" at ${entry.wordsPerMinute} wpm, but the config asks for "${target.voice}" at ${target.wordsPerMinute}; run npm run audio` }];
    }
  }
  const problems: InputProblem[] = [];
  if (entry.audio !== files.audio || entry.timings !== files.timings) {
    problems.push({ file: 'audio/manifest.json', where: `sections.${target.key}`, message: `points at ${entry.audio} and ${entry.timings}, expected ${files.audio} and ${files.timings}` });
    return problems;
  }

  const audioPath = join(audioDir, files.audio);
  if (!existsSync(audioPath)) return [...problems, { file: audioFile, message: 'is missing; run npm run audio' }];
  const bytes = statSync(audioPath).size;
  if (bytes !== entry.bytes) {
    problems.push({ file: audioFile, message: `is ${bytes} bytes but the manifest says ${entry.bytes}: corrupt or replaced; run npm run audio` });
    return problems;
  }
  let duration: number;
  try {
    const file = readFileSync(audioPath);
    // A view of the bytes read, not a copy of them: a big library has half a gigabyte of audio.
    const audio = readWebm(new Uint8Array(file.buffer, file.byteOffset, file.byteLength));
    const wrong = webmProblems(audio);
    if (wrong.length) return [...problems, ...wrong.map((message) => ({ file: audioFile, message }))];
    duration = audio.durationSeconds;
  } catch (error) {
    if (!(error instanceof WebmError)) throw error;
    return [...problems, { file: audioFile, message: `is corrupt: ${error.message}; run npm run audio --force` }];
  }

  const timingsPath = join(audioDir, files.timings);
  if (!existsSync(timingsPath)) return [...problems, { file: timingsFile, message: 'is missing; run npm run audio' }];
  let timings: TimingsFile;
  try {
    timings = readTimings(audioDir, files.timings);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return [...problems, ...error.problems];
  }
  read(timings);
  problems.push(...timingsProblems(timings, target.section, duration, timingsFile));
  if (timings.speechHash !== entry.speechHash || timings.audio !== files.audio.split('/').pop()) {
    problems.push({ file: timingsFile, message: 'does not belong with the manifest entry for its section (an interrupted run?); run npm run audio' });
  }
  return problems;
}

/** What `npm run check` reports of the audio: its problems, and which voice each section has. */
export interface AudioAudit {
  /**
   * Problems with the audio of every configured section: missing, stale for the current text, voice
   * or pronunciation, corrupt, or with timings that are out of order, overlap, run past the audio, or
   * leave a word untimed. Empty when all is well.
   */
  problems: InputProblem[];
  /** One line per language: whether its sections' voices are recorded or synthesized. */
  voices: { lang: string; recorded: number; synthesized: number; sections: { key: string; voice: 'recorded' | 'synthesized' }[] }[];
}

/** Plans the speech once for both answers: planning every section is most of the check's time on a big library. */
export function auditAudio(root: string, content: ContentBundle): AudioAudit {
  let plans: LanguagePlan[];
  try {
    plans = planSpeech(root, content);
  } catch (error) {
    if (error instanceof InputError) return { problems: error.problems, voices: [] };
    throw error;
  }
  const audioDir = join(root, 'audio');
  const { manifest, problems: unreadable } = readManifest(audioDir);
  const voices = plans.map((plan) => {
    const sections = plan.targets.map((t) => ({ key: t.key, voice: manifest?.sections[t.key]?.source === 'recording' ? ('recorded' as const) : ('synthesized' as const) }));
    return { lang: plan.lang, recorded: sections.filter((s) => s.voice === 'recorded').length, synthesized: sections.filter((s) => s.voice === 'synthesized').length, sections };
  });
  if (!manifest) return { problems: unreadable, voices };
  const problems = plans.flatMap((plan) =>
    plan.targets.flatMap((target) => {
      const entry = manifest.sections[target.key];
      const found = inspectSection(audioDir, target, entry);
      return found.length ? found : recordingProblems(target.recording, entry, target.section.id);
    }),
  );
  // A recording under a name that is no section (a typo, a section renamed) would be silently ignored.
  const known = new Set(plans.flatMap((plan) => plan.targets.map((t) => t.recording?.file).filter(Boolean)));
  const sections = new Set(plans.flatMap((plan) => plan.targets.map((t) => `${t.lang}/${t.handout}/${t.section.id}`)));
  for (const file of listRecordings(root)) {
    if (known.has(file)) continue;
    const [, lang, handout, name = ''] = file.split('/');
    const id = name.slice(0, name.lastIndexOf('.'));
    problems.push({
      file,
      message: sections.has(`${lang}/${handout}/${id}`)
        ? `is a second recording for section "${id}"; keep one file per section`
        : `matches no section: there is no section "${id}" in handout "${handout}" for language "${lang}" (file names are the section ids, e.g. what-it-is.wav)`,
    });
  }
  return { problems, voices };
}

export const checkAudio = (root: string, content: ContentBundle): AudioAudit['problems'] => auditAudio(root, content).problems;

export const voiceSummary = (root: string, content: ContentBundle): AudioAudit['voices'] => auditAudio(root, content).voices;
