/**
 * Self-voicing: the kiosk speaks the names of things for people who cannot see them. A prompt is a
 * list of short phrases ("Next", "button"); each is played from audio prepared by `npm run audio`
 * when there is some, else the whole prompt goes to the browser's voice, else it stays silent (the
 * screen still shows everything). Every new prompt interrupts the one before at once.
 */
import { signal, type ReadonlySignal } from '@preact/signals';

export interface PromptClips {
  /**
   * Fetches a language's clip list (once); resolves even when it cannot, so speech falls back.
   * Returns nothing when the list is already here, so a prompt starts in the same task.
   */
  load(lang: string): Promise<void> | void;
  /** URL of the prepared clip for this exact phrase in this language, if the audio build made one. */
  find(lang: string, phrase: string): string | undefined;
}

/** Clip lists loaded lazily per language from the build's prompt modules. */
export function createPromptClips(loaders: Record<string, () => Promise<Record<string, string>>>): PromptClips {
  const loaded = new Map<string, Record<string, string>>();
  const pending = new Map<string, Promise<void>>();
  return {
    load(lang) {
      if (loaded.has(lang)) return;
      let loading = pending.get(lang);
      if (!loading) {
        const loader = loaders[lang];
        loading = (loader ? loader() : Promise.resolve({}))
          .then((clips) => void loaded.set(lang, clips))
          .catch((error: unknown) => {
            console.warn(`Prompt clips for ${lang} could not load`, error);
            loaded.set(lang, {});
          });
        pending.set(lang, loading);
      }
      return loading;
    },
    find: (lang, phrase) => loaded.get(lang)?.[phrase],
  };
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
  let run = 0;
  const speakNow = (lang: string, words: string[]) => {
    const urls = words.map((phrase) => clips.find(lang, phrase));
    const found = urls.filter((url): url is string => url !== undefined);
    if (found.length === urls.length) void output.playClips(found, volume());
    // A phrase with no clip (a handout's own sentence): the browser's voice if it has one, else
    // whatever clips there are, which is better than silence.
    else if (!output.speak(words.join(', '), lang, volume())) void output.playClips(found, volume());
  };
  const say = (lang: string, phrases: string[]) => {
    output.stop();
    const mine = ++run;
    const words = phrases.map((p) => p.trim()).filter(Boolean);
    if (!words.length) return;
    last.value = { lang, phrases: words };
    // The first prompt in a language waits for its clip list (a small chunk); a newer prompt wins.
    const loading = clips.load(lang);
    if (!loading) speakNow(lang, words);
    else
      void loading.then(() => {
        if (mine === run) speakNow(lang, words);
      });
  };
  return {
    last,
    say,
    repeat() {
      const previous = last.peek();
      if (previous) say(previous.lang, previous.phrases);
    },
    stop() {
      run++;
      output.stop();
    },
  };
}
