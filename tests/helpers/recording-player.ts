/**
 * The kiosk's real player (prepared audio, then the browser's voice) over fake sounds, for tests of
 * the screens and flow. It records what it was asked to do, and, being the real thing, rounds and
 * clamps speed and volume, moves the highlight from the audio clock and fails over as the kiosk does.
 * Tests drive it as the audio would: `speakWord` moves the clock to a word, `finishSection` ends the
 * sound being played, and `sounds` reach each section's FakeSound to fail it.
 */
import { createAudioPlayer } from '../../src/speech/audio-player';
import type { Player } from '../../src/speech/player';
import { createReadAloudPlayer } from '../../src/speech/read-aloud-player';
import { createSynthesisPlayer } from '../../src/speech/synthesis-player';
import { fakeSounds, manualClock, settle } from './fake-sound';

export function createRecordingPlayer({ autoLoad = true }: { autoLoad?: boolean } = {}) {
  const calls: string[] = [];
  const sounds = fakeSounds(autoLoad);
  const frames = manualClock();
  const defaults = { rate: 1, volume: 0.8 };
  const audio = createAudioPlayer({ sounds: sounds.factory, clock: frames.clock, defaults, log: () => {} });
  // jsdom has no speech synthesis: a section whose audio fails is "unavailable", as on a kiosk with no voice.
  const real = createReadAloudPlayer(audio, createSynthesisPlayer({ synthesis: undefined, createUtterance: undefined, defaults }));
  const record =
    <A extends unknown[]>(describe: (...args: A) => string, act: (...args: A) => void) =>
    (...args: A) => {
      calls.push(describe(...args));
      act(...args);
    };

  const player: Player = {
    ...real,
    load: record(
      (ref, next) => `load ${ref.lang}/${ref.section.id}${next ? ` next ${next.section.id}` : ''}`,
      (ref, next) => real.load(ref, next),
    ),
    play: record(
      (fromWord?: number) => (fromWord === undefined ? 'play' : `play from ${fromWord}`),
      (fromWord) => real.play(fromWord),
    ),
    pause: record(
      () => 'pause',
      () => real.pause(),
    ),
    replaySection: record(
      () => 'replay section',
      () => real.replaySection(),
    ),
    replaySentence: record(
      () => 'replay sentence',
      () => real.replaySentence(),
    ),
    setRate: record(
      (rate: number) => `rate ${rate}`,
      (rate) => real.setRate(rate),
    ),
    setVolume: record(
      (volume: number) => `volume ${volume}`,
      (volume) => real.setVolume(volume),
    ),
    resetVolume: record(
      () => 'reset volume',
      () => real.resetVolume(),
    ),
    stop: record(
      () => 'stop',
      () => real.stop(),
    ),
    dispose: record(
      () => 'dispose',
      () => real.dispose(),
    ),
  };

  /** The fake sound of the section loaded, once the player has asked for it. */
  const currentSound = () => {
    const url = real.section.peek()?.section.audio?.src[0];
    const sound = url === undefined ? undefined : sounds.made.get(url);
    if (!sound) throw new Error(`no sound made for ${url ?? 'a section without audio'}`);
    return sound;
  };

  /** Lets a play that waits for its sound start, as it would a moment after the tap. */
  const untilPlaying = async () => {
    for (let i = 0; i < 10 && real.status.peek() !== 'playing'; i++) await settle();
    if (real.status.peek() !== 'playing') throw new Error(`the player is ${real.status.peek()}, not playing`);
  };

  return {
    player,
    calls,
    sounds: sounds.made,
    frame: () => frames.frame(),
    currentSound,
    untilPlaying,
    /** Plays if nothing plays, then moves the audio clock to the word's start and draws frames until it shows. */
    async speakWord(index: number) {
      if (real.status.peek() !== 'playing' && real.status.peek() !== 'loading') real.play();
      await untilPlaying();
      const sectionAudio = real.section.peek()?.section.audio;
      const start = sectionAudio?.wordStarts[index];
      if (!sectionAudio || start === undefined) throw new Error(`the section has no word ${index}`);
      // The player aims a frame and a half ahead of the clock (timeline.ts), so the clock is set that
      // far before the middle of the word.
      const middle = (start + (sectionAudio.wordStarts[index + 1] ?? sectionAudio.duration)) / 2;
      currentSound().seek(Math.max(0, middle - 0.025 * real.rate.peek()));
      // Right after Play the word waits for the sound, heard a start delay later (start-delay.ts): up to
      // 80 ms and the 60 ms the clock takes to settle before the first start has taught it the device's own.
      for (let i = 0; i < 20 && real.currentWord.peek() !== index; i++) frames.frame();
      if (real.currentWord.peek() !== index) throw new Error(`word ${real.currentWord.peek()} shows, not ${index}`);
    },
    /** The sound being played reaches its end. */
    async finishSection() {
      await untilPlaying();
      currentSound().end();
    },
  };
}
