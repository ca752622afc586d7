/**
 * `npm run pin -- <pin>`: prints the salted hash of a staff PIN for `staff.pinHash` in
 * kiosk.config.json or a site file (src/config/pin-hash.ts). The PIN itself is written nowhere.
 */
import { hashPin, PIN_FORMAT } from '../src/config/pin-hash.ts';

const pin = process.argv[2];
if (!pin || !PIN_FORMAT.test(pin) || process.argv.length > 3) {
  console.error('Usage: npm run pin -- <4 to 8 digits>\nPrints the value for "staff": { "pinHash": "…" } in kiosk.config.json or sites/<site>.json.');
  process.exit(1);
}
console.log(await hashPin(pin));
