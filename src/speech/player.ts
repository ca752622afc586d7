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

export interface Player {
  readonly status: ReadonlySignal<PlaybackStatus>;
  /** Index into the section's words of the word being spoken, or -1. */
  readonly currentWord: ReadonlySignal<number>;
  /** Index into the section's sentences of the sentence being spoken, or -1. */
  readonly currentSentence: ReadonlySignal<number>;
  /** How far through the section, 0 to 1. */
  readonly progress: ReadonlySignal<number>;
  /** Makes this section current (stopping any other); `next` is preloaded where the player can. */
  load(current: SectionAudioRef, next?: SectionAudioRef): void;
  /** Plays the current section, from a word if given. */
  play(fromWord?: number): void;
  pause(): void;
  /** Stops at once and forgets the section: used by every navigation. */
  stop(): void;
  dispose(): void;
}
