/**
 * The other half of public/early-taps.js, which notes a touch on the welcome screen drawn into
 * index.html before the app has taken it over: once the app is up, stop it and tap the same control
 * again, so the patient's touch is answered rather than lost.
 */

/** What public/early-taps.js puts on the window. */
export interface EarlyTaps {
  take(): { attribute: 'data-language' | 'data-action'; value: string } | null;
}

export function replayEarlyTaps(win: Window & { kioskEarlyTaps?: EarlyTaps }): void {
  const tap = win.kioskEarlyTaps?.take() ?? null;
  if (!tap) return;
  const controls = win.document.querySelectorAll<HTMLElement>('button[data-language], [data-action="touch-to-hear"]');
  [...controls].find((control) => control.getAttribute(tap.attribute) === tap.value)?.click();
}
