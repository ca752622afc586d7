/**
 * One voice at a time: the handout read aloud, a glossary term's definition and the kiosk's own
 * prompts (self-voicing) must never talk over each other, or a patient who cannot see the screen
 * hears none of them. This is the only place those rules live:
 *
 * - the reading wins over prompts: the moment a section sounds, any prompt still speaking stops,
 *   whoever started the reading (Play, a tapped word, auto-advance, the keypad on a sentence);
 * - a term's card wins over the reading: while it is open (the visit's `explaining`) the reading
 *   pauses where it was, so the definition is heard alone; Play goes on from there;
 * - an announcement of where focus landed after a step (the keypad bridge) waits for neither: it is
 *   left out while the section is being read or a term explained.
 *
 * A prompt the patient asked for with a key or a touch (Help, an item reached) still speaks at once:
 * the patient chose to hear it. When the visit ends, so does any prompt of it.
 */
import { effect, type ReadonlySignal } from '@preact/signals';
import { isSpeaking, type Player } from './player';
import type { Prompter } from './prompter';

export interface OneVoice {
  /** Reads the section aloud, from a word if given, with no prompt left speaking over it. */
  read(fromWord?: number): void;
  /** Whether an announcement nobody asked for (where focus landed) may speak now. */
  mayAnnounce(): boolean;
  /** The visit is over: its prompt stops too, one still sounding or one waiting for its clips. */
  dispose(): void;
}

export interface OneVoiceDeps {
  prompter: Prompter;
  player: Player;
  /** A term's card is open and speaks its definition (the visit machine's `explaining`). */
  explaining: ReadonlySignal<boolean>;
}

export function createOneVoice({ prompter, player, explaining }: OneVoiceDeps): OneVoice {
  const stops = [
    effect(() => {
      if (player.status.value === 'playing') prompter.stop();
    }),
    effect(() => {
      if (explaining.value && isSpeaking(player.status.peek())) player.pause();
    }),
  ];
  return {
    read(fromWord) {
      // Also when the section is already sounding: its status does not change, so the effect would not.
      prompter.stop();
      player.play(fromWord);
    },
    mayAnnounce: () => !isSpeaking(player.status.peek()) && !explaining.peek(),
    dispose() {
      for (const stop of stops) stop();
      // The prompter outlives visits; what this visit had it say must not reach the next patient
      // (the idle warning's last "…in 1 second" in the last patient's language, over a fresh screen).
      prompter.stop();
    },
  };
}
