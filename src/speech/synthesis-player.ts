/**
 * The fallback for a section with no prepared audio: the browser's own speech synthesis, one
 * utterance per sentence so the sentence highlight works even where the voice sends no word
 * boundaries (Chromium on Linux and Android send none). Where no voice speaks the language at all,
 * it reports `unavailable` and the reader says so on screen.
 */
import { batch, signal } from '@preact/signals';
import type { Section } from '../content/model';
import { clampRate, clampVolume, type PlaybackStatus, type Player, type SectionAudioRef } from './player';
import { indexAt } from './timeline';

/** The parts of the Web Speech API used here, so tests can supply their own. */
export interface SynthesisApi {
  speak(utterance: SpeechSynthesisUtterance): void;
  cancel(): void;
  getVoices(): Pick<SpeechSynthesisVoice, 'lang'>[];
  addEventListener(type: 'voiceschanged', listener: () => void): void;
  removeEventListener(type: 'voiceschanged', listener: () => void): void;
}

export interface SynthesisPlayerOptions {
  synthesis: SynthesisApi | undefined;
  createUtterance: ((text: string) => SpeechSynthesisUtterance) | undefined;
  defaults: { rate: number; volume: number };
}

/** "zh-Hans" is spoken by a "zh-CN" voice; "pa" by "pa-IN". */
function voiceFor(synthesis: SynthesisApi, lang: string) {
  const wanted = lang.split('-')[0]?.toLowerCase();
  return synthesis.getVoices().find((voice) => voice.lang.split(/[-_]/)[0]?.toLowerCase() === wanted);
}

export function createSynthesisPlayer({ synthesis, createUtterance, defaults }: SynthesisPlayerOptions): Player {
  const status = signal<PlaybackStatus>('idle');
  const section = signal<SectionAudioRef | null>(null);
  const currentWord = signal(-1);
  const currentSentence = signal(-1);
  const progress = signal(0);
  const rate = signal(clampRate(defaults.rate));
  const volume = signal(clampVolume(defaults.volume));
  const error = signal<string | null>(null);
  let wordStarts: number[] = [];
  // A disposed player speaks no more: a late caller must not read to the next patient.
  let disposed = false;
  // Utterances from a cancelled run still fire events; only the latest run may change state.
  let run = 0;

  const availability = (): PlaybackStatus => {
    const ref = section.value;
    if (!ref) return 'idle';
    return synthesis && createUtterance && voiceFor(synthesis, ref.lang) ? 'idle' : 'unavailable';
  };
  const onVoicesChanged = () => {
    if (status.value === 'unavailable' || status.value === 'idle') status.value = availability();
  };
  synthesis?.addEventListener('voiceschanged', onVoicesChanged);

  const halt = () => {
    run++;
    synthesis?.cancel();
  };

  const speakFrom = (text: Section, fromSentence: number, fromChar?: number) => {
    const ref = section.value;
    if (!synthesis || !createUtterance || !ref) return;
    const voice = voiceFor(synthesis, ref.lang);
    if (!voice) {
      status.value = 'unavailable';
      return;
    }
    halt();
    const mine = run;
    const last = text.sentences.length - 1;
    for (const [i, sentence] of text.sentences.entries()) {
      if (i < fromSentence) continue;
      const begin = i === fromSentence && fromChar !== undefined ? Math.max(fromChar, sentence.start) : sentence.start;
      const utterance = createUtterance(text.text.slice(begin, sentence.end));
      utterance.lang = ref.lang;
      utterance.voice = voice as SpeechSynthesisVoice;
      utterance.rate = rate.value;
      utterance.volume = volume.value;
      utterance.onstart = () => {
        if (mine !== run) return;
        batch(() => {
          currentSentence.value = i;
          currentWord.value = -1;
          progress.value = Math.round((i / text.sentences.length) * 200) / 200;
        });
      };
      utterance.onboundary = (event) => {
        if (mine !== run || event.name === 'sentence') return;
        currentWord.value = indexAt(wordStarts, begin + event.charIndex);
      };
      utterance.onend = () => {
        if (mine !== run || i !== last) return;
        batch(() => {
          status.value = 'ended';
          currentWord.value = -1;
          currentSentence.value = -1;
          progress.value = 1;
        });
      };
      utterance.onerror = (event) => {
        if (mine !== run || event.error === 'interrupted' || event.error === 'canceled') return;
        batch(() => {
          error.value = `speech synthesis: ${event.error}`;
          status.value = 'error';
        });
      };
      synthesis.speak(utterance);
    }
    status.value = 'playing';
  };

  const stop = () => {
    halt();
    batch(() => {
      status.value = availability();
      currentWord.value = -1;
      currentSentence.value = -1;
      progress.value = 0;
    });
  };

  return {
    status,
    section,
    currentWord,
    currentSentence,
    progress,
    rate,
    volume,
    error,
    load(ref) {
      if (disposed) return;
      halt();
      wordStarts = ref.section.words.map((w) => w.start);
      batch(() => {
        section.value = ref;
        error.value = null;
        currentWord.value = -1;
        currentSentence.value = -1;
        progress.value = 0;
        status.value = availability();
      });
    },
    play(fromWord) {
      const ref = section.value;
      if (!ref) return;
      const text = ref.section;
      if (fromWord !== undefined) {
        const word = text.words[fromWord];
        const sentence = text.sentences.findIndex((s) => fromWord >= s.firstWord && fromWord < s.firstWord + s.wordCount);
        speakFrom(text, Math.max(0, sentence), word?.start);
      } else if (status.value === 'paused') {
        // Chromium's speechSynthesis.pause() is unreliable, so pausing cancels and play resumes
        // from the start of the sentence that was being read.
        speakFrom(text, Math.max(0, currentSentence.value));
      } else {
        speakFrom(text, 0);
      }
    },
    pause() {
      if (status.value !== 'playing') return;
      halt();
      status.value = 'paused';
    },
    replaySection() {
      const ref = section.value;
      if (ref) speakFrom(ref.section, 0);
    },
    replaySentence() {
      const ref = section.value;
      if (ref) speakFrom(ref.section, Math.max(0, currentSentence.value));
    },
    setRate(next) {
      rate.value = clampRate(next);
    },
    setVolume(next) {
      volume.value = clampVolume(next);
    },
    resetVolume() {
      volume.value = clampVolume(defaults.volume);
    },
    stop,
    dispose() {
      disposed = true;
      stop();
      section.value = null;
      synthesis?.removeEventListener('voiceschanged', onVoicesChanged);
    },
  };
}
