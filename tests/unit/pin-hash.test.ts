// @vitest-environment node
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hashPin, PIN_HASH_FORMAT, verifyPin } from '../../src/config/pin-hash';
import { loadConfig } from '../../scripts/lib/load-config.ts';

describe('the staff PIN hash', () => {
  it('accepts the right PIN and refuses a wrong one', async () => {
    const stored = await hashPin('730519', { iterations: 1000 });
    expect(stored).toMatch(PIN_HASH_FORMAT);
    expect(await verifyPin('730519', stored)).toBe(true);
    expect(await verifyPin('730518', stored)).toBe(false);
    expect(await verifyPin('7305190', stored)).toBe(false);
    expect(await verifyPin('', stored)).toBe(false);
  });

  it('never contains the PIN, and salts it: the same PIN hashes differently each time', async () => {
    const [a, b] = await Promise.all([hashPin('4826'), hashPin('4826')]);
    expect(a).not.toBe(b);
    expect(a).not.toContain('4826');
    expect(await verifyPin('4826', a)).toBe(true);
    expect(await verifyPin('4826', b)).toBe(true);
  });

  it('gives the same hash for the same salt and rounds (what a stored hash is checked with)', async () => {
    const salt = new Uint8Array(16).fill(7);
    expect(await hashPin('1234', { salt, iterations: 1000 })).toBe(await hashPin('1234', { salt, iterations: 1000 }));
  });

  it('refuses anything but 4 to 8 digits as a PIN to hash', async () => {
    await expect(hashPin('12')).rejects.toThrow(/4 to 8 digits/);
    await expect(hashPin('12ab')).rejects.toThrow(/4 to 8 digits/);
  });

  it('opens nothing with a malformed or plain-text stored value', async () => {
    expect(await verifyPin('4826', '4826')).toBe(false);
    expect(await verifyPin('4826', 'pbkdf2-sha256$100000$short$short')).toBe(false);
  });

  it('matches the default PIN the README documents against the shipped kiosk.config.json', async () => {
    const config = loadConfig(fileURLToPath(new URL('../..', import.meta.url)));
    expect(await verifyPin('4826', config.staff.pinHash)).toBe(true);
  });
});
