import type { ScreenKeys } from '../screen-keys';

/**
 * The reader: Left and Right turn the page, as a swipe does, so a patient who cannot see the Next
 * button still moves through the handout; a sentence reached or chosen is read in the handout's own
 * voice, from the section audio, not described.
 */
export const READER_KEYS: ScreenKeys = {
  help: () => 'help.reader',
  step: (visit, forward) => (forward ? visit.nextSection() : visit.previousSection()),
  readItem(visit, voice, item) {
    const sentence = visit.section.peek()?.sentences[Number(item.dataset.sentence)];
    if (!sentence) return false;
    voice.read(sentence.firstWord);
    return true;
  },
};
