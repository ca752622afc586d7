import { signal } from '@preact/signals';
import type { PlaybackStatus, Player, SectionAudioRef } from '../../src/speech/player';

/** A Player that records what it was asked to do, for tests of the screens and flow. */
export function createRecordingPlayer() {
  const calls: string[] = [];
  const status = signal<PlaybackStatus>('idle');
  const section = signal<SectionAudioRef | null>(null);
  const currentWord = signal(-1);
  const currentSentence = signal(-1);
  const progress = signal(0);
  const position = signal(0);
  const rate = signal(1);
  const volume = signal(0.8);
  const error = signal<string | null>(null);
  const player: Player = {
    status,
    section,
    currentWord,
    currentSentence,
    progress,
    position,
    rate,
    volume,
    error,
    load(ref, next) {
      section.value = ref;
      calls.push(`load ${ref.lang}/${ref.section.id}${next ? ` next ${next.section.id}` : ''}`);
      status.value = 'paused';
    },
    play(fromWord) {
      calls.push(fromWord === undefined ? 'play' : `play from ${fromWord}`);
      status.value = 'playing';
    },
    pause() {
      calls.push('pause');
      status.value = 'paused';
    },
    replaySection() {
      calls.push('replay section');
    },
    replaySentence() {
      calls.push('replay sentence');
    },
    setRate(next) {
      calls.push(`rate ${next}`);
      rate.value = next;
    },
    setVolume(next) {
      calls.push(`volume ${next}`);
      volume.value = next;
    },
    resetVolume() {
      calls.push('reset volume');
      volume.value = 0.8;
    },
    stop() {
      calls.push('stop');
      status.value = 'idle';
    },
    dispose() {
      calls.push('dispose');
    },
  };
  return { player, calls, status, currentWord, currentSentence };
}
