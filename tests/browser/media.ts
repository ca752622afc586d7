/**
 * An init script that records every media element the page plays (howler's are never in the DOM),
 * so tests can read the audio clock and check that nothing is left playing.
 */
export const RECORD_MEDIA = () => {
  // Weakly held: a recorder that kept every element a long run has used would itself look like a
  // leak. A playing element is never collected, so nothing a test looks for can go missing.
  const seen = new WeakSet<HTMLMediaElement>();
  const refs: WeakRef<HTMLMediaElement>[] = [];
  Object.defineProperty(window, '__media', {
    get: () => refs.map((ref) => ref.deref()).filter((m): m is HTMLMediaElement => m !== undefined),
  });
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
    if (!seen.has(this)) {
      seen.add(this);
      for (let i = refs.length - 1; i >= 0; i--) if (!refs[i]!.deref()) refs.splice(i, 1);
      refs.push(new WeakRef(this));
    }
    return play.call(this);
  };
};

/**
 * In the page: how many elements are playing a section's speech now. Self-voicing prompt clips are
 * named by a 16-digit hash; section audio by its section id.
 */
export const SPEECH_PLAYING = () =>
  (window as unknown as { __media: HTMLMediaElement[] }).__media.filter((m) => !m.paused && m.currentSrc.endsWith('.webm') && !/\/[0-9a-f]{16}-/.test(m.currentSrc)).length;
