/**
 * The staff PIN is kept only as a salted PBKDF2-SHA256 hash: `kiosk.config.json`, a site file and the
 * build that ships to every kiosk never hold the PIN itself, so a copy of the build (or a look at the
 * kiosk's files from its own browser) does not hand out the way into the staff panel.
 *
 * One format, made by `npm run pin -- <pin>` (scripts/pin.ts) and checked by the staff panel with the
 * same code: `pbkdf2-sha256$<iterations>$<salt, base64url>$<hash, base64url>`. WebCrypto does the work
 * (the browser's and Node's), so it ships no hashing code. A four-digit PIN cannot be made strong by
 * any hash: the pad's five-tries lock is what slows a guesser down; the hash keeps the PIN unreadable.
 */

export const PIN_HASH_FORMAT = /^pbkdf2-sha256\$[1-9][0-9]{3,7}\$[A-Za-z0-9_-]{16,}\$[A-Za-z0-9_-]{43}$/;

/** 100,000 rounds: about 50 ms of native WebCrypto on a slow kiosk computer, once per PIN typed. */
export const PIN_HASH_ITERATIONS = 100_000;

/** What a PIN must look like before it is hashed (the pad has only digits). */
export const PIN_FORMAT = /^[0-9]{4,8}$/;

export async function hashPin(pin: string, options: { salt?: Uint8Array; iterations?: number } = {}): Promise<string> {
  if (!PIN_FORMAT.test(pin)) throw new Error('A staff PIN is 4 to 8 digits');
  const salt = options.salt ?? globalThis.crypto.getRandomValues(new Uint8Array(16));
  const iterations = options.iterations ?? PIN_HASH_ITERATIONS;
  return `pbkdf2-sha256$${iterations}$${base64url(salt)}$${base64url(await derive(pin, salt, iterations))}`;
}

/** Whether `attempt` is the PIN that `stored` was made from; false for a malformed `stored`, never a throw. */
export async function verifyPin(attempt: string, stored: string): Promise<boolean> {
  if (!PIN_HASH_FORMAT.test(stored) || attempt.length === 0) return false;
  const [, rounds, salt, hash] = stored.split('$') as [string, string, string, string];
  const derived = await derive(attempt, fromBase64url(salt), Number(rounds));
  const expected = fromBase64url(hash);
  // Compared in full whatever the first difference, so the time taken says nothing about the PIN.
  let difference = derived.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) difference |= (derived[i] ?? 0) ^ (expected[i] as number);
  return difference === 0;
}

async function derive(pin: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const subtle = globalThis.crypto?.subtle;
  // WebCrypto exists only in a secure context (https or localhost), like the offline service worker.
  if (!subtle) throw new Error('WebCrypto is not available: serve the kiosk over https or from localhost');
  const key = await subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, 256);
  return new Uint8Array(bits);
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
