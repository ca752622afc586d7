/**
 * Plays a section's prepared audio and follows it with the highlight. While audio plays, an
 * animation-frame loop reads the position, finds the word by binary search in the timings and sets
 * the word signal, which changes (and re-renders) only when the word does. Never `timeupdate`:
 * Chromium fires it four times a second, far too coarse for a word highlight.
 */
import { batch, signal } from '@preact/signals';
import type { SectionAudio } from '../content/model';
import { createAudioClock } from './audio-clock';
import type { FrameClock } from './frame-clock';
import { createFramePacer } from './frame-pacing';
import { clampRate, clampVolume, isSpeaking, type PlaybackStatus, type Player, type SectionAudioRef } from './player';
import type { Sound, SoundFactory } from './sound';
import type { StartDelays } from './start-delay';
import { indexAt, nextWordToShow, predictedAudioTime } from './timeline';

export interface AudioPlayerOptions {
  sounds: SoundFactory;
  clock: FrameClock;
  defaults: { rate: number; volume: number };
  /** Where a failure goes for staff to see; the patient sees only "audio unavailable". */
  log?: (message: string) => void;
  /** The device's start delays, learned across visits (start-delay.ts); a fresh estimate if none. */
  startDelays?: StartDelays;
}

interface Loaded {
  key: string;
  ref: SectionAudioRef;
  audio: SectionAudio;
  sound: Promise<Sound>;
}

const keyOf = (ref: SectionAudioRef) => `${ref.lang}/${ref.handoutId}/${ref.section.id}`;

export function createAudioPlayer({ sounds, clock, defaults, log = console.warn, startDelays }: AudioPlayerOptions): Player {
  const status = signal<PlaybackStatus>('idle');
  const section = signal<SectionAudioRef | null>(null);
  const currentWord = signal(-1);
  const currentSentence = signal(-1);
  const progress = signal(0);
  const rate = signal(clampRate(defaults.rate));
  const volume = signal(clampVolume(defaults.volume));
  const error = signal<string | null>(null);

  /** At most two sounds live: the current section's and the next one's (preloaded). */
  const cache = new Map<string, Promise<Sound>>();
  let current: Loaded | null = null;
  let sound: Sound | null = null;
  let frame: number | null = null;
  const pacer = createFramePacer();
  const audioClock = createAudioClock(startDelays);
  // Where the sound was last started from: until it is heard there, the highlight stays as it was.
  let heldFrom = Number.NEGATIVE_INFINITY;
  // Bumped on every load and stop, so a sound that finishes loading late cannot act on a newer state.
  let generation = 0;
  // A disposed player loads nothing more: a late caller would create sounds nobody releases.
  let disposed = false;

  const soundFor = (key: string, audio: SectionAudio): Promise<Sound> => {
    let pending = cache.get(key);
    if (!pending) {
      pending = sounds(audio.src).then((created) => {
        created.setRate(rate.value);
        created.setVolume(volume.value);
        created.onEnd(() => {
          if (sound === created) finish();
        });
        created.onError((reason) => {
          if (sound === created) fail(reason);
        });
        return created;
      });
      // Failures are reported where the sound is used; this keeps an unused preload quiet.
      pending.catch(() => {});
      cache.set(key, pending);
    }
    return pending;
  };

  const release = (keep: ReadonlySet<string>) => {
    for (const [key, pending] of cache) {
      if (keep.has(key)) continue;
      cache.delete(key);
      void pending.then(
        (s) => s.unload(),
        () => {},
      );
    }
  };

  const stopLoop = () => {
    if (frame !== null) clock.cancel(frame);
    frame = null;
    pacer.reset();
    audioClock.reset();
  };

  const follow = (frameTime: number) => {
    frame = null;
    if (!current || !sound || status.value !== 'playing') return;
    const { audio } = current;
    const interval = pacer.frame(frameTime);
    const now = clock.now();
    const time = predictedAudioTime(audioClock.read(sound.position(), now, rate.value), rate.value, frameTime, now, interval);
    if (time < heldFrom) {
      // Not heard yet when this frame is shown: lighting the start's word now would be early.
      frame = clock.request(follow);
      return;
    }
    // The first word heard after a start is where the sound went: shown at once, not walked to.
    const heard = indexAt(audio.wordStarts, time);
    const word = heldFrom > Number.NEGATIVE_INFINITY ? heard : nextWordToShow(currentWord.value, heard);
    heldFrom = Number.NEGATIVE_INFINITY;
    // The sentence follows the word shown, so the underline and the ring never disagree.
    const sentence = word >= 0 ? indexAt(audio.sentenceStarts, audio.wordStarts[word] as number) : indexAt(audio.sentenceStarts, time);
    const share = audio.duration > 0 ? Math.min(1, Math.max(0, time / audio.duration)) : 0;
    batch(() => {
      currentWord.value = word;
      currentSentence.value = sentence;
      progress.value = Math.round(share * 200) / 200;
    });
    frame = clock.request(follow);
  };

  const startLoop = () => {
    if (frame === null) frame = clock.request(follow);
  };

  const clearHighlight = () => {
    currentWord.value = -1;
    currentSentence.value = -1;
  };

  const fail = (reason: string) => {
    stopLoop();
    log(`Audio unavailable: ${reason}`);
    batch(() => {
      error.value = reason;
      status.value = 'error';
      clearHighlight();
    });
  };

  const finish = () => {
    stopLoop();
    batch(() => {
      status.value = 'ended';
      clearHighlight();
      progress.value = 1;
    });
  };

  /** Plays from `from` seconds (or where it is) once the sound is ready. */
  const start = (from?: number) => {
    const loaded = current;
    if (!loaded) return;
    const mine = generation;
    if (!sound) status.value = 'loading';
    loaded.sound
      .then((ready) =>
        ready.ready.then(() => {
          if (mine !== generation || current !== loaded) return;
          sound = ready;
          if (from !== undefined) ready.seek(from);
          heldFrom = from ?? ready.position();
          audioClock.start(heldFrom, clock.now(), rate.value);
          ready.play();
          status.value = 'playing';
          startLoop();
        }),
      )
      .catch((reason: unknown) => {
        if (mine === generation && current === loaded) fail(String(reason instanceof Error ? reason.message : reason));
      });
  };

  const stop = () => {
    generation++;
    stopLoop();
    sound?.pause();
    sound?.seek(0);
    batch(() => {
      status.value = 'idle';
      clearHighlight();
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
    load(ref, next) {
      if (disposed) return;
      stop();
      sound = null;
      const audio = ref.section.audio;
      const keep = new Set<string>();
      batch(() => {
        section.value = ref;
        error.value = null;
        status.value = audio ? 'idle' : 'unavailable';
      });
      if (audio) {
        const key = keyOf(ref);
        keep.add(key);
        current = { key, ref, audio, sound: soundFor(key, audio) };
        const mine = generation;
        current.sound
          .then((s) => s.ready)
          .then(
            () => {},
            (reason: unknown) => {
              if (mine === generation) fail(String(reason instanceof Error ? reason.message : reason));
            },
          );
      } else {
        current = null;
      }
      if (next?.section.audio) {
        const nextKey = keyOf(next);
        keep.add(nextKey);
        // Made ahead of time; a failure to load shows when the section is played.
        soundFor(nextKey, next.section.audio).catch(() => {});
      }
      release(keep);
    },
    play(fromWord) {
      if (!current) return;
      const { audio } = current;
      if (fromWord !== undefined) {
        start(audio.wordStarts[Math.min(Math.max(fromWord, 0), audio.wordStarts.length - 1)] ?? 0);
      } else if (status.value === 'ended') {
        start(0);
      } else if (status.value === 'error') {
        return;
      } else {
        start();
      }
    },
    pause() {
      if (!isSpeaking(status.value)) return;
      generation++;
      stopLoop();
      sound?.pause();
      status.value = 'paused';
    },
    replaySection() {
      if (current) start(0);
    },
    replaySentence() {
      if (!current) return;
      const { audio } = current;
      const position = sound?.position() ?? 0;
      const sentence = Math.max(0, currentSentence.value >= 0 ? currentSentence.value : indexAt(audio.sentenceStarts, position));
      start(audio.sentenceStarts[sentence] ?? 0);
    },
    setRate(next) {
      rate.value = clampRate(next);
      for (const pending of cache.values())
        void pending.then(
          (s) => s.setRate(rate.value),
          () => {},
        );
    },
    setVolume(next) {
      volume.value = clampVolume(next);
      for (const pending of cache.values())
        void pending.then(
          (s) => s.setVolume(volume.value),
          () => {},
        );
    },
    resetVolume() {
      this.setVolume(defaults.volume);
    },
    stop,
    dispose() {
      disposed = true;
      stop();
      current = null;
      sound = null;
      section.value = null;
      release(new Set());
    },
  };
}
