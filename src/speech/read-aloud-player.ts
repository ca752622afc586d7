/**
 * The player the reader uses: prepared audio where a section has it, the browser's voice where it
 * does not or where the audio fails to load, and a plain "unavailable" where neither can speak.
 * Speed and volume are the visitor's, whichever voice is speaking.
 */
import { computed, effect, signal } from '@preact/signals';
import type { Player } from './player';

export function createReadAloudPlayer(audio: Player, synthesis: Player): Player {
  const active = signal<Player>(audio);
  const pick = <T>(read: (player: Player) => T) => computed(() => read(active.value));

  // A missing, truncated or undecodable file falls back to the browser's voice for that section.
  const stopWatching = effect(() => {
    if (active.value !== audio || audio.status.value !== 'error') return;
    const ref = audio.section.peek();
    if (!ref) return;
    synthesis.load(ref);
    active.value = synthesis;
  });

  return {
    status: pick((p) => p.status.value),
    section: pick((p) => p.section.value),
    currentWord: pick((p) => p.currentWord.value),
    currentSentence: pick((p) => p.currentSentence.value),
    progress: pick((p) => p.progress.value),
    rate: audio.rate,
    volume: audio.volume,
    error: computed(() => audio.error.value ?? synthesis.error.value),
    load(current, next) {
      audio.stop();
      synthesis.stop();
      if (current.section.audio) {
        active.value = audio;
        audio.load(current, next);
      } else {
        active.value = synthesis;
        synthesis.load(current);
        // Still preload the next section's audio if it has some.
        if (next?.section.audio) audio.load(next);
      }
    },
    play: (fromWord) => active.value.play(fromWord),
    pause: () => active.value.pause(),
    replaySection: () => active.value.replaySection(),
    replaySentence: () => active.value.replaySentence(),
    setRate(rate) {
      audio.setRate(rate);
      synthesis.setRate(rate);
    },
    setVolume(volume) {
      audio.setVolume(volume);
      synthesis.setVolume(volume);
    },
    resetVolume() {
      audio.resetVolume();
      synthesis.resetVolume();
    },
    stop() {
      audio.stop();
      synthesis.stop();
    },
    dispose() {
      stopWatching();
      audio.dispose();
      synthesis.dispose();
    },
  };
}
