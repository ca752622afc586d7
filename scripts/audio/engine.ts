/**
 * The one bridge to eSpeak NG (the Emscripten build on npm). GPL-3.0: it runs here, at build time
 * only, and nothing under src/ may import it; the audio it makes is not covered by its licence.
 */
import { createRequire } from 'node:module';

/** One engine event, as the engine reports it (positions are 1-based code points of the text sent). */
export interface EngineEvent {
  type: 'word' | 'phoneme' | 'sentence' | 'end' | 'mark' | 'play' | 'msg_terminated' | 'samplerate' | 'list_terminated';
  textPosition: number;
  /** For word events: the engine's idea of the word's length in code points (wrong for Chinese). */
  wordLength: number;
  /** Milliseconds from the start of the audio. */
  audioPosition: number;
  /** Phoneme events: the IPA symbol, "" for a pause. Word and sentence events: their number. */
  id?: string | number;
}

export interface Synthesis {
  samples: Int16Array;
  sampleRate: number;
  events: EngineEvent[];
}

export interface SpeechEngine {
  /** e.g. "eSpeak NG (@echogarden/espeak-ng-emscripten 0.3.5)", recorded in the manifest. */
  readonly name: string;
  hasVoice(voice: string): boolean;
  /** Every name `hasVoice` accepts, lower case (the audio build's worker pool sends it to the main thread). */
  voices?(): string[];
  /** `maxSeconds`: stop once this much speech is made (the rest of the text is not spoken). */
  synthesize(text: string, settings: { voice: string; wordsPerMinute: number; maxSeconds?: number }): Synthesis;
  /**
   * Starts over from a fresh engine, so that what it makes next does not depend on what it made
   * before. eSpeak NG carries state from one utterance to the next (the same text twice in a row
   * gives different samples), so a section's bytes would depend on which sections the same engine
   * made before it: on the order, the worker, and what an incremental run happened to redo.
   */
  reset?(): Promise<void>;
}

export const ENGINE_SAMPLE_RATE = 22_050;

export class UnknownVoiceError extends Error {
  constructor(readonly voice: string) {
    super(`eSpeak NG has no voice "${voice}"`);
  }
}

interface RawEvent {
  type: EngineEvent['type'];
  text_position: number;
  word_length: number;
  audio_position: number;
  id?: string | number;
}

interface Worker {
  set_voice(name: string): number;
  set_rate(wpm: number): void;
  synthesize(text: string, callback: (samples: Int16Array, events: RawEvent[]) => number | boolean): void;
  list_voices(): { identifier: string; languages: { name: string }[] }[];
}

let loading: Promise<SpeechEngine> | undefined;

/**
 * Starts the engine once per thread (~100–300 ms, ~85 MB) and hands out the same one after: the audio
 * build's pool (pool.ts) has one per worker thread.
 */
export function loadEngine(): Promise<SpeechEngine> {
  loading ??= start();
  return loading;
}

async function start(): Promise<SpeechEngine> {
  const { default: init } = (await import('@echogarden/espeak-ng-emscripten')) as unknown as {
    default: () => Promise<{ eSpeakNGWorker: new () => Worker }>;
  };
  // A new module instance is a new engine (~0.2–0.5 s): creating another eSpeakNGWorker in the same
  // instance shares its state.
  const instance = async () => new (await init()).eSpeakNGWorker();
  let worker = await instance();
  const version = (createRequire(import.meta.url)('@echogarden/espeak-ng-emscripten/package.json') as { version: string }).version;
  const known = new Set<string>();
  for (const voice of worker.list_voices()) {
    known.add(voice.identifier.toLowerCase());
    known.add(voice.identifier.slice(voice.identifier.lastIndexOf('/') + 1).toLowerCase());
    for (const language of voice.languages) known.add(language.name.toLowerCase());
  }
  let currentVoice = '';
  let used = false;
  return {
    name: `eSpeak NG (@echogarden/espeak-ng-emscripten ${version})`,
    hasVoice: (voice) => known.has(voice.toLowerCase()),
    voices: () => [...known],
    async reset() {
      if (!used) return;
      worker = await instance();
      currentVoice = '';
      used = false;
    },
    synthesize(text, { voice, wordsPerMinute, maxSeconds = Infinity }) {
      if (voice !== currentVoice) {
        if (!known.has(voice.toLowerCase()) || worker.set_voice(voice) !== 0) throw new UnknownVoiceError(voice);
        currentVoice = voice;
      }
      used = true;
      worker.set_rate(wordsPerMinute);
      const chunks: Int16Array[] = [];
      const events: EngineEvent[] = [];
      const limit = maxSeconds * ENGINE_SAMPLE_RATE;
      let made = 0;
      worker.synthesize(text, (samples, raw) => {
        // eSpeak NG's callback convention: 1 stops the synthesis.
        if (made >= limit) return 1;
        chunks.push(samples);
        made += samples.length;
        for (const e of raw) {
          events.push({
            type: e.type,
            textPosition: e.text_position,
            wordLength: e.word_length,
            audioPosition: e.audio_position,
            ...(e.id === undefined ? {} : { id: e.id }),
          });
        }
        return 0;
      });
      const length = chunks.reduce((n, c) => n + c.length, 0);
      const samples = new Int16Array(length);
      let at = 0;
      for (const chunk of chunks) {
        samples.set(chunk, at);
        at += chunk.length;
      }
      return { samples, sampleRate: ENGINE_SAMPLE_RATE, events };
    },
  };
}
