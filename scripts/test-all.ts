/**
 * `npm test`: every suite, in order of speed, then one plain line `N passed, N failed` that totals
 * them all. The type check and the content check count as one test each; vitest's projects (unit and
 * component tests in jsdom, browser tests in Chromium) count their own tests.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
let passed = 0;
let failed = 0;

function step(name: string, command: string, args: string[]): boolean {
  console.log(`\n── ${name} ──`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  return result.status === 0;
}

function countStep(name: string, ok: boolean) {
  if (ok) passed++;
  else {
    failed++;
    console.log(`✗ ${name} failed`);
  }
}

countStep('type check', step('type check (tsc)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']));
countStep('content check', step('content and config check', bin('tsx'), ['scripts/check.ts']));

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.log(`\nChromium is not at ${chromium}: the browser tests cannot run. Install it with: apt-get install -y chromium`);
  failed++;
}

const resultsDir = mkdtempSync(join(tmpdir(), 'kiosk-tests-'));
const resultsFile = join(resultsDir, 'vitest.json');
const projects = existsSync(chromium) ? [] : ['--project', 'unit'];
step('vitest (unit, components, browser)', bin('vitest'), ['run', ...projects, '--reporter=default', '--reporter=json', `--outputFile.json=${resultsFile}`]);
try {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numTotalTests: number;
    numPendingTests: number;
    testResults: { status: string; message?: string; name: string }[];
  };
  passed += results.numPassedTests;
  failed += results.numFailedTests;
  // A test file that fails to load has no tests to count; count it as a failure so it is not missed.
  for (const file of results.testResults) {
    if (file.status === 'failed' && file.message) {
      failed++;
      console.log(`✗ ${file.name}: ${file.message.split('\n')[0]}`);
    }
  }
} catch {
  console.log('✗ vitest wrote no results');
  failed++;
} finally {
  rmSync(resultsDir, { recursive: true, force: true });
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
