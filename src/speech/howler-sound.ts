/**
 * The only module that imports howler.js. HTML5 mode, so speeds other than 1x keep the voice's pitch
 * (Web Audio mode would raise it); one Howl per section, unloaded when no longer current or next,
 * because html5 sounds share a pool of ten media elements.
 */
import { Howl, Howler } from 'howler';
import type { Sound } from './sound';

/** What of howler 2.2.4's private state `retire` touches (hence the exact version pin). */
interface HowlInternals {
  _sounds: { _node?: HTMLAudioElement & { _unlocked?: boolean } }[];
  /** Set while an html5 play() promise is pending. */
  _playLock?: boolean;
}
interface HowlerInternals {
  _html5AudioPool?: (HTMLAudioElement & { _unlocked?: boolean })[];
}

/**
 * Unloads a sound without handing its media element on. howler 2.2.4 returns an unloaded sound's
 * element to a pool for the next sound, but leaves two of the old sound's listeners on it: its
 * `ended` handler, and, when a play was waiting for the file to be ready, a `canplaythrough` handler
 * that plays the element for the old sound once whatever it then holds is ready. A soak run saw
 * both: listeners piling up on the pooled elements (each holding a finished visit), and old sounds'
 * handlers firing on elements that had since been given another section's file. So the element is
 * retired instead (collected once its silent source has loaded) and a fresh one takes its place.
 */
function retire(howl: Howl): void {
  let pooled = 0;
  for (const sound of (howl as unknown as HowlInternals)._sounds) {
    if (!sound._node?._unlocked) continue;
    sound._node._unlocked = false;
    pooled++;
  }
  howl.unload();
  const pool = (Howler as unknown as HowlerInternals)._html5AudioPool;
  for (let i = 0; pool && i < pooled; i++) pool.push(Object.assign(new Audio(), { _unlocked: true }));
}

export function createHowlerSound(src: string[]): Sound {
  let id: number | undefined;
  // A seek before the first play is kept and applied to the sound that play() creates.
  let pendingSeek = 0;
  let endCallback: (() => void) | undefined;
  let errorCallback: ((reason: string) => void) | undefined;
  let settle: { resolve: () => void; reject: (error: Error) => void } | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // A rejected `ready` that nobody awaits yet must not surface as an unhandled rejection.
  ready.catch(() => {});
  const fail = (reason: string) => {
    settle?.reject(new Error(reason));
    errorCallback?.(reason);
  };

  const howl = new Howl({
    src,
    html5: true,
    preload: true,
    onload: () => settle?.resolve(),
    onloaderror: (_id, error) => fail(`could not load ${src[0]}: ${String(error)}`),
    onplayerror: (_id, error) => {
      // Autoplay not yet allowed: howler plays once the page has had a gesture.
      howl.once('unlock', () => {
        if (id !== undefined) howl.play(id);
      });
      if (String(error).includes('decode')) fail(`could not play ${src[0]}: ${String(error)}`);
    },
    onend: () => endCallback?.(),
  });

  // Whether the kiosk wants this sound playing. howler 2.2.4 replays a sound after a seek made while it
  // played, once a pending html5 play() settles, even if it was paused in between: a word touched
  // and then Back pressed within those milliseconds left the handout talking over the library with
  // the reader's state "idle" (found by the soak's speech invariant, issue #16). howler emits 'seek'
  // right after that replay, so a sound the kiosk has paused is paused again there.
  let wanted = false;
  howl.on('seek', (soundId: number) => {
    if (!wanted) howl.pause(soundId);
  });

  return {
    ready,
    play() {
      wanted = true;
      if (id === undefined) {
        const from = pendingSeek;
        const level = howl.volume();
        // howler 2.2.4 drops a seek made while an html5 play() is still pending (its queue waits for
        // an event that never comes), so the first play starts muted and seeks once it is playing.
        if (from > 0) howl.volume(0);
        id = howl.play();
        if (from > 0) {
          const started = id;
          howl.once(
            'play',
            () => {
              howl.seek(from, started);
              howl.volume(level);
            },
            started,
          );
        }
      } else if (!howl.playing(id)) {
        howl.play(id);
      }
    },
    pause() {
      wanted = false;
      if (id === undefined) return;
      howl.pause(id);
      // A pause made while an html5 play() is pending goes into howler's queue, which then waits for a
      // 'pause' event that never comes: the sound plays on (the soak heard a section read to its end
      // over the library, issue #16). Pause again as soon as that play has started.
      if ((howl as unknown as HowlInternals)._playLock) {
        const pending = id;
        howl.once('play', () => {
          if (!wanted) howl.pause(pending);
        }, pending);
      }
    },
    position() {
      if (id === undefined) return pendingSeek;
      const value = howl.seek(id);
      return typeof value === 'number' ? value : 0;
    },
    seek(seconds) {
      if (id === undefined) pendingSeek = seconds;
      else howl.seek(seconds, id);
    },
    setRate(rate) {
      howl.rate(rate);
    },
    setVolume(volume) {
      howl.volume(volume);
    },
    duration: () => howl.duration(),
    onEnd(callback) {
      endCallback = callback;
    },
    onError(callback) {
      errorCallback = callback;
    },
    unload() {
      retire(howl);
    },
  };
}
