/**
 * An init script that records every media element the page plays (howler's are never in the DOM),
 * so tests can read the audio clock and check that nothing is left playing.
 */
export const RECORD_MEDIA = () => {
  const w = window as unknown as { __media: HTMLMediaElement[] };
  w.__media = [];
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
    if (!w.__media.includes(this)) w.__media.push(this);
    return play.call(this);
  };
};

/**
 * In the page: how many elements are playing a section's speech now. Self-voicing prompt clips are
 * named by a 16-digit hash; section audio by its section id.
 */
export const SPEECH_PLAYING = () =>
  (window as unknown as { __media: HTMLMediaElement[] }).__media.filter((m) => !m.paused && m.currentSrc.endsWith('.webm') && !/\/[0-9a-f]{16}-/.test(m.currentSrc)).length;

