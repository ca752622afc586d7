import type { FrameClock } from '../../src/speech/frame-clock';
import type { Sound, SoundFactory } from '../../src/speech/sound';

/** A sound whose position the test sets, as the audio clock would move. */
export class FakeSound implements Sound {
  readonly ready: Promise<void>;
  time = 0;
  playing = false;
  rate = 1;
  volume = 1;
  unloaded = false;
  private endCallback?: () => void;
  private errorCallback?: (reason: string) => void;
  private settle!: { resolve: () => void; reject: (e: Error) => void };

  constructor(
    readonly src: string[],
    readonly length = 10,
  ) {
    this.ready = new Promise((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    this.ready.catch(() => {});
  }
  load() {
    this.settle.resolve();
  }
  failToLoad(reason: string) {
    this.settle.reject(new Error(reason));
  }
  end() {
    this.playing = false;
    this.endCallback?.();
  }
  breakWhilePlaying(reason: string) {
    this.playing = false;
    this.errorCallback?.(reason);
  }
  play() {
    this.playing = true;
  }
  pause() {
    this.playing = false;
  }
  position() {
    return this.time;
  }
  seek(seconds: number) {
    this.time = seconds;
  }
  setRate(rate: number) {
    this.rate = rate;
  }
  setVolume(volume: number) {
    this.volume = volume;
  }
  duration() {
    return this.length;
  }
  onEnd(callback: () => void) {
    this.endCallback = callback;
  }
  onError(callback: (reason: string) => void) {
    this.errorCallback = callback;
  }
  unload() {
    this.unloaded = true;
  }
}

/** Makes FakeSounds and keeps them by their first URL; `autoLoad` resolves them at once. */
export function fakeSounds(autoLoad = true) {
  const made = new Map<string, FakeSound>();
  const factory: SoundFactory = async (src) => {
    const sound = new FakeSound(src);
    made.set(src[0]!, sound);
    if (autoLoad) sound.load();
    return sound;
  };
  return { factory, made };
}

/**
 * Animation frames that run only when the test says so, on a clock the test moves: each frame starts
 * `intervalMs` after the last (60 Hz unless set), and `now` reads `lateMs` into the frame, as if the
 * frame's other work had taken that long.
 */
export function manualClock(intervalMs = 1000 / 60) {
  let next = 1;
  let frameTime = 0;
  let now = 0;
  const pending = new Map<number, (frameTime: number) => void>();
  const clock: FrameClock = {
    request(callback) {
      const handle = next++;
      pending.set(handle, callback);
      return handle;
    },
    cancel(handle) {
      pending.delete(handle);
    },
    now: () => now,
  };
  return {
    clock,
    /** Runs one frame: every callback requested before it. */
    frame({ gapMs = intervalMs, lateMs = 0 }: { gapMs?: number; lateMs?: number } = {}) {
      frameTime += gapMs;
      now = frameTime + lateMs;
      const due = [...pending.values()];
      pending.clear();
      for (const callback of due) callback(frameTime);
    },
    get waiting() {
      return pending.size;
    },
  };
}

/** Lets promise callbacks (sound creation, `ready`) run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
