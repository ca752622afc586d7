/**
 * The one way to read `kiosk.config.json`: the build, the audio build, `npm start`, the importer, the
 * bench, the Vite config and the tests all come here, so every reader sees the same checked config
 * with its defaults filled in.
 */
import { join } from 'node:path';
import { kioskConfigSchema, type KioskConfig } from '../../src/config/schema.ts';
import { parseJsonFile, readJsonFile } from './json-file.ts';

export const CONFIG_FILE = 'kiosk.config.json';

/** Reads and validates the config in a project (or content) folder; throws an InputError naming every bad field. */
export function loadConfig(root: string): KioskConfig {
  return readJsonFile(kioskConfigSchema, join(root, CONFIG_FILE), CONFIG_FILE);
}

/** The same check for config text in hand (a test's variation, a file about to be written). */
export function parseConfig(raw: string, displayName = CONFIG_FILE): KioskConfig {
  return parseJsonFile(kioskConfigSchema, raw, displayName);
}
