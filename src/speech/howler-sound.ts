/**
 * The only module that imports howler.js. HTML5 mode, so speeds other than 1x keep the voice's pitch
 * (Web Audio mode would raise it); one Howl per section, unloaded when no longer current or next,
 * because html5 sounds share a pool of ten media elements. Only howler's public API is used.
 *
 * howler queues a call made while an html5 play() is pending and replays the queue when that play
 * settles, but for a play of ours it waits for an event that never comes (pause, seek, rate, volume
 * and stop all stay queued: issue #16 heard a section read to its end over the library). And it
 * replays a sound after a seek made while it plays, on a play of its own that this module cannot see.
 * So this module never calls howler while its own play is pending: calls made then wait here and run
 * in order once howler reports 'play' or 'playerror'; and a seek while playing is a pause, a seek and
 * a play of ours.
 *
 * That is also what keeps the media-element pool clean. howler's `unload()` removes the end listener
 * that `play()` puts on the element only if the sound was stopped first (it clears it after dropping
 * its reference to the element, goldfire/howler.js src/howler.core.js `unload`), and a `canplaythrough`
 * listener added by a play that waits for data is never removed. Either one, left on an element
 * handed to the next sound, piles up over a day (each holding a finished visit) and can play or end the
 * old sound on the new section's file. Releasing with `stop()` then `unload()`, and never while a play
 * is pending, leaves neither behind: the soak test (tests/browser/soak.test.ts) counts the listeners.
 */
import { Howl } from 'howler';
import type { Sound } from './sound';

export function createHowlerSound(src: string[]): Sound {
  let id: number | undefined;
  // Whether the kiosk wants this sound playing; a start that settles after a pause is paused again.
  let wanted = false;
  let released = false;
  // Where the sound is, as far as this module knows, while howler cannot be asked.
  let known = 0;
  let level = 1;
  // A play of ours that howler has not yet confirmed with 'play' or 'playerror'.
  let starting = false;
  const waiting: (() => void)[] = [];
  const whenSettled = (action: () => void) => {
    if (starting) waiting.push(action);
    else action();
  };
  const settle = () => {
    starting = false;
    // An action may start the sound again; the rest then wait for that start.
    for (let next = waiting.shift(); next; next = starting ? undefined : waiting.shift()) next();
  };

  let endCallback: (() => void) | undefined;
  let errorCallback: ((reason: string) => void) | undefined;
  let resolveReady: (() => void) | undefined;
  let rejectReady: ((error: Error) => void) | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  // A rejected `ready` that nobody awaits yet must not surface as an unhandled rejection.
  ready.catch(() => {});
  const fail = (reason: string) => {
    rejectReady?.(new Error(reason));
    errorCallback?.(reason);
  };

  const howl: Howl = new Howl({
    src,
    html5: true,
    preload: true,
    onload: () => resolveReady?.(),
    onloaderror: (_id, error) => {
      fail(`could not load ${src[0]}: ${String(error)}`);
      // A start waiting for data that will not come never settles otherwise.
      settle();
    },
    onplayerror: (_id, error) => {
      settle();
      // Autoplay not yet allowed: howler reports 'unlock' once the page has had a gesture.
      howl.once('unlock', () => {
        if (wanted && !released) start();
      });
      if (String(error).includes('decode')) fail(`could not play ${src[0]}: ${String(error)}`);
    },
    onplay: () => settle(),
    onend: () => endCallback?.(),
  });

  const start = () => {
    if (id !== undefined && howl.playing(id)) return;
    starting = true;
    id = id === undefined ? howl.play() : howl.play(id);
  };

  const seekNow = (seconds: number) => {
    known = seconds;
    if (id === undefined) return;
    const playing = howl.playing(id);
    if (playing) howl.pause(id);
    howl.seek(seconds, id);
    if (playing && wanted) start();
  };

  return {
    ready,
    play() {
      wanted = true;
      if (starting || released) return;
      if (id !== undefined || known === 0) {
        start();
        return;
      }
      // The first play makes the sound that a seek needs, so it starts muted and seeks once it plays.
      const from = known;
      howl.volume(0);
      start();
      whenSettled(() => {
        howl.volume(level);
        seekNow(from);
      });
    },
    pause() {
      wanted = false;
      whenSettled(() => {
        if (id !== undefined && !wanted) howl.pause(id);
      });
    },
    position() {
      if (id === undefined || starting) return known;
      const value = howl.seek(id);
      if (typeof value === 'number') known = value;
      return known;
    },
    seek(seconds) {
      known = seconds;
      whenSettled(() => seekNow(seconds));
    },
    setRate(rate) {
      whenSettled(() => howl.rate(rate));
    },
    setVolume(volume) {
      level = volume;
      whenSettled(() => howl.volume(volume));
    },
    duration: () => howl.duration(),
    onEnd(callback) {
      endCallback = callback;
    },
    onError(callback) {
      errorCallback = callback;
    },
    unload() {
      wanted = false;
      released = true;
      endCallback = undefined;
      errorCallback = undefined;
      whenSettled(() => {
        howl.stop();
        howl.unload();
      });
    },
  };
}
