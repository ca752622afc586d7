import { useRef } from 'preact/hooks';
import type { TextDirection } from '../../content/model';

const MIN_DISTANCE = 120; // CSS px: well past a tap that wobbles, short of a deliberate scroll
const MAX_SLOPE = 0.6; // mostly sideways, so vertical scrolling never changes section

/**
 * Horizontal swipe between sections. In a right-to-left language the pages run the other way, so a
 * swipe to the right goes forward there.
 */
export function useSwipe(dir: TextDirection, onForward: () => void, onBack: () => void) {
  const start = useRef<{ x: number; y: number; id: number } | null>(null);
  return {
    onPointerDown(event: PointerEvent) {
      if (event.pointerType === 'mouse' && event.button !== 0) return;
      start.current = { x: event.clientX, y: event.clientY, id: event.pointerId };
    },
    onPointerUp(event: PointerEvent) {
      const from = start.current;
      start.current = null;
      if (!from || from.id !== event.pointerId) return;
      const dx = event.clientX - from.x;
      const dy = event.clientY - from.y;
      if (Math.abs(dx) < MIN_DISTANCE || Math.abs(dy) > Math.abs(dx) * MAX_SLOPE) return;
      const leftward = dx < 0;
      if (leftward === (dir === 'ltr')) onForward();
      else onBack();
    },
    onPointerCancel() {
      start.current = null;
    },
  };
}
