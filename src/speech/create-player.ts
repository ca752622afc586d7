/** The kiosk's real player: prepared audio through howler (loaded on first use), then the browser's voice. */
import { createAudioPlayer } from './audio-player';
import { animationFrameClock } from './frame-clock';
import type { Player } from './player';
import { createReadAloudPlayer } from './read-aloud-player';
import type { StartDelays } from './start-delay';
import { createSynthesisPlayer } from './synthesis-player';

/** `startDelays` outlives the visit: the device's start delays are learned once, not per patient. */
export function createKioskPlayer(defaults: { rate: number; volume: number }, startDelays: StartDelays): Player {
  const audio = createAudioPlayer({
    // howler is fetched with the first section, not with the welcome screen.
    sounds: (src) => import('./howler-sound').then((m) => m.createHowlerSound(src)),
    clock: animationFrameClock,
    defaults,
    startDelays,
  });
  const hasSynthesis = typeof window !== 'undefined' && 'speechSynthesis' in window && typeof SpeechSynthesisUtterance !== 'undefined';
  const synthesis = createSynthesisPlayer({
    synthesis: hasSynthesis ? window.speechSynthesis : undefined,
    createUtterance: hasSynthesis ? (text) => new SpeechSynthesisUtterance(text) : undefined,
    defaults,
  });
  return createReadAloudPlayer(audio, synthesis);
}
