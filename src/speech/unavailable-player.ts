/**
 * The player used where no speech exists for a section: it says so (status `unavailable`), so the
 * reader can tell the patient on screen, and leaves the text fully usable.
 */
import { signal } from '@preact/signals';
import type { PlaybackStatus, Player } from './player';

export function createUnavailablePlayer(): Player {
  const status = signal<PlaybackStatus>('idle');
  const none = signal(-1);
  const progress = signal(0);
  return {
    status,
    currentWord: none,
    currentSentence: none,
    progress,
    load() {
      status.value = 'unavailable';
    },
    play() {
      status.value = 'unavailable';
    },
    pause() {},
    stop() {
      status.value = 'idle';
    },
    dispose() {
      status.value = 'idle';
    },
  };
}
