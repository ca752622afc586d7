import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { scrollBehavior } from '../../a11y/motion';

/** Keys that scroll the text by hand. */
const SCROLL_KEYS = new Set(['PageUp', 'PageDown', 'Home', 'End', 'ArrowUp', 'ArrowDown', 'Space']);

/**
 * Keeps the word being read in view, and stops doing so the moment the patient scrolls by hand
 * (they are reading ahead or back); `resume` follows the reading again.
 *
 * `reachTop` is the highest row a seated patient can touch (kiosk/reach.ts), in viewport pixels. On a
 * tall portrait panel most of the text sits above it; the line being read is kept below it instead,
 * so a patient in a wheelchair can touch a word there to hear the reading from it. Early lines get a
 * lead of empty space above the text to come down that far (scrolling alone cannot move them down).
 */
export function useFollowReading(scroller: { current: HTMLElement | null }, reachTop: () => number = () => 0) {
  const following = useSignal(true);

  useEffect(() => {
    const area = scroller.current;
    if (!area) return;
    const stop = () => {
      following.value = false;
    };
    const onKey = (event: KeyboardEvent) => {
      // A key the kiosk took as a keypad action (kiosk/lockdown prevents its default, so it scrolls
      // nothing) is the patient moving through the sentences, which the reading follows.
      if (SCROLL_KEYS.has(event.code) && !event.defaultPrevented) stop();
    };
    // Programmatic scrolling fires `scroll` too, so only the person's own gestures count.
    area.addEventListener('wheel', stop, { passive: true });
    area.addEventListener('touchmove', stop, { passive: true });
    area.addEventListener('keydown', onKey);
    return () => {
      area.removeEventListener('wheel', stop);
      area.removeEventListener('touchmove', stop);
      area.removeEventListener('keydown', onKey);
    };
    // oxlint-disable-next-line react-hooks/exhaustive-deps -- on mount only: `scroller` is the caller's ref and `following` a signal, both as long-lived as the component.
  }, []);

  /** Scrolls so the element sits in the upper middle of the reachable text, if it has left that band. */
  const keepInView = (element: HTMLElement, force = false) => {
    const area = scroller.current;
    if (!area || (!following.peek() && !force)) return;
    const box = element.getBoundingClientRect();
    const band = readingBand(area.getBoundingClientRect(), reachTop());
    const top = band.top + band.height * 0.15;
    const bottom = band.top + band.height * 0.75;
    if (!force && box.top >= top && box.bottom <= bottom) return;
    const by = box.top - (band.top + band.height * 0.3);
    const lead = Math.max(0, -(area.scrollTop + by));
    if (lead > 0) {
      area.style.setProperty('--reading-lead', `${readingLead(area) + lead}px`);
      area.scrollTo({ top: 0 });
      return;
    }
    area.scrollBy({ top: by, behavior: scrollBehavior() });
  };

  return {
    following,
    keepInView,
    /** A new section starts at its top with no lead. */
    restart() {
      scroller.current?.style.removeProperty('--reading-lead');
      scroller.current?.scrollTo({ top: 0 });
      following.value = true;
    },
    resume(current: HTMLElement | null) {
      following.value = true;
      if (current) keepInView(current, true);
    },
  };
}

/** Where the line being read is kept: the text area below the reach line, unless too little of it is. */
function readingBand(view: DOMRect, reachTop: number): { top: number; height: number } {
  const top = Math.max(view.top, reachTop);
  // Under four lines of text below the line would make the reading jump every line: use the whole area.
  return view.bottom - top < view.height * 0.2 ? { top: view.top, height: view.height } : { top, height: view.bottom - top };
}

function readingLead(area: HTMLElement): number {
  return parseFloat(area.style.getPropertyValue('--reading-lead')) || 0;
}
