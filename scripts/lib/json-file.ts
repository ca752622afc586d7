/**
 * Reading a JSON file the build depends on (the config, a language file, the generated audio's
 * timings and manifest) against its zod schema: one way for all of them, so a mistake is always
 * named the same way, by file and dotted field (src/config/describe-issue.ts).
 */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { describeIssue } from '../../src/config/describe-issue.ts';
import { InputError, type InputProblem } from './input-error.ts';

export interface JsonFileOptions {
  /** Added to every problem: what fixes it (`run npm run audio` for a generated file). */
  hint?: string;
}

/** Reads and checks a file; throws an InputError naming every bad field. */
export function readJsonFile<Schema extends z.ZodType>(schema: Schema, path: string, displayName: string, options: JsonFileOptions = {}): z.output<Schema> {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError([withHint({ file: displayName, message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` }, options)]);
  }
  return parseJsonFile(schema, raw, displayName, options);
}

/** Checks the text of a file; throws an InputError naming every bad field. */
export function parseJsonFile<Schema extends z.ZodType>(schema: Schema, raw: string, displayName: string, options: JsonFileOptions = {}): z.output<Schema> {
  let json: unknown;
  try {
    json = JSON.parse(raw.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InputError([withHint({ file: displayName, message: `is not valid JSON: ${(error as Error).message}` }, options)]);
  }
  const checked = checkJson(schema, json, displayName, options);
  if (checked.problems.length) throw new InputError(checked.problems);
  return checked.value as z.output<Schema>;
}

/** Checks a value already parsed; the problems are empty when it fits the schema. */
export function checkJson<Schema extends z.ZodType>(
  schema: Schema,
  json: unknown,
  displayName: string,
  options: JsonFileOptions = {},
): { value: z.output<Schema>; problems: [] } | { value: undefined; problems: InputProblem[] } {
  const result = schema.safeParse(json, { reportInput: true });
  if (result.success) return { value: result.data, problems: [] };
  return { value: undefined, problems: result.error.issues.map((issue) => withHint(describeIssue(issue, displayName), options)) };
}

function withHint(problem: InputProblem, { hint }: JsonFileOptions): InputProblem {
  return hint ? { ...problem, message: `${problem.message}; ${hint}` } : problem;
}
