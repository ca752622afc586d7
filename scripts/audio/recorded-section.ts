/**
 * One section with a staff recording, as named steps: decode → trim → loudness → eSpeak rendering of
 * the same text (exact word times) → forced alignment → refuse or accept → encode through the same
 * Opus/WebM path as synthesized speech → timings with `source: recording` and a confidence per word.
 *
 * A refused, stale or unreadable recording never ships: the section is synthesized as it would be
 * without one (byte for byte), and the manifest notes why, so `npm run check` can say so and the next
 * run does not align the same file against the same text again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../lib/input-error.ts';
import { writeAtomic } from '../lib/write-file.ts';
import { alignWords } from './align.ts';
import type { SectionTarget } from './check-audio.ts';
import { decodeRecording } from './decode.ts';
import type { SpeechEngine } from './engine.ts';
import { forceAlign, type ForcedAlignment } from './force-align.ts';
import { matchLoudness } from './loudness.ts';
import { encodeOpus } from './opus.ts';
import { isStale } from './recordings.ts';
import { sectionFiles, stableJson, timingsHeader, type ManifestEntry, type RecordingNote, type TimingsFile } from './timings.ts';
import { trimSilence } from './trim.ts';
import { writeWebm } from './webm.ts';

export interface RecordedOutcome {
  entry: ManifestEntry;
  /** Seconds spent (decode + alignment + encoding). */
  seconds: number;
  /** Lines for the log: refusals, staleness, low-confidence stretches. */
  notes: string[];
  used: boolean;
}

export async function makeRecordedSection(
  audioDir: string,
  target: SectionTarget,
  engine: SpeechEngine,
  previous: RecordingNote | undefined,
  synthesize: () => ManifestEntry,
): Promise<RecordedOutcome> {
  const t0 = performance.now();
  const recording = target.recording!;
  const elapsed = () => (performance.now() - t0) / 1000;
  const fallBack = (note: RecordingNote, line: string): RecordedOutcome => ({ entry: { ...synthesize(), recording: note }, seconds: elapsed(), notes: [line], used: false });
  const current = { file: recording.file, sha256: recording.sha256, textHash: target.textHash, readingHash: target.readingHash };

  // The same file as before, accepted for another text: stale. The note keeps the old hashes.
  if (previous && previous.sha256 === recording.sha256 && previous.status !== 'refused' && isStale(previous, target.textHash, target.readingHash)) {
    return fallBack({ ...previous, file: recording.file, status: 'stale' }, `stale     ${recording.file}: the text of section "${target.section.id}" changed after it was recorded; using the synthesized voice`);
  }

  let decoded;
  try {
    decoded = await decodeRecording(new Uint8Array(readFileSync(recording.path)), recording.file);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const message = error.problems[0]!.message;
    return fallBack({ ...current, status: 'refused', message }, `refused   ${recording.file} ${message}; using the synthesized voice`);
  }
  const trimmed = trimSilence(decoded.samples, decoded.sampleRate);
  const loudness = matchLoudness(trimmed.samples, decoded.sampleRate);
  const samples = trimmed.samples.map((s) => s * loudness.gain);

  const synthesis = engine.synthesize(target.speech.text, { voice: target.voice, wordsPerMinute: target.wordsPerMinute });
  const durationMs = Math.floor((synthesis.samples.length * 1000) / synthesis.sampleRate);
  const reference = alignWords(target.section, target.speech, synthesis.events, durationMs);
  const alignment = forceAlign({
    section: target.section,
    reference: { samples: Float32Array.from(synthesis.samples, (s) => s / 32768), sampleRate: synthesis.sampleRate, words: reference.words },
    recording: { samples, sampleRate: decoded.sampleRate },
  });
  if (alignment.refusal) {
    const { quote, reason } = alignment.refusal;
    const message = `stops following the text of section "${target.section.id}" at the sentence "${quote}": ${reason}`;
    return fallBack({ ...current, status: 'refused', message }, `refused   ${recording.file} ${message}; using the synthesized voice`);
  }

  const pcm = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) pcm[i] = Math.max(-32768, Math.min(32767, Math.round(samples[i]! * 32767)));
  const webm = writeWebm(encodeOpus(pcm, decoded.sampleRate));
  const duration = Math.floor((samples.length * 1000) / decoded.sampleRate) / 1000;
  const files = sectionFiles(target.lang, target.handout, target.section.id);
  const timings: TimingsFile = {
    ...timingsHeader(target),
    source: 'recording',
    recording: recording.file,
    duration,
    audio: files.audio.split('/').pop()!,
    words: alignment.words.map((w) => ({ ...w, start: Math.min(w.start, duration), end: Math.min(w.end, duration) })),
    sentences: alignment.sentences.map((s) => ({ ...s, start: Math.min(s.start, duration), end: Math.min(s.end, duration) })),
  };
  writeAtomic(join(audioDir, files.audio), webm, `audio/${files.audio}`);
  writeAtomic(join(audioDir, files.timings), stableJson(timings), `audio/${files.timings}`);
  const entry: ManifestEntry = {
    textHash: target.textHash,
    speechHash: target.speechHash,
    source: 'recording',
    engine: `recording, aligned against ${engine.name}`,
    voice: target.voice,
    wordsPerMinute: target.wordsPerMinute,
    duration,
    audio: files.audio,
    timings: files.timings,
    bytes: webm.length,
    recording: { ...current, status: 'used' },
  };
  const notes = [
    `recorded  ${recording.file}: ${alignment.words.length} words aligned, loudness ${loudness.measured.toFixed(1)} → ${loudness.result.toFixed(1)} LUFS` +
      (loudness.limitedByPeak ? ' (held below the target so its peaks do not clip)' : '') +
      `, ${trimmed.cutStart.toFixed(2)} s and ${trimmed.cutEnd.toFixed(2)} s of silence trimmed`,
    ...lowConfidenceLines(target, alignment),
  ];
  return { entry, seconds: elapsed(), notes, used: true };
}

function lowConfidenceLines(target: SectionTarget, alignment: ForcedAlignment): string[] {
  const { section } = target;
  return alignment.lowConfidence.map(({ from, to }) => {
    const text = section.text.slice(section.words[from]!.start, section.words[to]!.end);
    return `          low confidence in ${target.key}: "${text}" (${alignment.words[from]!.start.toFixed(2)}–${alignment.words[to]!.end.toFixed(2)} s); listen to it on the kiosk`;
  });
}
