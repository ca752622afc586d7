import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { scrollBehavior } from '../../ui/motion';

/** Keys that scroll the text by hand. */
const SCROLL_KEYS = new Set(['PageUp', 'PageDown', 'Home', 'End', 'ArrowUp', 'ArrowDown', 'Space']);

/**
 * Keeps the word being read in view, and stops doing so the moment the patient scrolls by hand
 * (they are reading ahead or back); `resume` follows the reading again.
 */
export function useFollowReading(scroller: { current: HTMLElement | null }) {
  const following = useSignal(true);

  useEffect(() => {
    const area = scroller.current;
    if (!area) return;
    const stop = () => {
      following.value = false;
    };
    const onKey = (event: KeyboardEvent) => {
      if (SCROLL_KEYS.has(event.code)) stop();
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
  }, []);

  /** Scrolls so the element sits in the upper middle of the text area, if it has left the band. */
  const keepInView = (element: HTMLElement, force = false) => {
    const area = scroller.current;
    if (!area || (!following.peek() && !force)) return;
    const box = element.getBoundingClientRect();
    const view = area.getBoundingClientRect();
    const top = view.top + view.height * 0.15;
    const bottom = view.top + view.height * 0.75;
    if (!force && box.top >= top && box.bottom <= bottom) return;
    area.scrollBy({ top: box.top - (view.top + view.height * 0.3), behavior: scrollBehavior() });
  };

  return {
    following,
    keepInView,
    resume(current: HTMLElement | null) {
      following.value = true;
      if (current) keepInView(current, true);
    },
  };
}
