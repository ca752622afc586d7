import { createAudioPlayer } from '../../src/speech/audio-player';
import type { Player } from '../../src/speech/player';
import { createReadAloudPlayer } from '../../src/speech/read-aloud-player';
import { createSynthesisPlayer } from '../../src/speech/synthesis-player';
import { manualClock } from './fake-sound';

/**
 * The kiosk's real player where every audio file fails to load (as a 404 would) and the browser has
 * no voice: what jsdom can offer, and the worst case a kiosk can meet.
 */
export function playerWithMissingAudio(): Player {
  const defaults = { rate: 1, volume: 0.8 };
  const audio = createAudioPlayer({
    sounds: () => Promise.reject(new Error('404 Not Found')),
    clock: manualClock().clock,
    defaults,
    log: () => {},
  });
  return createReadAloudPlayer(audio, createSynthesisPlayer({ synthesis: undefined, createUtterance: undefined, defaults }));
}
