import { useVisit } from '../../app/kiosk-context';
import { useLongPress, type LongPressHandlers } from './long-press';

/** Pointer handlers for the element that hides the way in (the app name in the top bar). */
export function useStaffGesture(): LongPressHandlers {
  const visit = useVisit();
  return useLongPress(() => visit.openDialog('staff'));
}
