/**
 * A zod issue in words staff can act on: the file, the dotted field, the value and what is allowed.
 * Shared by the build (scripts/lib/load-config.ts) and the kiosk, which checks a site file in the
 * browser (src/config/site.ts), so both say the same thing about the same mistake.
 */
import type { z } from 'zod';

/** The shape of scripts/lib/input-error.ts's InputProblem, which this must stay assignable to. */
export interface SettingsProblem {
  file: string;
  /** Dotted field path, such as `idle.warningSeconds`. */
  where?: string;
  message: string;
}

export function formatSettingsProblem(problem: SettingsProblem): string {
  return problem.where ? `${problem.file}: ${problem.where}: ${problem.message}` : `${problem.file}: ${problem.message}`;
}

export function describeIssue(issue: z.core.$ZodIssue, file: string): SettingsProblem {
  const where = issue.path.length ? issue.path.map(String).join('.') : undefined;
  // A secret (a PIN written in plain text) is named, never repeated into a log or onto a screen.
  if (issue.code === 'custom' && (issue.params as { secret?: boolean } | undefined)?.secret) return { file, where, message: issue.message };
  const shown = 'input' in issue && issue.input !== undefined ? `${JSON.stringify(issue.input)} is not allowed` : 'is missing';
  switch (issue.code) {
    case 'unrecognized_keys':
      return {
        file,
        where,
        message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}; check the spelling${file.endsWith('kiosk.config.json') ? ' against kiosk.config.schema.json' : ''}`,
      };
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
