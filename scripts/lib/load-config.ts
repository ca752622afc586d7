import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { kioskConfigSchema, type KioskConfig } from '../../src/config/schema.ts';
import { describeIssue } from '../../src/config/describe-issue.ts';
import { InputError } from './input-error.ts';

/** Reads and validates `kiosk.config.json`; throws an InputError naming every bad field. */
export function loadConfig(path: string, displayName = 'kiosk.config.json'): KioskConfig {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError([{ file: displayName, message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? error})` }]);
  }
  return parseConfig(raw, displayName);
}

export function parseConfig(raw: string, displayName = 'kiosk.config.json'): KioskConfig {
  return parseJsonFile(kioskConfigSchema, raw, displayName);
}

/** Any JSON settings file checked against its zod schema, every problem named by file and field. */
export function parseJsonFile<Schema extends z.ZodType>(schema: Schema, raw: string, displayName: string): z.output<Schema> {
  let json: unknown;
  try {
    json = JSON.parse(raw.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InputError([{ file: displayName, message: `is not valid JSON: ${(error as Error).message}` }]);
  }
  const result = schema.safeParse(json, { reportInput: true });
  if (result.success) return result.data;
  throw new InputError(result.error.issues.map((issue) => describeIssue(issue, displayName)));
}
