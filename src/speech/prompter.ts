/**
 * Self-voicing: the kiosk speaks the names of things for people who cannot see them. A prompt is a
 * list of short phrases ("Next", "button"); each is played from audio prepared by `npm run audio`
 * when there is some, else the whole prompt goes to the browser's voice, else it stays silent (the
 * screen still shows everything). Every new prompt interrupts the one before at once.
 */
import { signal, type ReadonlySignal } from '@preact/signals';

export interface PromptClips {
  /** URL of the prepared clip for this exact phrase in this language, if the audio build made one. */
  find(lang: string, phrase: string): string | undefined;
}

export interface PromptOutput {
  /** Plays clips one after another; resolves when done or interrupted. */
  playClips(urls: string[], volume: number): Promise<void>;
  speak(text: string, lang: string, volume: number): boolean;
  stop(): void;
}

export interface Prompter {
  /** The last prompt, so Help can repeat it. */
  readonly last: ReadonlySignal<{ lang: string; phrases: string[] } | null>;
  say(lang: string, phrases: string[]): void;
  repeat(): void;
  stop(): void;
}

export function createPrompter(clips: PromptClips, output: PromptOutput, volume: () => number): Prompter {
  const last = signal<{ lang: string; phrases: string[] } | null>(null);
  const say = (lang: string, phrases: string[]) => {
    output.stop();
    const words = phrases.map((p) => p.trim()).filter(Boolean);
    if (!words.length) return;
    last.value = { lang, phrases: words };
    const urls = words.map((phrase) => clips.find(lang, phrase));
    if (urls.every((url): url is string => url !== undefined)) {
      void output.playClips(urls, volume());
    } else {
      output.speak(words.join(', '), lang, volume());
    }
  };
  return {
    last,
    say,
    repeat() {
      const previous = last.peek();
      if (previous) say(previous.lang, previous.phrases);
    },
    stop: () => output.stop(),
  };
}
