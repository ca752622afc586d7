/** The kiosk's real player: prepared audio through howler (loaded on first use), then the browser's voice. */
import { createAudioPlayer } from './audio-player';
import { animationFrameClock } from './frame-clock';
import type { Player } from './player';
import { createReadAloudPlayer } from './read-aloud-player';
import { createSynthesisPlayer } from './synthesis-player';

export function createKioskPlayer(defaults: { rate: number; volume: number }): Player {
  const audio = createAudioPlayer({
    // howler is fetched with the first section, not with the welcome screen.
    sounds: (src) => import('./howler-sound').then((m) => m.createHowlerSound(src)),
    clock: animationFrameClock,
    defaults,
  });
  const hasSynthesis = typeof window !== 'undefined' && 'speechSynthesis' in window && typeof SpeechSynthesisUtterance !== 'undefined';
  const synthesis = createSynthesisPlayer({
    synthesis: hasSynthesis ? window.speechSynthesis : undefined,
    createUtterance: hasSynthesis ? (text) => new SpeechSynthesisUtterance(text) : undefined,
    defaults,
  });
  return createReadAloudPlayer(audio, synthesis);
}
