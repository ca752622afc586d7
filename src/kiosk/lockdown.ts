/**
 * Kiosk lock-down: the only module that adds listeners to the whole window. A public kiosk must not
 * let one patient leave the next a zoomed page, a selected word, a context menu, another website or
 * the browser's history. Returns a cleanup that removes everything it added.
 */
export interface LockdownOptions {
  /** Called on every touch, click and key, for the idle timer. */
  onActivity: () => void;
  /** Called with any error nothing else caught, so the kiosk can recover instead of freezing. */
  onError: (error: unknown) => void;
  /** Every key press, after the escape shortcuts are blocked; returns true when it handled the key. */
  onKey?: (event: KeyboardEvent) => boolean;
}

/** Shortcuts that would leave the kiosk, reload it, open tools or zoom. */
function isEscapeShortcut(event: KeyboardEvent): boolean {
  const mod = event.ctrlKey || event.metaKey;
  if (event.altKey && (event.code === 'ArrowLeft' || event.code === 'ArrowRight' || event.code === 'Home')) return true;
  if (event.code === 'BrowserBack' || event.code === 'BrowserForward' || event.code === 'BrowserHome') return true;
  if (['F5', 'F7', 'F11', 'F12'].includes(event.code)) return true;
  if (!mod) return false;
  return [
    'KeyN',
    'KeyT',
    'KeyW',
    'KeyL',
    'KeyO',
    'KeyP',
    'KeyS',
    'KeyU',
    'KeyR',
    'KeyF',
    'KeyG',
    'KeyH',
    'KeyJ',
    'KeyD',
    'KeyI',
    'Equal',
    'Minus',
    'Digit0',
    'NumpadAdd',
    'NumpadSubtract',
    'Numpad0',
  ].includes(event.code);
}

export function installLockdown(target: Window, { onActivity, onError, onKey }: LockdownOptions): () => void {
  const removers: (() => void)[] = [];
  const on = <K extends keyof WindowEventMap>(type: K, listener: (event: WindowEventMap[K]) => void, options?: AddEventListenerOptions) => {
    target.addEventListener(type, listener as EventListener, options);
    removers.push(() => target.removeEventListener(type, listener as EventListener, options));
  };
  const prevent = (event: Event) => event.preventDefault();

  on('contextmenu', prevent);
  on('selectstart', (event) => {
    const element = event.target as Element | null;
    if (!element?.closest?.('input, textarea')) event.preventDefault();
  });
  on('dragstart', prevent);
  // Ctrl + wheel and trackpad pinch arrive as wheel events with ctrlKey.
  on(
    'wheel',
    (event) => {
      if (event.ctrlKey) event.preventDefault();
    },
    { passive: false },
  );
  // Safari's pinch gestures.
  on('gesturestart' as keyof WindowEventMap, prevent);
  // Two fingers never zoom.
  on(
    'touchmove',
    (event) => {
      if (event.touches.length > 1) event.preventDefault();
    },
    { passive: false },
  );
  on(
    'keydown',
    (event) => {
      onActivity();
      if (isEscapeShortcut(event)) event.preventDefault();
      else if (onKey?.(event)) event.preventDefault();
    },
    { capture: true },
  );
  on('pointerdown', () => onActivity(), { capture: true, passive: true });
  // Links never take the patient away from the kiosk.
  on(
    'click',
    (event) => {
      const link = (event.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
      if (link && new URL(link.href, target.location.href).origin !== target.location.origin) event.preventDefault();
    },
    { capture: true },
  );
  // History navigation (a back swipe, a mouse's back button) lands back on the kiosk.
  target.history.pushState({ kiosk: true }, '');
  on('popstate', () => target.history.pushState({ kiosk: true }, ''));

  on('error', (event) => onError(event.error ?? event.message));
  on('unhandledrejection', (event) => onError(event.reason));

  const root = target.document.documentElement;
  root.classList.add('locked-down');
  removers.push(() => root.classList.remove('locked-down'));

  return () => {
    for (const remove of removers.reverse()) remove();
  };
}
