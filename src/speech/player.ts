/**
 * What the reader needs from speech, whatever produces it (prepared audio, the browser's speech
 * synthesis, or nothing). Screens read these signals and call these methods; nothing else.
 */
import type { ReadonlySignal } from '@preact/signals';
import type { Section } from '../content/model';

export type PlaybackStatus = 'idle' | 'loading' | 'playing' | 'paused' | 'ended' | 'unavailable' | 'error';

export interface SectionAudioRef {
  lang: string;
  handoutId: string;
  section: Section;
}

export const MIN_RATE = 0.75;
export const MAX_RATE = 2;

export interface Player {
  readonly status: ReadonlySignal<PlaybackStatus>;
  /** The section loaded, or null. */
  readonly section: ReadonlySignal<SectionAudioRef | null>;
  /** Index into the section's words of the word being spoken, or -1. */
  readonly currentWord: ReadonlySignal<number>;
  /** Index into the section's sentences of the sentence being spoken, or -1. */
  readonly currentSentence: ReadonlySignal<number>;
  /** How far through the section, 0 to 1, in steps of half a percent. */
  readonly progress: ReadonlySignal<number>;
  /** Playback speed, 0.75 to 2. */
  readonly rate: ReadonlySignal<number>;
  /** Volume, 0 to 1. */
  readonly volume: ReadonlySignal<number>;
  /** What went wrong, for the log and the staff panel; the patient sees a plain message. */
  readonly error: ReadonlySignal<string | null>;
  /** Makes this section current (stopping any other); `next` is preloaded where the player can. */
  load(current: SectionAudioRef, next?: SectionAudioRef): void;
  /** Plays the current section: from a word if given, else from where it paused, or from the start. */
  play(fromWord?: number): void;
  pause(): void;
  /** From the start of the section. */
  replaySection(): void;
  /** From the start of the sentence being read (or the last one read). */
  replaySentence(): void;
  setRate(rate: number): void;
  setVolume(volume: number): void;
  resetVolume(): void;
  /** Stops at once and forgets the section: used by every navigation. */
  stop(): void;
  dispose(): void;
}

/** Reading aloud, or about to (its audio is on its way): the state nothing may talk over or call idle. */
export function isSpeaking(status: PlaybackStatus): boolean {
  return status === 'playing' || status === 'loading';
}

export function clampRate(rate: number): number {
  return Math.min(MAX_RATE, Math.max(MIN_RATE, Math.round(rate * 100) / 100));
}

export function clampVolume(volume: number): number {
  return Math.min(1, Math.max(0, Math.round(volume * 100) / 100));
}
