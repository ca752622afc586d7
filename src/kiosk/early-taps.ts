/**
 * The other half of public/early-taps.js, which notes a touch on the welcome screen drawn into
 * index.html before the app has taken it over: once the app is up, stop it and tap the same control
 * again, so the patient's touch is answered rather than lost.
 */

/** What public/early-taps.js puts on the window. */
export interface EarlyTaps {
  take(): HTMLElement | null;
}

export function replayEarlyTaps(win: Window & { kioskEarlyTaps?: EarlyTaps }): void {
  const control = win.kioskEarlyTaps?.take() ?? null;
  // Hydration keeps the drawn elements, so the touched one is now the app's own.
  if (control?.isConnected) control.click();
}
