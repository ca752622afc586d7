/** Where prompts are heard: short prepared clips through a media element, else the browser's voice. */
import type { PromptOutput } from './prompter';

export function createPromptOutput(): PromptOutput {
  const audio = typeof Audio === 'function' ? new Audio() : null;
  let run = 0;
  const synthesis = typeof speechSynthesis !== 'undefined' ? speechSynthesis : undefined;
  return {
    async playClips(urls, volume) {
      if (!audio) return;
      const mine = ++run;
      for (const url of urls) {
        if (mine !== run) return;
        audio.src = url;
        audio.volume = volume;
        try {
          await audio.play();
          await new Promise<void>((resolve) => {
            audio.onended = () => resolve();
            audio.onpause = () => resolve();
            audio.onerror = () => resolve();
          });
        } catch {
          return;
        }
      }
    },
    speak(text, lang, volume) {
      run++;
      if (!synthesis || typeof SpeechSynthesisUtterance === 'undefined') return false;
      const wanted = lang.split('-')[0];
      const voice = synthesis.getVoices().find((v) => v.lang.split(/[-_]/)[0] === wanted);
      if (!voice) return false;
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = lang;
      utterance.voice = voice;
      utterance.volume = volume;
      synthesis.speak(utterance);
      return true;
    },
    stop() {
      run++;
      audio?.pause();
      synthesis?.cancel();
    },
  };
}
