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
import { join, posix } from 'node:path';
import { itemAt } from '../lib/arrays.ts';
import { InputError } from '../lib/input-error.ts';
import { writeAtomic } from '../lib/write-file.ts';
import { alignWords } from './align.ts';
import type { SectionTarget } from './check-audio.ts';
import { decodeRecording } from './decode.ts';
import type { SpeechEngine } from './engine.ts';
import { analyse, toAnalysisRate } from './features.ts';
import { forceAlign, type ForcedAlignment } from './force-align.ts';
import { RENDERING_SECONDS, soundsLike, type Rendering } from './language-check.ts';
import { matchLoudness } from './loudness.ts';
import { encodeOpus } from './opus.ts';
import { isStale, type RecordingFile } from './recordings.ts';
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

/** A section with a staff recording: the only kind makeRecordedSection takes. */
export type RecordedTarget = SectionTarget & { recording: RecordingFile };

export function isRecorded(target: SectionTarget): target is RecordedTarget {
  return target.recording !== undefined;
}

/**
 * @param others the same section in the kiosk's other spoken languages: a recording that sounds more
 * like one of those than like its own language's is refused (scripts/audio/language-check.ts)
 */
export async function makeRecordedSection(
  audioDir: string,
  target: RecordedTarget,
  engine: SpeechEngine,
  previous: RecordingNote | undefined,
  synthesize: () => ManifestEntry,
  others: readonly SectionTarget[] = [],
): Promise<RecordedOutcome> {
  const t0 = performance.now();
  const { recording } = target;
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
    // The file is named in the line already; the problem's own message says what is wrong with it.
    const message = error.problems[0]?.message ?? error.message;
    return fallBack({ ...current, status: 'refused', message }, `refused   ${recording.file} ${message}; using the synthesized voice`);
  }
  const trimmed = trimSilence(decoded.samples, decoded.sampleRate);
  const loudness = matchLoudness(trimmed.samples, decoded.sampleRate);
  const samples = trimmed.samples.map((s) => s * loudness.gain);

  const synthesis = engine.synthesize(target.speech.text, { voice: target.voice, wordsPerMinute: target.wordsPerMinute });
  const refuse = (quote: string, reason: string) => {
    const message = `stops following the text of section "${target.section.id}" at the sentence "${quote}": ${reason}`;
    return fallBack({ ...current, status: 'refused', message }, `refused   ${recording.file} ${message}; using the synthesized voice`);
  };

  if (others.length) {
    const rendering = (lang: string, made: { samples: Int16Array; sampleRate: number }): Rendering => ({
      lang,
      samples: toAnalysisRate(Float32Array.from(made.samples, (v) => v / 32768), made.sampleRate),
    });
    const own = rendering(target.lang, { samples: synthesis.samples.subarray(0, Math.round(RENDERING_SECONDS * synthesis.sampleRate)), sampleRate: synthesis.sampleRate });
    const foreign = soundsLike(
      analyse(toAnalysisRate(samples, decoded.sampleRate)),
      own,
      others.map((other) => rendering(other.lang, engine.synthesize(other.speech.text, { voice: other.voice, wordsPerMinute: other.wordsPerMinute, maxSeconds: RENDERING_SECONDS }))),
    );
    // The engine spoke other voices: a section synthesized instead must still come out byte for byte as without them.
    await engine.reset?.();
    if (foreign) {
      return refuse(
        firstSentence(target.section),
        `it sounds like the ${foreign.lang} text of this section rather than the ${target.lang} one (match ${percent(foreign.other)} against ${percent(foreign.own)}): a recording for another language?`,
      );
    }
  }

  const durationMs = Math.floor((synthesis.samples.length * 1000) / synthesis.sampleRate);
  const reference = alignWords(target.section, target.speech, synthesis.events, durationMs);
  const alignment = forceAlign({
    section: target.section,
    reference: { samples: Float32Array.from(synthesis.samples, (s) => s / 32768), sampleRate: synthesis.sampleRate, words: reference.words, leadIns: reference.leadIns },
    recording: { samples, sampleRate: decoded.sampleRate },
  });
  if (alignment.refusal) return refuse(alignment.refusal.quote, alignment.refusal.reason);

  const pcm = Int16Array.from(samples, (s) => Math.max(-32768, Math.min(32767, Math.round(s * 32767))));
  const webm = writeWebm(encodeOpus(pcm, decoded.sampleRate));
  const duration = Math.floor((samples.length * 1000) / decoded.sampleRate) / 1000;
  const files = sectionFiles(target.lang, target.handout, target.section.id);
  const timings: TimingsFile = {
    ...timingsHeader(target),
    source: 'recording',
    recording: recording.file,
    duration,
    audio: posix.basename(files.audio),
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

/** The section's first sentence with words, as displayed: where a recording in another language parts from the text at once. */
function firstSentence(section: SectionTarget['section']): string {
  const sentence = section.sentences.find((s) => s.wordCount > 0);
  const first = sentence ? section.words[sentence.firstWord] : undefined;
  const last = sentence ? section.words[sentence.firstWord + sentence.wordCount - 1] : undefined;
  return first && last ? section.text.slice(first.start, last.end) : '';
}

/** A match score as force-align reports it: the share of unrelated speech's distance saved. */
function percent(score: number): string {
  return `${Math.round(100 * (1 - score))} %`;
}

function lowConfidenceLines(target: SectionTarget, alignment: ForcedAlignment): string[] {
  const { section } = target;
  // `from` and `to` index the section's words, which the alignment has one entry for each of.
  const span = (words: readonly { start: number; end: number }[], from: number, to: number) => ({
    start: itemAt(words, from, `${target.key} low-confidence stretch`).start,
    end: itemAt(words, to, `${target.key} low-confidence stretch`).end,
  });
  return alignment.lowConfidence.map(({ from, to }) => {
    const inText = span(section.words, from, to);
    const inAudio = span(alignment.words, from, to);
    const text = section.text.slice(inText.start, inText.end);
    return `          low confidence in ${target.key}: "${text}" (${inAudio.start.toFixed(2)}–${inAudio.end.toFixed(2)} s); listen to it on the kiosk`;
  });
}
