/**
 * One loaded piece of audio, as the audio player needs it. The howler adapter (howler-sound.ts) is
 * the real one; tests use a fake with a hand-driven position.
 */
export interface Sound {
  /** Resolves when the audio can play; rejects with a reason when it cannot be loaded or decoded. */
  readonly ready: Promise<void>;
  play(): void;
  pause(): void;
  /** Current position in seconds of audio. Cheap: called on every animation frame. */
  position(): number;
  seek(seconds: number): void;
  setRate(rate: number): void;
  setVolume(volume: number): void;
  duration(): number;
  onEnd(callback: () => void): void;
  onError(callback: (reason: string) => void): void;
  /** Releases the media element back to the pool. */
  unload(): void;
}

export type SoundFactory = (src: string[]) => Promise<Sound>;
