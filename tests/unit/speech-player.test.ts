// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { Section, SectionAudio } from '../../src/content/model';
import { createAudioPlayer } from '../../src/speech/audio-player';
import type { SectionAudioRef } from '../../src/speech/player';
import { createReadAloudPlayer } from '../../src/speech/read-aloud-player';
import { createSynthesisPlayer, type SynthesisApi } from '../../src/speech/synthesis-player';
import { createFramePacer } from '../../src/speech/frame-pacing';
import { createStartDelays } from '../../src/speech/start-delay';
import { indexAt, predictedAudioTime } from '../../src/speech/timeline';
import { fakeSounds, manualClock, settle } from '../helpers/fake-sound';

/** A section of four words in two sentences: "One two. Three four." */
function section(id: string, audio: Partial<SectionAudio> | null = {}): Section {
  const text = 'One two. Three four.';
  return {
    id,
    index: 0,
    text,
    heading: { start: 0, end: 8, firstSentence: 0, sentenceCount: 1 },
    blocks: [],
    sentences: [
      { index: 0, start: 0, end: 8, firstWord: 0, wordCount: 2 },
      { index: 1, start: 9, end: 20, firstWord: 2, wordCount: 2 },
    ],
    words: [
      { index: 0, start: 0, end: 3 },
      { index: 1, start: 4, end: 7 },
      { index: 2, start: 9, end: 14 },
      { index: 3, start: 15, end: 19 },
    ],
    audio:
      audio === null
        ? null
        : {
            src: [`/audio/${id}.webm`],
            duration: 4,
            wordStarts: [0.1, 0.6, 2.1, 2.8],
            sentenceStarts: [0.1, 2.1],
            ...audio,
          },
  };
}

const ref = (s: Section): SectionAudioRef => ({ lang: 'en', handoutId: 'h', section: s });

/**
 * Frames through a start, the sound still at its start position: longer than the start delay the
 * player expects before its first play (start-delay.ts) and the settling after it.
 */
const throughStart = (frames: ReturnType<typeof manualClock>) => {
  for (let i = 0; i < 10; i++) frames.frame();
};

function audioPlayer() {
  const sounds = fakeSounds();
  const frames = manualClock();
  const logged: string[] = [];
  const player = createAudioPlayer({ sounds: sounds.factory, clock: frames.clock, defaults: { rate: 1, volume: 0.8 }, log: (m) => logged.push(m) });
  return { player, sounds, frames, logged };
}

/** Section "a" playing, started and heard, its clock now at `time` s after one more frame. */
async function playingAt(time: number) {
  const { player, sounds, frames } = audioPlayer();
  player.load(ref(section('a')));
  player.play();
  await settle();
  const sound = sounds.made.get('/audio/a.webm')!;
  throughStart(frames);
  sound.time = time;
  frames.frame();
  return { player, sound, frames };
}

describe('indexAt', () => {
  it('finds the last start at or before a time', () => {
    const starts = [0.1, 0.6, 2.1, 2.8];
    expect(indexAt(starts, 0)).toBe(-1);
    expect(indexAt(starts, 0.1)).toBe(0);
    expect(indexAt(starts, 0.59)).toBe(0);
    expect(indexAt(starts, 1.5)).toBe(1);
    expect(indexAt(starts, 99)).toBe(3);
    expect(indexAt([], 1)).toBe(-1);
  });

  it('passes over zero-length words that share a start', () => {
    expect(indexAt([0, 1, 1, 2], 1.5)).toBe(2);
  });
});

describe('the audio player', () => {
  it('moves the highlight with the audio clock, frame by frame, and only when the word changes', async () => {
    const { player, sounds, frames } = audioPlayer();
    player.load(ref(section('a')));
    player.play();
    await settle();
    expect(player.status.value).toBe('playing');
    const sound = sounds.made.get('/audio/a.webm')!;
    const seen: number[] = [];
    const stop = player.currentWord.subscribe((w) => seen.push(w));
    throughStart(frames);
    for (const time of [0, 0.2, 0.3, 0.7, 0.9, 2.2, 2.9, 2.95]) {
      sound.time = time;
      frames.frame();
    }
    stop();
    expect(seen).toEqual([-1, 0, 1, 2, 3]);
    expect(player.currentSentence.value).toBe(1);
  });

  it('aims the highlight at the moment the frame reaches the screen, from the measured frame interval and speed', async () => {
    // Word 1 starts at 0.6 s. At 2x on a 30 Hz screen the frame drawn now is on the glass about
    // 33 ms from now and stays 33 ms: the player aims 50 ms of wall time (100 ms of audio) ahead.
    const at = async (hz: number, position: number, lateMs = 0) => {
      const { player, sounds, frames } = audioPlayer();
      player.setRate(2);
      player.load(ref(section('a')));
      player.play();
      await settle();
      const sound = sounds.made.get('/audio/a.webm')!;
      sound.time = 0.2;
      for (let i = 0; i < 60; i++) frames.frame({ gapMs: 1000 / hz });
      sound.time = position;
      frames.frame({ gapMs: 1000 / hz, lateMs });
      return player.currentWord.value;
    };
    expect(await at(30, 0.505)).toBe(1);
    expect(await at(30, 0.495)).toBe(0);
    // At 60 Hz the frame is on screen sooner: 25 ms of wall time, 50 ms of audio.
    expect(await at(60, 0.505)).toBe(0);
    expect(await at(60, 0.555)).toBe(1);
    expect(await at(60, 0.545)).toBe(0);
    // Read 10 ms into the frame, the frame is 10 ms nearer the screen.
    expect(await at(60, 0.555, 10)).toBe(0);
    expect(await at(60, 0.575, 10)).toBe(1);
  });

  it("predicts the audio time at the middle of the frame's time on screen", () => {
    expect(predictedAudioTime(1, 1, 1000, 1000, 16)).toBeCloseTo(1.024, 9);
    expect(predictedAudioTime(1, 2, 1000, 1004, 16)).toBeCloseTo(1.04, 9);
    expect(predictedAudioTime(1, 0.75, 1000, 1000, 8)).toBeCloseTo(1.009, 9);
    // A frame read after its vsync has passed is shown at once, never in the past.
    expect(predictedAudioTime(1, 1, 1000, 1030, 16)).toBeCloseTo(1.008, 9);
  });

  it('measures the frame interval, shrugging off one skipped frame', () => {
    const pacer = createFramePacer();
    let t = 0;
    let interval = 0;
    for (let i = 0; i < 40; i++) interval = pacer.frame((t += 1000 / 120));
    expect(interval).toBeCloseTo(1000 / 120, 1);
    interval = pacer.frame((t += 1000 / 30));
    expect(interval).toBeLessThan(11);
    pacer.reset();
    expect(pacer.frame((t += 500))).toBe(interval);
  });

  it('gives each word at least one frame, however short, and takes a seek at once', async () => {
    const { player, sounds, frames } = audioPlayer();
    player.setRate(2);
    player.load(ref(section('a', { wordStarts: [0.1, 0.6, 0.605, 0.61], sentenceStarts: [0.1, 0.605] })));
    player.play();
    await settle();
    const sound = sounds.made.get('/audio/a.webm')!;
    const seen: number[] = [];
    const stop = player.currentWord.subscribe((w) => seen.push(w));
    throughStart(frames);
    sound.time = 0.3;
    frames.frame();
    sound.time = 0.8;
    frames.frame();
    frames.frame();
    frames.frame();
    expect(player.currentSentence.value).toBe(1);
    sound.time = 0.0;
    frames.frame();
    stop();
    expect(seen).toEqual([-1, 0, 1, 2, 3, -1]);
  });

  it('lights the first word after Play on the frame it is heard in, once the device has shown its start delay', async () => {
    // The first word starts at 0. The sound is heard 120 ms after play() is asked for; until then the
    // element's clock holds 0, then reads 18 ms ahead of the sound (as Chromium's does).
    const sounds = fakeSounds();
    const frames = manualClock();
    const player = createAudioPlayer({ sounds: sounds.factory, clock: frames.clock, defaults: { rate: 1, volume: 1 }, log: () => {}, startDelays: createStartDelays() });
    player.load(ref(section('a', { wordStarts: [0, 0.6, 2.1, 2.8] })));
    let t = 0;
    /** Plays from the start at wall time `t` and returns how far (ms) the first word's frame is on the glass before it is heard. */
    const firstWordEarly = async () => {
      player.replaySection();
      await settle();
      const sound = sounds.made.get('/audio/a.webm')!;
      const asked = t;
      let shownAt: number | null = null;
      // A second of it, so the word kept on screen at the pause is the second one.
      for (let i = 0; i < 60; i++) {
        t += 1000 / 60;
        sound.time = t - asked < 25 ? 0 : Math.max(0.018, (t - asked - 120) / 1000);
        frames.frame();
        if (shownAt === null && player.currentWord.value === 0) shownAt = t + 1000 / 60;
      }
      player.pause();
      return asked + 120 - (shownAt as number);
    };
    // Before any start the player expects the reference machine's delay, 40 ms short of this device's.
    expect(await firstWordEarly()).toBeGreaterThan(30);
    // From the next start on, the word reaches the glass within half a frame of being heard.
    expect(Math.abs(await firstWordEarly())).toBeLessThanOrEqual(1000 / 120);
    expect(Math.abs(await firstWordEarly())).toBeLessThanOrEqual(1000 / 120);
  });

  it('keeps the word on screen until a tapped word is heard, never stepping back to the word before it', async () => {
    const { player, frames } = await playingAt(0.88);
    expect(player.currentWord.value).toBe(1);
    const seen: number[] = [];
    const stop = player.currentWord.subscribe((w) => seen.push(w));
    player.play(3);
    await settle();
    // The element's clock reads the tapped word's start at once, though nothing is heard for 80 ms.
    for (let i = 0; i < 12; i++) frames.frame();
    stop();
    expect(seen).toEqual([1, 3]);
  });

  it('plays from a tapped word by seeking to its start', async () => {
    const { player, sounds } = audioPlayer();
    player.load(ref(section('a')));
    player.play(2);
    await settle();
    const sound = sounds.made.get('/audio/a.webm')!;
    expect(sound.time).toBe(2.1);
    expect(sound.playing).toBe(true);
  });

  it('pauses and resumes where it was, with the highlight kept while paused', async () => {
    const { player, sound, frames } = await playingAt(0.7);
    player.pause();
    expect(player.status.value).toBe('paused');
    expect(sound.playing).toBe(false);
    expect(player.currentWord.value).toBe(1);
    expect(frames.waiting).toBe(0);
    player.play();
    await settle();
    expect(sound.time).toBe(0.7);
    expect(sound.playing).toBe(true);
  });

  it('replays the current sentence and the whole section', async () => {
    const { player, sounds, frames } = audioPlayer();
    player.load(ref(section('a')));
    player.play();
    await settle();
    const sound = sounds.made.get('/audio/a.webm')!;
    sound.time = 3;
    frames.frame();
    player.replaySentence();
    await settle();
    expect(sound.time).toBe(2.1);
    player.replaySection();
    await settle();
    expect(sound.time).toBe(0);
  });

  it('ends with the highlight cleared and plays again from the start', async () => {
    const { player, sounds } = audioPlayer();
    player.load(ref(section('a')));
    player.play();
    await settle();
    const sound = sounds.made.get('/audio/a.webm')!;
    sound.time = 4;
    sound.end();
    expect(player.status.value).toBe('ended');
    expect(player.currentWord.value).toBe(-1);
    expect(player.progress.value).toBe(1);
    player.play();
    await settle();
    expect(sound.time).toBe(0);
    expect(player.status.value).toBe('playing');
  });

  it('stops at once on navigation, and a sound that loads late does not start playing', async () => {
    const sounds = fakeSounds(false);
    const frames = manualClock();
    const player = createAudioPlayer({ sounds: sounds.factory, clock: frames.clock, defaults: { rate: 1, volume: 1 }, log: () => {} });
    player.load(ref(section('a')));
    player.play();
    await settle();
    expect(player.status.value).toBe('loading');
    player.load(ref(section('b')));
    sounds.made.get('/audio/a.webm')!.load();
    await settle();
    expect(sounds.made.get('/audio/a.webm')!.playing).toBe(false);
    expect(player.status.value).toBe('idle');
  });

  it('preloads the next section and releases sounds that are neither current nor next', async () => {
    const { player, sounds } = audioPlayer();
    player.load(ref(section('a')), ref(section('b')));
    await settle();
    expect([...sounds.made.keys()]).toEqual(['/audio/a.webm', '/audio/b.webm']);
    player.load(ref(section('b')), ref(section('c')));
    await settle();
    expect(sounds.made.get('/audio/a.webm')!.unloaded).toBe(true);
    expect(sounds.made.get('/audio/b.webm')!.unloaded).toBe(false);
    expect(sounds.made.size).toBe(3);
  });

  it('unloads every sound on dispose, and a disposed player loads and plays nothing more', async () => {
    const { player, sounds } = audioPlayer();
    player.load(ref(section('a')), ref(section('b')));
    await settle();
    player.dispose();
    await settle();
    expect([...sounds.made.values()].map((s) => s.unloaded)).toEqual([true, true]);
    // A caller that was still awaiting something when the visit ended.
    player.load(ref(section('c')));
    player.play();
    await settle();
    expect(sounds.made.size).toBe(2);
    expect(player.status.value).toBe('idle');
  });

  it('applies speed within 0.75x to 2x and volume with a reset to the default', async () => {
    const { player, sounds } = audioPlayer();
    player.load(ref(section('a')));
    await settle();
    const sound = sounds.made.get('/audio/a.webm')!;
    player.setRate(3);
    expect(player.rate.value).toBe(2);
    player.setRate(0.5);
    expect(player.rate.value).toBe(0.75);
    player.setVolume(0.3);
    await settle();
    expect(sound.rate).toBe(0.75);
    expect(sound.volume).toBe(0.3);
    player.resetVolume();
    expect(player.volume.value).toBe(0.8);
  });

  it('reports a file that will not load as an error instead of hanging', async () => {
    const sounds = fakeSounds(false);
    const frames = manualClock();
    const logged: string[] = [];
    const player = createAudioPlayer({ sounds: sounds.factory, clock: frames.clock, defaults: { rate: 1, volume: 1 }, log: (m) => logged.push(m) });
    player.load(ref(section('a')));
    await settle();
    sounds.made.get('/audio/a.webm')!.failToLoad('404');
    await settle();
    expect(player.status.value).toBe('error');
    expect(player.error.value).toBe('404');
    expect(logged).toEqual(['Audio unavailable: 404']);
    player.play();
    expect(player.status.value).toBe('error');
  });
});

function fakeSynthesis(voices: string[]) {
  const spoken: SpeechSynthesisUtterance[] = [];
  const api: SynthesisApi & { spoken: typeof spoken } = {
    spoken,
    speak: (u) => spoken.push(u),
    cancel: () => {
      spoken.length = 0;
    },
    getVoices: () => voices.map((lang) => ({ lang })),
    addEventListener: () => {},
    removeEventListener: () => {},
  };
  const createUtterance = (text: string) => ({ text }) as unknown as SpeechSynthesisUtterance;
  return { api, createUtterance };
}

describe('the speech synthesis fallback', () => {
  it('speaks one sentence per utterance and highlights from boundary events', () => {
    const { api, createUtterance } = fakeSynthesis(['en-US']);
    const player = createSynthesisPlayer({ synthesis: api, createUtterance, defaults: { rate: 1, volume: 1 } });
    player.load(ref(section('a', null)));
    player.play();
    expect(api.spoken.map((u) => u.text)).toEqual(['One two.', 'Three four.']);
    api.spoken[1]!.onstart?.({} as SpeechSynthesisEvent);
    expect(player.currentSentence.value).toBe(1);
    api.spoken[1]!.onboundary?.({ name: 'word', charIndex: 6 } as SpeechSynthesisEvent);
    expect(player.currentWord.value).toBe(3);
    api.spoken[1]!.onend?.({} as SpeechSynthesisEvent);
    expect(player.status.value).toBe('ended');
  });

  it('starts from a tapped word mid-sentence', () => {
    const { api, createUtterance } = fakeSynthesis(['en-GB']);
    const player = createSynthesisPlayer({ synthesis: api, createUtterance, defaults: { rate: 1, volume: 1 } });
    player.load(ref(section('a', null)));
    player.play(3);
    expect(api.spoken.map((u) => u.text)).toEqual(['four.']);
  });

  it('says it is unavailable where no voice speaks the language', () => {
    const { api, createUtterance } = fakeSynthesis(['fr-FR']);
    const player = createSynthesisPlayer({ synthesis: api, createUtterance, defaults: { rate: 1, volume: 1 } });
    player.load(ref(section('a', null)));
    expect(player.status.value).toBe('unavailable');
    player.play();
    expect(api.spoken).toEqual([]);
    expect(player.status.value).toBe('unavailable');
  });

  it('says it is unavailable where the browser has no speech synthesis at all', () => {
    const player = createSynthesisPlayer({ synthesis: undefined, createUtterance: undefined, defaults: { rate: 1, volume: 1 } });
    player.load(ref(section('a', null)));
    expect(player.status.value).toBe('unavailable');
  });
});

describe('the read-aloud player', () => {
  it('uses prepared audio where a section has it and the browser voice where it does not', async () => {
    const { player: audio, sounds } = audioPlayer();
    const { api, createUtterance } = fakeSynthesis(['en-US']);
    const synthesis = createSynthesisPlayer({ synthesis: api, createUtterance, defaults: { rate: 1, volume: 1 } });
    const player = createReadAloudPlayer(audio, synthesis);
    player.load(ref(section('a', null)));
    player.play();
    expect(api.spoken).toHaveLength(2);
    player.load(ref(section('b')));
    player.play();
    await settle();
    expect(sounds.made.get('/audio/b.webm')!.playing).toBe(true);
    expect(player.status.value).toBe('playing');
  });

  it('falls back to the browser voice when the audio file fails', async () => {
    const sounds = fakeSounds(false);
    const frames = manualClock();
    const audio = createAudioPlayer({ sounds: sounds.factory, clock: frames.clock, defaults: { rate: 1, volume: 1 }, log: () => {} });
    const synthesis = createSynthesisPlayer({ synthesis: undefined, createUtterance: undefined, defaults: { rate: 1, volume: 1 } });
    const player = createReadAloudPlayer(audio, synthesis);
    player.load(ref(section('a')));
    await settle();
    sounds.made.get('/audio/a.webm')!.failToLoad('truncated');
    await settle();
    expect(player.status.value).toBe('unavailable');
    expect(player.error.value).toBe('truncated');
  });
});
