/** The machine a report was measured on: figures from different machines are not comparable. */
import { execFileSync } from 'node:child_process';
import { cpus, freemem, loadavg, release, totalmem, type } from 'node:os';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGB: number;
  freeMemoryGB: number;
  loadAverage: number[];
  os: string;
  node: string;
  chromium: string;
  commit: string;
}

export function describeMachine(root: string, chromiumVersion: string): Machine {
  const git = (...args: string[]) => {
    try {
      return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return '';
    }
  };
  const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
  const round = (bytes: number) => Math.round((bytes / 1024 ** 3) * 10) / 10;
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGB: round(totalmem()),
    freeMemoryGB: round(freemem()),
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    os: `${type()} ${release()}`,
    node: process.version,
    chromium: chromiumVersion,
    commit: `${git('rev-parse', '--short', 'HEAD') || 'unknown'}${dirty ? ' (with uncommitted changes)' : ''}`,
  };
}
