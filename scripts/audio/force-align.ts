/**
 * A recording of a section + the eSpeak rendering of the same text (whose word times are exact) →
 * the time of every display word in the recording, a confidence for each, and the first sentence
 * where the recording stops following the text, if it does.
 *
 * The method of aeneas and Echogarden: MFCCs of both, dynamic time warping coarse to fine, each
 * reference word start carried across the warping path. Then two checks a warping path alone cannot
 * make, because DTW always finds *some* route:
 *  - each sentence's frames must resemble the recording's frames they were matched to (the mean frame
 *    distance against what unrelated speech scores), and must not be squeezed into almost no time
 *    (a skipped sentence) or stretched over a long stretch (an added one);
 *  - where the text has a pause, the recording must not be speaking for long (an added sentence).
 *
 * Pure apart from the arithmetic: samples in, timings out.
 */
import type { Section } from '../../src/content/model.ts';
import type { SentenceTiming, WordTiming } from './align.ts';
import { warp, type WarpPath } from './dtw.ts';
import { chanceDistance, HOP_SECONDS, mfccPair, spectralChange, toAnalysisRate, type Features } from './features.ts';
import { LEAD_SECONDS, TAIL_SECONDS, trimSilence } from './trim.ts';

export interface RecordedWordTiming extends WordTiming {
  /** 0…1: how closely the recording matches the rendering over this word. */
  confidence: number;
}

export interface AlignmentRefusal {
  /** The sentence (index in the section) where the recording stops following the text. */
  sentence: number;
  /** That sentence's display text. */
  quote: string;
  /** Why, in words staff can act on. */
  reason: string;
}

export interface ForcedAlignment {
  words: RecordedWordTiming[];
  sentences: SentenceTiming[];
  /** Set when the recording does not say the text: then the timings must not be used. */
  refusal?: AlignmentRefusal;
  /** Runs of words with low confidence (display word indexes, inclusive), for the report. */
  lowConfidence: { from: number; to: number }[];
  /** Frame distance of the whole match against that of unrelated speech (lower is better). */
  matchRatio: number;
}

export interface AlignInput {
  section: Pick<Section, 'text' | 'words' | 'sentences'>;
  /**
   * The eSpeak rendering of the section's speech text, its exact word times (seconds), and per display
   * word the silent start of its first sound (`Alignment.leadIns`).
   */
  reference: { samples: Float32Array; sampleRate: number; words: readonly WordTiming[]; leadIns?: readonly number[] };
  /** The recording, trimmed; any rate. */
  recording: { samples: Float32Array; sampleRate: number };
}

/**
 * The thresholds below are frame distances as a fraction of what unrelated speech scores ("ratio":
 * lower is a closer match), set from measurements: another synthesizer (Festival) reading the text
 * scored 0.59–0.63 per section in English (0.62–0.67 in Italian) and at most 0.07 worse in any one
 * sentence, with sentence durations 0.85–1.19 of the expected; another paragraph read in its place
 * scored 0.66–0.73 throughout; a skipped sentence is squeezed to a third of its time and scored 0.15
 * worse than its neighbours. Since pauses waited through count as matched and both signals share one
 * spectral floor, whole sections score lower: Festival 0.52–0.58 in English, 0.58–0.63 in Italian,
 * 0.46–0.52 with noise at 20 dB SNR (2026-11-30); the refusal tests still refuse every mismatch.
 */
/**
 * A section whose sentences score worse than this on average is not this text. A safety net only:
 * Festival's Italian voice reading the Italian text scored up to 0.67, so the stall test below is
 * what refuses another paragraph.
 */
export const SECTION_MISMATCH_RATIO = 0.75;
/** Any one sentence this much worse than the section's mean, or worse than SENTENCE_MISMATCH_RATIO, is not being read. */
export const SENTENCE_OUTLIER = 0.12;
export const SENTENCE_MISMATCH_RATIO = 0.78;
/**
 * A sentence expected to take less than this (s) gets that much more leeway in both tests: Festival's
 * readings of "Quanto dura" (15 % slower) and "What is acetaminophen" (with noise) scored 0.80 and
 * 0.14 over their section's mean, and were refused though read as written.
 */
const SHORT_SENTENCE_SECONDS = 1.5;
const SHORT_SENTENCE_SLACK = 0.06;
/** Below this a word's confidence is reported as low. */
export const LOW_CONFIDENCE = 0.35;
/** A sentence read in less than this share of its expected time (given the reader's pace) was skipped. */
const SQUEEZED = 0.5;
/** …or in more than this share of it, something was added or said twice. */
const STRETCHED = 2.2;
/** A stall longer than this (s) while both voices speak: the recording says other words there. */
const MAX_STALL_SECONDS = 0.225;
/** Speech in the recording where the text pauses, longer than this (s), is a sentence the text has not. */
const EXTRA_SPEECH_SECONDS = 1.2;
/** A silence before a word longer than this is a pause, not a stop's closure. */
const MAX_CLOSURE_SECONDS = 0.12;
/** More silence than the rendering has at a word start, in 5 ms frames, that counts as a pause. */
const PAUSE_FRAMES = 24;
/** How far into a sound dying away (5 ms frames) a pause is looked for, and how loud that sound may still be (dB over speech level). */
const FADE_FRAMES = 12;
const FADE_ABOVE_SPEECH_DB = 14;
const PAUSE_HYSTERESIS_DB = 2;
/** A frame this much louder than the one before still counts as falling (the energy of a fading sound flickers). */
const FADE_JITTER_DB = 1;
/** The longest blip under speech level that a pause goes on through (40 ms). */
const BLIP_FRAMES = 8;
/** 5 ms frames by which the 25 ms analysis window smears a sound's start back into the silence before it. */
const SMEAR_FRAMES = 4;
/** How far (5 ms frames) from a word's event in the rendering the fastest change into it is looked for. */
const TRANSITION_FRAMES = 4;
/** A word given less than this share of its expected time was swallowed by the path (a reader says no word in a quarter of its time). */
const SWALLOWED = 0.25;
/** Words shorter than this (s) in the rendering are left alone: a quarter of them is a frame or two. */
const MIN_SWALLOWED_SECONDS = 0.06;
/** A word's sound rises at least this much (dB) somewhere, or falls by FADE_DEPTH_DB: otherwise it is the end of the sound before it dying away. */
const FADE_RISE_DB = 3;
const FADE_DEPTH_DB = 10;
/** Frames of speech (20 ms) a word swallowed before a pause needs after it, before the next word. */
const MIN_WORD_FRAMES = 4;

export function forceAlign(input: AlignInput): ForcedAlignment {
  input = { ...input, reference: withMargins(input.reference) };
  const refSignal = toAnalysisRate(input.reference.samples, input.reference.sampleRate);
  const recSignal = toAnalysisRate(input.recording.samples, input.recording.sampleRate);
  const [ref, rec] = mfccPair(refSignal, recSignal);
  const closed = startAtClosures(input.reference.words, ref);
  const onsets = transitionOnsets(input.reference.words, closed, ref);
  input = { ...input, reference: { ...input.reference, words: closed } };
  const path = warp(ref, rec);
  return interpret(input, ref, rec, path, onsets);
}

/**
 * eSpeak reports a word that starts with a stop ("calm", "take", "pain") at the burst, after the
 * closure's short silence; a listener, a phonetician and other synthesizers put the word's start
 * where that silence begins, where the word before it stops sounding. Measured against Festival's
 * word times this alone was a 40 ms lag on stop-initial words. So a word preceded by a silence too
 * short to be a pause starts at that silence, which the recording shows just as clearly.
 */
function startAtClosures(words: readonly WordTiming[], ref: Features): WordTiming[] {
  return words.map((w, k) => {
    if (k === 0) return w;
    const earliest = Math.round(words[k - 1]!.start / HOP_SECONDS);
    // The 25 ms analysis window smears the burst a few frames back: step over that first.
    let i = Math.round(w.start / HOP_SECONDS) - 1;
    for (let smear = 0; smear < 4 && i > earliest && !ref.silent[i]; smear++) i--;
    let gap = 0;
    while (i > earliest && ref.silent[i]) {
      i--;
      gap++;
    }
    if (gap === 0 || gap * HOP_SECONDS > MAX_CLOSURE_SECONDS || i <= earliest) return w;
    // The first silent frame is centred half a window (12.5 ms) after the sound stopped.
    return { ...w, start: Math.min(w.start, round((i + 1) * HOP_SECONDS - 0.0125)) };
  });
}

/**
 * eSpeak puts a phoneme's event after the sound has begun to change towards it: within a phrase the
 * spectrum's fastest change into a word ("the | label", "too | much") lies a median 5 ms before the
 * word's event in eSpeak's own audio, and the change starts earlier still; Festival's word times lie a
 * median 5 ms before its fastest change (584 such words, 2026-12-01). A listener hears the word begin as
 * the change begins. So a word that follows another without a silence starts where the change into it
 * begins: from the fastest change within TRANSITION_FRAMES of the event, back while the change is still
 * at least half as fast. Measured in the rendering, per word; the recording's own onset is then found
 * through the path (see interpret). Returns the onset of each such word by display index; other words
 * are left out.
 */
function transitionOnsets(events: readonly WordTiming[], closed: readonly WordTiming[], ref: Features): Map<number, number> {
  const onsets = new Map<number, number>();
  const change = (i: number) => spectralChange(ref, i);
  closed.forEach((w, k) => {
    // The first word, a word after a pause and a stop's closure (startAtClosures) start at a silence.
    if (k === 0 || w.start !== events[k]!.start) return;
    const event = Math.round(w.start / HOP_SECONDS);
    // Down to the last frame the walk back below compares (a silence there would read as a change).
    for (let i = event - 1; i >= event - TRANSITION_FRAMES - 3; i--) if (i < 0 || ref.silent[i]) return;
    let fastest = event;
    for (let i = event - TRANSITION_FRAMES; i <= Math.min(ref.frames - 2, event + TRANSITION_FRAMES); i++) if (change(i) > change(fastest)) fastest = i;
    let onset = fastest;
    const floor = change(fastest) / 2;
    if (floor <= 0) return;
    while (onset > event - TRANSITION_FRAMES - 2 && change(onset - 1) >= floor) onset--;
    onsets.set(w.index, Math.min(w.start, onset * HOP_SECONDS));
  });
  return onsets;
}

/**
 * The rendering gets the margins of silence a trimmed recording has (LEAD_SECONDS, TAIL_SECONDS), so
 * both begin and end alike: DTW pins the first frames together and the last, and a word at the very
 * start could otherwise not be placed after the recording's lead-in.
 */
function withMargins(reference: AlignInput['reference']): AlignInput['reference'] {
  const { samples, sampleRate, words } = reference;
  const trimmed = trimSilence(samples, sampleRate);
  const firstStart = Math.max(0, (words[0]?.start ?? 0) - trimmed.cutStart);
  const lead = Math.max(0, Math.round((LEAD_SECONDS - firstStart) * sampleRate));
  const tail = Math.round(TAIL_SECONDS * sampleRate);
  const padded = new Float32Array(lead + trimmed.samples.length + tail);
  padded.set(trimmed.samples, lead);
  const shift = (t: number) => round(Math.max(0, t - trimmed.cutStart) + lead / sampleRate);
  return { ...reference, samples: padded, sampleRate, words: words.map((w) => ({ ...w, start: shift(w.start), end: shift(w.end) })) };
}

function interpret(input: AlignInput, ref: Features, rec: Features, path: WarpPath, onsets: ReadonlyMap<number, number>): ForcedAlignment {
  const { section } = input;
  const recDuration = input.recording.samples.length / input.recording.sampleRate;
  // For each reference frame: the first recording frame the path gives it.
  const first = new Int32Array(ref.frames).fill(-1);
  for (let s = 0; s < path.ref.length; s++) {
    const i = path.ref[s]!;
    if (first[i] === -1) first[i] = path.rec[s]!;
  }
  const frameOf = (seconds: number) => Math.min(ref.frames - 1, Math.max(0, Math.round(seconds / HOP_SECONDS)));
  const toRecording = (seconds: number) => first[frameOf(seconds)]! * HOP_SECONDS;

  const chance = chanceDistance(ref, indexesAbove(ref.energyDb, ref.speechDb), rec, indexesAbove(rec.energyDb, rec.speechDb), 4000);
  // Mean path distance per reference frame (a frame may be visited by several steps).
  const frameCost = new Float64Array(ref.frames);
  const frameSteps = new Int32Array(ref.frames);
  for (let s = 0; s < path.ref.length; s++) {
    frameCost[path.ref[s]!]! += path.cost[s]!;
    frameSteps[path.ref[s]!]!++;
  }
  const costOver = (from: number, to: number) => {
    let sum = 0;
    let count = 0;
    for (let i = frameOf(from); i <= Math.max(frameOf(from), frameOf(to) - 1); i++) {
      sum += frameCost[i]!;
      count += frameSteps[i]!;
    }
    return count ? sum / count / chance : 1;
  };

  const refWords = [...input.reference.words].sort((a, b) => a.index - b.index);
  const pausedTogether = matchedToPauses(path, ref, rec.frames);
  const heard = refWords.map((w, k) => {
    const start = skipPause(w, k, refWords, first, pausedTogether, ref, rec, frameOf);
    // Where the reader went on without a pause, the word starts where the change into it begins
    // (transitionOnsets), as the path carries that moment across; where the reader paused there
    // instead, the word starts after the pause, as found.
    const onset = onsets.get(w.index);
    const event = first[frameOf(w.start)]!;
    if (onset === undefined || start !== event * HOP_SECONDS) return start;
    const moved = first[frameOf(onset)]!;
    for (let j = moved; j < event; j++) if (rec.silent[j]) return start;
    return moved * HOP_SECONDS;
  });
  const heardPace = paceOf(refWords, heard);
  unswallow(heard, refWords, first, pausedTogether, heardPace, ref, rec, frameOf);
  const leadIns = input.reference.leadIns ?? [];
  const starts = heard.map((start, k) => afterPause(start, leadIns[refWords[k]!.index] ?? 0, heardPace, frameOf(refWords[k]!.start), ref, rec));
  const ends = refWords.map((w, k) => {
    const next = refWords[k + 1];
    // A word ends where the rendering's next sound begins: the next word, or the pause after it.
    const end = w.end > w.start ? toRecording(w.end) : starts[k]!;
    return next && next.start <= w.end ? starts[k + 1]! : end;
  });
  const words: RecordedWordTiming[] = refWords.map((w, k) => {
    const start = Math.min(starts[k]!, recDuration);
    const next = k + 1 < refWords.length ? starts[k + 1]! : recDuration;
    const end = Math.max(start, Math.min(ends[k]!, next, recDuration));
    const ratio = costOver(w.start, Math.max(w.end, w.start + HOP_SECONDS));
    return { index: w.index, start: round(start), end: round(end), chars: w.chars, confidence: confidenceOf(ratio) };
  });
  // Rounding can make a start pass the previous end by a millisecond: keep the order exact.
  for (let k = 1; k < words.length; k++) {
    if (words[k]!.start < words[k - 1]!.start) words[k]!.start = words[k - 1]!.start;
    if (words[k - 1]!.end > words[k]!.start) words[k - 1]!.end = words[k]!.start;
    if (words[k]!.end < words[k]!.start) words[k]!.end = words[k]!.start;
  }
  const sentences: SentenceTiming[] = section.sentences.map((sentence) => {
    const a = words[sentence.firstWord];
    const b = words[sentence.firstWord + sentence.wordCount - 1];
    return { index: sentence.index, start: a?.start ?? 0, end: b?.end ?? a?.start ?? 0 };
  });

  const pace = paceOf(refWords, words.map((w) => w.start), words[words.length - 1]?.end);
  const refusal = findRefusal(section, refWords, words, pace, costOver, ref, rec, path);
  const lowConfidence: { from: number; to: number }[] = [];
  for (const w of words) {
    if (w.confidence >= LOW_CONFIDENCE) continue;
    const run = lowConfidence[lowConfidence.length - 1];
    if (run && run.to === w.index - 1) run.to = w.index;
    else lowConfidence.push({ from: w.index, to: w.index });
  }
  const matchRatio = path.cost.reduce((a, b) => a + b, 0) / path.cost.length / chance;
  return { words, sentences, ...(refusal ? { refusal } : {}), lowConfidence, matchRatio };
}

/** The recording's speaking time against the rendering's, from the first word's start to the last word's end. */
function paceOf(refWords: readonly WordTiming[], starts: readonly number[], lastEnd?: number): number {
  const refSpeech = refWords.length ? refWords[refWords.length - 1]!.end - refWords[0]!.start : 0;
  const recSpeech = starts.length ? (lastEnd ?? starts[starts.length - 1]! + (refWords[refWords.length - 1]!.end - refWords[refWords.length - 1]!.start)) - starts[0]! : 0;
  return refSpeech > 0 && recSpeech > 0 ? recSpeech / refSpeech : 1;
}

/**
 * A word after a pause begins with the silent start of its first sound (a stop's closure), which the
 * path cannot place: in both voices it is part of the pause. The rendering's engine says how long it
 * is (`leadIns`); at the reader's pace, the word starts that long before the sound the path found.
 * This is where a phonetician, the engine's own word event and other synthesizers put the start (and
 * where startAtClosures puts it within a phrase); Festival's word times agreed within a few ms where
 * the path alone put such words 45–65 ms late.
 */
function afterPause(start: number, leadIn: number, pace: number, refFrame: number, ref: Features, rec: Features): number {
  const lead = Math.round((leadIn * pace) / HOP_SECONDS);
  if (lead <= 0) return start;
  const at = Math.round(start / HOP_SECONDS);
  // Both voices silent over the lead-in, short of the few frames the analysis window smears the sound back by.
  const pauseBefore = (f: Features, frame: number, frames: number) => {
    for (let i = frame - frames - SMEAR_FRAMES; i < frame - SMEAR_FRAMES; i++) if (i >= 0 && !f.silent[i]) return false;
    return true;
  };
  return pauseBefore(ref, refFrame, Math.round(leadIn / HOP_SECONDS)) && pauseBefore(rec, at, lead) ? Math.max(0, start - lead * HOP_SECONDS) : start;
}

/**
 * Where the reader pauses and the rendering does not (a breath, a comma read as a stop), DTW may give
 * the pause to the next word's first frame, which would light the word up a pause too early. Then the
 * word starts where the recording's silence ends, keeping as much silence before it as the rendering
 * has (a stop's closure). A pause the path matched to one of the rendering's own pauses is not the
 * reader's alone: skipping it would carry a word that ends a sentence ("for it.") over the sentence's
 * pause to where the next one starts.
 */
function skipPause(
  w: WordTiming,
  k: number,
  words: readonly WordTiming[],
  first: Int32Array,
  pausedTogether: Uint8Array,
  ref: Features,
  rec: Features,
  frameOf: (seconds: number) => number,
): number {
  const i = frameOf(w.start);
  const j = first[i]!;
  const limit = k + 1 < words.length ? first[frameOf(words[k + 1]!.start)]! : rec.frames;
  const refGap = silenceAfter(ref, i, ref.frames);
  const recGap = silenceAfter(rec, j, Math.max(limit, j + 1));
  if (recGap.frames - refGap.frames < PAUSE_FRAMES || recGap.end >= limit) return j * HOP_SECONDS;
  if (mostlyTogether(pausedTogether, recGap.end - recGap.frames, recGap.end)) return j * HOP_SECONDS;
  return (recGap.end - refGap.frames) * HOP_SECONDS;
}

/**
 * A word the path gave almost no recording (under a quarter of its time), or only the dying end of the
 * sound before it, just before a pause the path matched to the rendering's pause after that word: the
 * reader paused before the word instead of after it ("tells you | to. If", Festival's phrasing; eSpeak
 * pauses after "to"). Matching the two pauses cost less than waiting through each alone, so the path
 * swallowed the word (-242 to -390 ms); it is heard after the reader's pause, where there must be
 * speech before the next word. Moves `starts` in place.
 */
function unswallow(
  starts: number[],
  words: readonly WordTiming[],
  first: Int32Array,
  pausedTogether: Uint8Array,
  pace: number,
  ref: Features,
  rec: Features,
  frameOf: (seconds: number) => number,
): void {
  for (let k = 0; k + 1 < words.length; k++) {
    const w = words[k]!;
    const from = frameOf(w.start);
    const to = frameOf(w.end);
    let spoken = 0;
    for (let i = from; i < to; i++) if (!ref.silent[i]) spoken++;
    if (spoken * HOP_SECONDS < MIN_SWALLOWED_SECONDS || to >= ref.frames) continue;
    const given = first[to]! - first[from]!;
    if (given > SWALLOWED * spoken * pace && !(given < spoken * pace && onlyFades(rec, first[from]!, first[to]!))) continue;
    const limit = Math.round(starts[k + 1]! / HOP_SECONDS);
    // The reader's pause: the first long silence after the squeezed word, before the next word.
    for (let q = first[to]!; q < limit; ) {
      while (q < limit && !rec.silent[q]) q++;
      const pause = silenceAfter(rec, q, limit);
      if (pause.frames >= PAUSE_FRAMES) {
        // The word needs somewhere to be: speech after the pause before the next word starts.
        if (pause.end + MIN_WORD_FRAMES <= limit && mostlyTogether(pausedTogether, q, pause.end)) starts[k] = pause.end * HOP_SECONDS;
        break;
      }
      q = Math.max(q + 1, pause.end);
    }
  }
}

/** Whether the recording over frames [from, to) only dies away: no frame rises more than a flicker above the quietest before it. */
function onlyFades(f: Features, from: number, to: number): boolean {
  let quietest = f.energyDb[from]!;
  for (let i = from + 1; i < to; i++) {
    if (f.energyDb[i]! > quietest + FADE_RISE_DB) return false;
    quietest = Math.min(quietest, f.energyDb[i]!);
  }
  return to - from > 1 && f.energyDb[to - 1]! < f.energyDb[from]! - FADE_DEPTH_DB;
}

/** Whether most recording frames in [from, to) were matched to a pause of the rendering. */
function mostlyTogether(pausedTogether: Uint8Array, from: number, to: number): boolean {
  let together = 0;
  for (let q = from; q < to; q++) together += pausedTogether[q]!;
  return 2 * together > to - from;
}

/** Per recording frame, 1 where the path first matches it to a pause of the rendering (a silence longer than a stop's closure). */
function matchedToPauses(path: WarpPath, ref: Features, recFrames: number): Uint8Array {
  const inPause = new Uint8Array(ref.frames);
  for (let a = 0; a < ref.frames; ) {
    let b = a;
    while (b < ref.frames && ref.silent[b] === ref.silent[a]) b++;
    if (ref.silent[a] && (b - a) * HOP_SECONDS > MAX_CLOSURE_SECONDS) inPause.fill(1, a, b);
    a = b;
  }
  const out = new Uint8Array(recFrames);
  for (let s = path.ref.length - 1; s >= 0; s--) out[path.rec[s]!] = inPause[path.ref[s]!]!;
  return out;
}

/**
 * The pause that begins at `from` or within the fading end of the sound before it (DTW often starts
 * the next word where the last one is still dying away): its length in frames and its first frame
 * after it, searching no further than `limit`. A sound is fading while it is quiet or growing
 * quieter: a nasal dying away ("controlling | your", where the reader paused) can still be 13 dB
 * under loud speech, louder than the quiet rule alone let through.
 */
function silenceAfter(f: Features, from: number, limit: number): { frames: number; end: number } {
  let at = from;
  const fading = (i: number) => f.energyDb[i]! < f.speechDb + FADE_ABOVE_SPEECH_DB || (i + 1 < f.frames && f.energyDb[i + 1]! <= f.energyDb[i]! + FADE_JITTER_DB);
  for (let fade = 0; fade < FADE_FRAMES && at < limit && !f.silent[at] && fading(at); fade++) at++;
  if (at >= limit || !f.silent[at]) return { frames: 0, end: from };
  // Once begun, a pause goes on through frames a little above the pause level (a breath or a hum
  // that flickers across it), and through a blip under speech level that falls back into it (the
  // release of a final "l", a click of the lips): Festival's "the label | says" paused 230 ms with
  // such a blip 15 ms in, and "says" lit up at the blip, 233 ms early.
  const quiet = (i: number) => f.energyDb[i]! < f.silenceDb + PAUSE_HYSTERESIS_DB;
  let end = at;
  for (;;) {
    while (end < limit && quiet(end)) end++;
    let blip = end;
    while (blip < limit && blip - end < BLIP_FRAMES && !quiet(blip) && f.energyDb[blip]! < f.speechDb) blip++;
    if (blip === end || blip >= limit || !quiet(blip)) break;
    end = blip;
  }
  return { frames: end - at, end };
}

function findRefusal(
  section: AlignInput['section'],
  refWords: readonly WordTiming[],
  words: readonly RecordedWordTiming[],
  pace: number,
  costOver: (from: number, to: number) => number,
  ref: Features,
  rec: Features,
  path: WarpPath,
): AlignmentRefusal | undefined {
  const quote = (index: number) => {
    const sentence = section.sentences[index]!;
    const a = section.words[sentence.firstWord];
    const b = section.words[sentence.firstWord + sentence.wordCount - 1];
    return a && b ? section.text.slice(a.start, b.end) : '';
  };
  // Speech in the recording matched to a pause in the rendering, per reference gap between words.
  const extraBefore = extraSpeech(refWords, ref, rec, path);
  const spoken = section.sentences.filter((s) => s.wordCount > 0);
  const ratios = spoken.map((s) => costOver(refWords[s.firstWord]!.start, refWords[s.firstWord + s.wordCount - 1]!.end));
  const mean = ratios.reduce((a, b) => a + b, 0) / Math.max(1, ratios.length);
  for (const [n, sentence] of spoken.entries()) {
    const a = refWords[sentence.firstWord]!;
    const b = refWords[sentence.firstWord + sentence.wordCount - 1]!;
    const extra = extraBefore[sentence.firstWord]!;
    const ratio = ratios[n]!;
    const expected = (b.end - a.start) * pace;
    const got = words[sentence.firstWord + sentence.wordCount - 1]!.end - words[sentence.firstWord]!.start;
    const refuse = (reason: string): AlignmentRefusal => ({ sentence: sentence.index, quote: quote(sentence.index), reason });
    if (extra > EXTRA_SPEECH_SECONDS) return refuse(`the recording says about ${extra.toFixed(1)} s more than the text just before this sentence`);
    // Everything matches poorly: another paragraph, another section, another language.
    if (mean > SECTION_MISMATCH_RATIO && ratio > SECTION_MISMATCH_RATIO) return refuse(`the recording does not say this sentence (match ${percent(ratio)}, a reading of the text scores over ${percent(SECTION_MISMATCH_RATIO)}): another paragraph, section or language?`);
    if (expected > 0.6 && got < expected * SQUEEZED) return refuse(`this sentence is missing from the recording (it would take ${got.toFixed(1)} s where about ${expected.toFixed(1)} s was expected)`);
    if (expected > 0.6 && got > expected * STRETCHED) return refuse(`the recording takes ${got.toFixed(1)} s over this sentence where about ${expected.toFixed(1)} s was expected: something was added or repeated`);
    // A heading of two or three words is matched over a few dozen frames, whose mean wanders more.
    const slack = expected < SHORT_SENTENCE_SECONDS ? SHORT_SENTENCE_SLACK : 0;
    if (ratio - mean > SENTENCE_OUTLIER + slack || ratio > SENTENCE_MISMATCH_RATIO + slack) return refuse(`this sentence does not sound like the text here (match ${percent(ratio)}, the rest of the recording ${percent(mean)})`);
  }
  // Second pass, so that a skipped sentence is named rather than the one before it, which the
  // skip also disturbs: where the path stalls while both sides are speaking, it is not following.
  for (const sentence of spoken) {
    const a = refWords[sentence.firstWord]!;
    const b = refWords[sentence.firstWord + sentence.wordCount - 1]!;
    const stall = longestStall(path, ref, rec, Math.round(a.start / HOP_SECONDS), Math.round(b.end / HOP_SECONDS));
    if (stall > MAX_STALL_SECONDS) {
      return { sentence: sentence.index, quote: quote(sentence.index), reason: `for ${stall.toFixed(2)} s in this sentence the recording says something the text does not` };
    }
  }
  const tail = extraBefore[refWords.length]!;
  if (tail > EXTRA_SPEECH_SECONDS && section.sentences.length) {
    const lastSentence = section.sentences[section.sentences.length - 1]!;
    return { sentence: lastSentence.index, quote: quote(lastSentence.index), reason: `the recording goes on for about ${tail.toFixed(1)} s after the end of the text` };
  }
  return undefined;
}

/**
 * The longest run of path steps, within reference frames [from, to], that advance only one side while
 * both sides are speaking: reading the same words, the two voices move together (at most 0.17 s
 * apart, measured against Festival at 0.85–1.15 × speed); saying other words, one side waits.
 */
function longestStall(path: WarpPath, ref: Features, rec: Features, from: number, to: number): number {
  let longest = 0;
  let run = 0;
  for (let k = 1; k < path.ref.length; k++) {
    const i = path.ref[k]!;
    const j = path.rec[k]!;
    if (i < from || i > to) continue;
    const diagonal = i !== path.ref[k - 1]! && j !== path.rec[k - 1]!;
    if (diagonal || ref.energyDb[i]! <= ref.speechDb || rec.energyDb[j]! <= rec.speechDb) run = 0;
    else longest = Math.max(longest, ++run);
  }
  return longest * HOP_SECONDS;
}

/** Seconds of recorded speech matched to reference pauses before each word (and after the last). */
function extraSpeech(refWords: readonly WordTiming[], ref: Features, rec: Features, path: WarpPath): number[] {
  const wordAtFrame = new Int32Array(ref.frames).fill(refWords.length);
  let k = 0;
  for (let i = 0; i < ref.frames; i++) {
    while (k < refWords.length && i * HOP_SECONDS >= refWords[k]!.start) k++;
    // Frames before word k's start (after word k-1 started) count towards the gap before word k.
    wordAtFrame[i] = k;
  }
  const extra = Array.from({ length: refWords.length + 1 }, () => 0);
  // Count each recording frame once, against the reference frame it was first matched to.
  let previousRec = -1;
  for (let s = 0; s < path.ref.length; s++) {
    const i = path.ref[s]!;
    const j = path.rec[s]!;
    if (j === previousRec) continue;
    previousRec = j;
    if (ref.silent[i] && rec.energyDb[j]! > rec.speechDb) extra[wordAtFrame[i]!]! += HOP_SECONDS;
  }
  return extra;
}

function indexesAbove(values: Float32Array, threshold: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i]! > threshold) out.push(i);
  return out;
}

/** Frame distance relative to chance → 0…1: 0.45 of chance (a good match of two voices) or better is 1. */
function confidenceOf(ratio: number): number {
  return round(Math.max(0, Math.min(1, (0.95 - ratio) / 0.5)));
}

function percent(ratio: number): string {
  return `${Math.round(100 * (1 - ratio))} %`;
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
