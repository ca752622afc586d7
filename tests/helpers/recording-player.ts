import { signal } from '@preact/signals';
import type { PlaybackStatus, Player, SectionAudioRef } from '../../src/speech/player';

/** A Player that records what it was asked to do, for tests of the screens and flow. */
export function createRecordingPlayer() {
  const calls: string[] = [];
  const status = signal<PlaybackStatus>('idle');
  const currentWord = signal(-1);
  const currentSentence = signal(-1);
  const progress = signal(0);
  let current: SectionAudioRef | null = null;
  const player: Player = {
    status,
    currentWord,
    currentSentence,
    progress,
    load(ref, next) {
      current = ref;
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
    stop() {
      calls.push('stop');
      status.value = 'idle';
    },
    dispose() {
      calls.push('dispose');
    },
  };
  return { player, calls, currentWord, currentSentence, current: () => current };
}
