/**
 * Touch-to-hear's one piece of memory: the item a first touch has spoken, which a second touch on it
 * chooses. It is shown, not only remembered: the item carries `data-armed` (drawn as a ring and a
 * "touch again to choose" tag, see touch-mode.css) and the touch-mode bar names it, so a patient
 * never has to guess why a touch did not act.
 */
import { createContext } from 'preact';
import { signal, type ReadonlySignal } from '@preact/signals';
import { useContext } from 'preact/hooks';

export interface Armed {
  element: Element;
  /** What the bar calls it: the item's visible name. */
  label: string;
}

export interface Arming {
  readonly armed: ReadonlySignal<Armed | null>;
  arm(element: Element, label: string, tag: string): void;
  /** Whether a touch on `element` is the second touch on the armed item. */
  isArmed(element: Element): boolean;
  disarm(): void;
}

export function createArming(): Arming {
  const armed = signal<Armed | null>(null);
  const disarm = () => {
    const current = armed.peek();
    if (!current) return;
    current.element.removeAttribute('data-armed');
    armed.value = null;
  };
  return {
    armed,
    arm(element, label, tag) {
      disarm();
      element.setAttribute('data-armed', tag);
      armed.value = { element, label };
    },
    isArmed: (element) => armed.peek()?.element === element && element.isConnected,
    disarm,
  };
}

export const ArmingContext = createContext<Arming | null>(null);

export function useArming(): Arming {
  const arming = useContext(ArmingContext);
  if (!arming) throw new Error('useArming() outside <KeypadBridge>');
  return arming;
}

/** An item's name as the bar shows it: its label, else its text, kept short. */
export function itemLabel(element: Element): string {
  const text = (element.getAttribute('aria-label') ?? element.textContent ?? '').replace(/\s+/g, ' ').trim();
  return text.length > 48 ? `${text.slice(0, 47)}…` : text;
}
