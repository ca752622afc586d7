/**
 * A press held still for `ms` on one element: the hidden way into the staff panel. Ordinary taps,
 * a finger that slides away or a second finger never trigger it, and it needs no visible control
 * (a patient should not find a button that leads nowhere they can use).
 */
import type { HTMLAttributes } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export const STAFF_HOLD_MS = 3000;
/** How far a held finger may drift, in CSS px, and still count as held still. */
const DRIFT = 24;

export type LongPressHandlers = Pick<HTMLAttributes<HTMLElement>, 'onPointerDown' | 'onPointerUp' | 'onPointerCancel' | 'onPointerLeave' | 'onPointerMove'>;

export function useLongPress(onLongPress: () => void, ms = STAFF_HOLD_MS): LongPressHandlers {
  const press = useRef<{ id: number; x: number; y: number; timer: ReturnType<typeof setTimeout> } | null>(null);
  const callback = useRef(onLongPress);
  callback.current = onLongPress;
  const cancel = () => {
    if (press.current) clearTimeout(press.current.timer);
    press.current = null;
  };
  useEffect(() => cancel, []);
  return {
    onPointerDown(event) {
      cancel();
      // A second finger, or a mouse button other than the main one, is not the gesture.
      if (!event.isPrimary || event.button > 0) return;
      const timer = setTimeout(() => {
        press.current = null;
        callback.current();
      }, ms);
      press.current = { id: event.pointerId, x: event.clientX, y: event.clientY, timer };
    },
    onPointerMove(event) {
      const held = press.current;
      if (held && event.pointerId === held.id && Math.hypot(event.clientX - held.x, event.clientY - held.y) > DRIFT) cancel();
    },
    onPointerUp: cancel,
    onPointerCancel: cancel,
    onPointerLeave: cancel,
  };
}
