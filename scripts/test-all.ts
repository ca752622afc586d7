/**
 * `npm test`: every suite, in order of speed, then one plain line `N passed, N failed` that totals
 * them all. The type check, the lint, the format check and the content check count as one test each; vitest's projects (unit and
 * component tests in jsdom, browser tests in Chromium) count their own tests, and so does the second
 * run of the server-bound browser tests against nginx.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
const NGINX_TESTS = ['tests/browser/read-aloud.test.ts', 'tests/browser/offline.test.ts'];
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
countStep('lint', step('lint (oxlint, .oxlintrc.json)', bin('oxlint'), []));
countStep('format', step('format (prettier --check; npm run format fixes it)', bin('prettier'), ['--check', '--log-level', 'warn', '.']));
countStep('content check', step('content and config check', bin('tsx'), ['scripts/check.ts']));

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.log(`\nChromium is not at ${chromium}: the browser tests cannot run. Install it with: apt-get install -y chromium`);
  failed++;
}

/** Runs vitest with a JSON report and adds its counts to the totals. */
function vitestStep(name: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const resultsDir = mkdtempSync(join(tmpdir(), 'kiosk-tests-'));
  const resultsFile = join(resultsDir, 'vitest.json');
  console.log(`\n── ${name} ──`);
  spawnSync(bin('vitest'), ['run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${resultsFile}`], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  try {
    const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
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
    console.log(`✗ ${name}: vitest wrote no results`);
    failed++;
  } finally {
    rmSync(resultsDir, { recursive: true, force: true });
  }
}

const browsers = existsSync(chromium);
vitestStep('vitest (unit, ui components, browser)', browsers ? [] : ['--project', 'unit', '--project', 'ui']);

// A fleet serves the same build from nginx (deploy/nginx/): the tests of what depends most on the
// server (audio seeking with Range requests, the offline copy and the update between visits) run
// against it too.
if (browsers && existsSync(NGINX)) {
  vitestStep('browser tests against nginx', ['--project', 'browser', ...NGINX_TESTS], { KIOSK_TEST_SERVER: 'nginx' });
} else if (browsers) {
  console.log(`\nnginx is not at ${NGINX}: the nginx run of the browser tests cannot run. Install it with: apt-get install -y nginx libnginx-mod-http-brotli-static`);
  failed++;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
