/**
 * `npm run bench:soak -- --minutes 240`: the kiosk left running for hours with a seeded random
 * patient using it (touches, keyboard keys, the keypad's own keys) and walking away, as a waiting
 * room would. After every step it checks what a patient would see (bench/random-patient); the first
 * broken invariant stops the run and prints the seed, the step and the last twenty actions. Every few
 * minutes it records the JS heap and DOM after a garbage collection, then writes bench/soak-report.md
 * and .json with the trend (least-squares slope per hour), the steps and keys of each kind, and any
 * problem seen.
 *
 * `--seed N --replay [--steps S]` walks seed N again from a fresh kiosk, printing every action, up to
 * step S (or until an invariant breaks), and writes no report.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { RECORD_MEDIA } from '../tests/browser/media';
import { zip } from '../scripts/lib/arrays.ts';
import { launchChromium, memorySnapshot, newBenchPage } from './browser';
import { buildAndServe } from './build';
import { createPatient, InvariantBroken } from './random-patient';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    seed: { type: 'string', default: '20261125' },
    'sample-minutes': { type: 'string', default: '2' },
    replay: { type: 'boolean', default: false },
    steps: { type: 'string' },
  },
});
const minutes = Number(values.minutes);
const seed = Number(values.seed);
const sampleEvery = Number(values['sample-minutes']) * 60_000;
const replay = values.replay ?? false;
const maxSteps = values.steps ? Number(values.steps) : Infinity;

interface Sample {
  minute: number;
  actions: number;
  heapMb: number;
  nodes: number;
  listeners: number;
}

/** Least-squares slope of y over x. */
function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  if (n < 2) return 0;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  const num = zip(xs, ys).reduce((sum, [x, y]) => sum + (x - mx) * (y - my), 0);
  const den = xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

/** "touch 1234, key Escape 56, …", largest first. */
const describeCounts = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([what, n]) => `${what} ${n}`)
    .join(', ');

async function main() {
  const served = await buildAndServe(root);
  const browser = await launchChromium();
  const bench = await newBenchPage(browser, served.baseUrl, { blockServiceWorkers: true, instruments: false });
  const { page, cdp, problems } = bench;
  await page.clock.install();
  await page.addInitScript(RECORD_MEDIA);
  await page.goto(served.baseUrl);
  await page.locator('html[data-kiosk="ready"] [data-language]').first().waitFor();
  const patient = createPatient(page, { seed, onAction: replay ? (a) => console.log(`${a.step}\t${a.what}`) : undefined });
  const samples: Sample[] = [];
  const started = Date.now();
  let lastSample = -Infinity;
  let broken: InvariantBroken | null = null;
  try {
    while (replay ? patient.steps < maxSteps : Date.now() - started < minutes * 60_000) {
      for (let i = 0; i < 40 && patient.steps < maxSteps; i++) await patient.act();
      if (patient.steps < maxSteps) await patient.walkAway(problems);
      if (replay || Date.now() - lastSample < sampleEvery) continue;
      lastSample = Date.now();
      const memory = await memorySnapshot(cdp);
      const sample = {
        minute: Math.round(((Date.now() - started) / 60_000) * 10) / 10,
        actions: patient.steps,
        heapMb: Math.round((memory.heapUsed / 1024 / 1024) * 100) / 100,
        nodes: memory.nodes,
        listeners: memory.listeners,
      };
      samples.push(sample);
      console.log(
        `soak  ${sample.minute} min  ${patient.steps} steps  heap ${sample.heapMb} MB  ${sample.nodes} nodes  ${sample.listeners} listeners  ${problems.length} problems`,
      );
    }
  } catch (error) {
    if (!(error instanceof InvariantBroken)) throw error;
    broken = error;
    console.error(`\n${error.message}\n`);
  }
  await bench.close();
  await browser.close();
  await served.close();
  console.log(`\n${patient.steps} steps: ${describeCounts(patient.counts)}`);
  if (replay) {
    process.exit(broken ? 1 : 0);
  }

  // The first sample is before every language and screen has been used once: leave it out of the trend.
  const trend = samples.slice(1);
  const hours = trend.map((s) => s.minute / 60);
  const ranMinutes = Math.round(((Date.now() - started) / 60_000) * 10) / 10;
  const keyCounts = Object.fromEntries(Object.entries(patient.counts).filter(([what]) => what.startsWith('key') || what.startsWith('keypad')));
  const report = {
    date: new Date().toISOString(),
    minutes,
    ranMinutes,
    seed,
    steps: patient.steps,
    counts: patient.counts,
    keys: Object.values(keyCounts).reduce((a, b) => a + b, 0),
    brokenInvariant: broken ? { step: broken.step, broken: broken.broken, last: broken.last } : null,
    samples,
    heapMbPerHour:
      Math.round(
        slope(
          hours,
          trend.map((s) => s.heapMb),
        ) * 1000,
      ) / 1000,
    nodesPerHour:
      Math.round(
        slope(
          hours,
          trend.map((s) => s.nodes),
        ) * 10,
      ) / 10,
    problems,
  };
  writeFileSync(new URL('soak-report.json', import.meta.url), JSON.stringify(report, null, 2) + '\n');
  const rows = samples.map((s) => `| ${s.minute} | ${s.actions} | ${s.heapMb} | ${s.nodes} | ${s.listeners} |`).join('\n');
  const countRows = Object.entries(patient.counts)
    .sort((a, b) => b[1] - a[1])
    .map(([what, n]) => `| ${what} | ${n} |`)
    .join('\n');
  writeFileSync(
    new URL('soak-report.md', import.meta.url),
    `# Soak run\n\nGenerated by \`npm run bench:soak\` (bench/soak.ts) on ${report.date}; do not edit, run it again.\n\n` +
      `${ranMinutes} minutes (asked for ${minutes}), seed ${seed}: ${patient.steps} steps, ${report.keys} of them key presses ` +
      `(keyboard and keypad), with the patient walking away (idle reset) every 40. After every step the page was checked ` +
      `against the kiosk's state: six invariants of what a patient sees (src/kiosk/invariants.ts), and whether the kiosk had to heal itself.\n\n` +
      `**Broken invariants: ${broken ? `1, at step ${broken.step}: ${broken.broken.map((b) => `${b.invariant} (${b.detail})`).join('; ')}` : '0'}.**\n\n` +
      `Trend after warm-up: JS heap **${report.heapMbPerHour} MB per hour**, DOM **${report.nodesPerHour} nodes per hour**. ` +
      `Problems seen (console errors, page errors, requests off the kiosk): ${problems.length ? problems.slice(0, 10).join('; ') : 'none'}.\n\n` +
      `## Steps of each kind\n\n| step | count |\n| --- | --- |\n${countRows}\n\n` +
      `## Memory\n\n| minute | steps | JS heap (MB) | DOM nodes | listeners |\n| --- | --- | --- | --- | --- |\n${rows}\n`,
  );
  console.log(
    `\nwrote bench/soak-report.md: ${broken ? 'an invariant broke' : 'no broken invariant'}, heap ${report.heapMbPerHour} MB/h, DOM ${report.nodesPerHour} nodes/h, ${problems.length} problems`,
  );
  if (broken) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
