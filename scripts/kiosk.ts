/**
 * `npm run kiosk`: builds and serves the kiosk as `npm start` does, then opens it in Chromium's kiosk
 * mode, full screen with no way out to the browser. When Chromium exits, the server stops and the
 * command exits with Chromium's code, so a service manager (see "Running it as a kiosk" in the README)
 * starts the whole thing again.
 *
 * CHROMIUM_PATH: the browser (default /usr/bin/chromium).
 * KIOSK_PROFILE_DIR: Chromium's profile, kept between runs so the offline copy survives a restart
 * (default ~/.local/share/handout-kiosk/chromium).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveKiosk } from './lib/serve-kiosk.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

export function kioskFlags(url: string, profileDir: string): string[] {
  return [
    '--kiosk',
    // No error dialogs, info bars ("Chrome is being controlled…", "not your default browser") or
    // "Restore pages?" bubble between a patient and the handout.
    '--noerrdialogs',
    '--disable-infobars',
    '--disable-session-crashed-bubble',
    '--no-first-run',
    '--no-default-browser-check',
    // No offer to translate the page, and no swipe or overscroll that goes back in history.
    '--disable-features=Translate,TouchpadOverscrollHistoryNavigation,OverscrollHistoryNavigation',
    '--overscroll-history-navigation=0',
    // No pinch zoom on a touch screen.
    '--disable-pinch',
    // The kiosk speaks before anyone has touched it (the welcome prompt, the idle countdown).
    '--autoplay-policy=no-user-gesture-required',
    // "Print" (print.enabled) prints at once to the default printer, with no print dialog for a
    // patient to face; without a printer the button is not offered, so the flag changes nothing.
    '--kiosk-printing',
    // No "update Chromium" nag: the system's package manager updates it.
    '--check-for-update-interval=31536000',
    // No keyring password prompt at start on a desktop without a logged-in keyring.
    '--password-store=basic',
    `--user-data-dir=${profileDir}`,
    url,
  ];
}

/**
 * After a power cut Chromium believes it crashed and offers to restore the last session, whatever
 * the flags say in recent versions; marking the last exit clean in the profile prevents that.
 */
export function markCleanExit(profileDir: string): void {
  const file = join(profileDir, 'Default', 'Preferences');
  if (!existsSync(file)) return;
  try {
    const preferences = JSON.parse(readFileSync(file, 'utf8')) as { profile?: Record<string, unknown> };
    preferences.profile = { ...preferences.profile, exit_type: 'Normal', exited_cleanly: true };
    writeFileSync(file, JSON.stringify(preferences));
  } catch {
    // A damaged Preferences file: Chromium rewrites it; the worst case is one "Restore" bubble.
  }
}

async function main() {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const profileDir = process.env.KIOSK_PROFILE_DIR ?? join(homedir(), '.local', 'share', 'handout-kiosk', 'chromium');
  if (!existsSync(chromium)) throw new Error(`No Chromium at ${chromium}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  mkdirSync(profileDir, { recursive: true });
  markCleanExit(profileDir);

  const server = await serveKiosk(root);
  console.log(`Handout kiosk running at ${server.url}; opening ${chromium} in kiosk mode.`);
  const browser = spawn(chromium, kioskFlags(server.url, profileDir), { stdio: 'inherit' });
  const stop = () => browser.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  browser.on('error', async (error) => {
    console.error(`Chromium did not start: ${error.message}`);
    await server.close();
    process.exit(1);
  });
  browser.on('exit', async (code, signal) => {
    console.log(`Chromium exited (${signal ?? `code ${code}`}); stopping the server.`);
    await server.close();
    process.exit(code ?? 1);
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
