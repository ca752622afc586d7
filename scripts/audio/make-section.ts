/**
 * One synthesized section, start to end: engine → alignment → Opus → WebM → audio and timings files
 * (each written atomically). The same code runs in the main thread (`--jobs 1`, tests with a fake
 * engine) and in each worker thread of the pool (scripts/audio/pool.ts), so a file's bytes do not
 * depend on which made it.
 */
import { join, posix } from 'node:path';
import { InputError } from '../lib/input-error.ts';
import { writeAtomic } from '../lib/write-file.ts';
import { alignWords } from './align.ts';
import type { SectionTarget } from './check-audio.ts';
import { UnknownVoiceError, type SpeechEngine } from './engine.ts';
import { encodeOpus } from './opus.ts';
import { sectionFiles, stableJson, timingsHeader, type ManifestEntry, type TimingsFile } from './timings.ts';
import { writeWebm } from './webm.ts';

export interface SectionResult {
  key: string;
  generated: boolean;
  duration: number;
  bytes: number;
  /** Seconds spent synthesizing and encoding (0 when skipped). */
  synthesisSeconds: number;
  encodeSeconds: number;
  skippedWords: number;
  reason?: string;
}

export function makeSection(audioDir: string, target: SectionTarget, engine: SpeechEngine, reason: string | undefined): { entry: ManifestEntry; result: SectionResult } {
  const t0 = performance.now();
  let synthesis;
  try {
    synthesis = engine.synthesize(target.speech.text, { voice: target.voice, wordsPerMinute: target.wordsPerMinute });
  } catch (error) {
    if (error instanceof UnknownVoiceError) {
      throw new InputError([{ file: 'kiosk.config.json', where: `speech.${target.lang}.voice`, message: error.message }]);
    }
    throw error;
  }
  // Whole milliseconds, rounded down, so no timing can end after the audio does.
  const durationMs = Math.floor((synthesis.samples.length * 1000) / synthesis.sampleRate);
  const alignment = alignWords(target.section, target.speech, synthesis.events, durationMs);
  const t1 = performance.now();
  const webm = writeWebm(encodeOpus(synthesis.samples, synthesis.sampleRate));
  const t2 = performance.now();

  const files = sectionFiles(target.lang, target.handout, target.section.id);
  const timings: TimingsFile = {
    ...timingsHeader(target),
    source: 'espeak-ng',
    duration: durationMs / 1000,
    audio: posix.basename(files.audio),
    words: alignment.words,
    sentences: alignment.sentences,
    ...(alignment.skipped.length ? { skippedWords: alignment.skipped } : {}),
  };
  // Audio first, timings second, manifest (by the caller) last: a run cut short anywhere leaves a
  // manifest that does not vouch for the new files, so the next run makes them again.
  writeAtomic(join(audioDir, files.audio), webm, `audio/${files.audio}`);
  writeAtomic(join(audioDir, files.timings), stableJson(timings), `audio/${files.timings}`);

  const entry: ManifestEntry = {
    textHash: target.textHash,
    speechHash: target.speechHash,
    source: 'espeak-ng',
    engine: engine.name,
    voice: target.voice,
    wordsPerMinute: target.wordsPerMinute,
    duration: timings.duration,
    audio: files.audio,
    timings: files.timings,
    bytes: webm.length,
  };
  const result: SectionResult = {
    key: target.key,
    generated: true,
    duration: timings.duration,
    bytes: webm.length,
    synthesisSeconds: (t1 - t0) / 1000,
    encodeSeconds: (t2 - t1) / 1000,
    skippedWords: alignment.skipped.length,
    ...(reason ? { reason } : {}),
  };
  return { entry, result };
}
