import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { kioskConfigSchema, type KioskConfig } from '../../src/config/schema.ts';
import { InputError, type InputProblem } from './input-error.ts';

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

function describeIssue(issue: z.core.$ZodIssue, file: string): InputProblem {
  const where = issue.path.length ? issue.path.map(String).join('.') : undefined;
  const shown = 'input' in issue && issue.input !== undefined ? `${JSON.stringify(issue.input)} is not allowed` : 'is missing';
  switch (issue.code) {
    case 'unrecognized_keys':
      return { file, where, message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}; check the spelling${file.endsWith('kiosk.config.json') ? ' against kiosk.config.schema.json' : ''}` };
    case 'invalid_type':
      return { file, where, message: `${shown}; expected ${article(issue.expected)}` };
    case 'invalid_value':
      return { file, where, message: `${shown}; expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` };
    case 'too_small':
      return { file, where, message: `${shown}; expected ${bound(issue.origin, 'at least', issue.minimum, issue.inclusive)}` };
    case 'too_big':
      return { file, where, message: `${shown}; expected ${bound(issue.origin, 'at most', issue.maximum, issue.inclusive)}` };
    case 'invalid_format':
    case 'custom':
      return { file, where, message: `${shown}; expected ${issue.message}` };
    default:
      return { file, where, message: `${shown}: ${issue.message}` };
  }
}

function article(type: string): string {
  if (type === 'int') return 'a whole number';
  if (type === 'object') return 'an object';
  if (type === 'array') return 'a list ([...])';
  if (type === 'boolean') return 'true or false';
  return `a ${type}`;
}

function bound(origin: string, word: string, limit: number | bigint, inclusive = true): string {
  const value = inclusive ? `${limit}` : `more than ${limit}`;
  if (origin === 'array') return `${word} ${value} item${Number(limit) === 1 ? '' : 's'}`;
  if (origin === 'string') return `${word} ${value} character${Number(limit) === 1 ? '' : 's'}`;
  return `a number ${inclusive ? word + ' ' : ''}${value}`;
}
