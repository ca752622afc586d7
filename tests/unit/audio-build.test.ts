// @vitest-environment node
/**
 * One real run of the audio build on a tiny project: engine → alignment → Opus → WebM → files →
 * manifest → validator, then the incremental and failure paths. About 3 s, mostly eSpeak's start-up.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContent } from '../../scripts/lib/build-content.ts';
import { InputError } from '../../scripts/lib/input-error.ts';
import { buildAudio } from '../../scripts/audio/build.ts';
import { checkAudio } from '../../scripts/audio/check-audio.ts';
import { decodeOpus, encodeOpus, OPUS_RATE } from '../../scripts/audio/opus.ts';
import { readManifest, readTimings } from '../../scripts/audio/timings.ts';
import { validateTimings } from '../../scripts/audio/validate-timings.ts';
import { speechSettingsFor } from '../../scripts/audio/voices.ts';
import { readWebm, webmProblems } from '../../scripts/audio/webm.ts';
import { loadConfig } from '../../scripts/lib/load-config.ts';

const HANDOUT = (rest: string) => `---
id: demo
summary: A demo.
source: Test.
licence: Test.
translation: original
---

# Demo

## Call us {#call}

If it hurts, call {nurseLine} now.

## Rest {#rest}

${rest}
`;

function makeProject(speech: Record<string, unknown> = { en: { voice: 'en-us', wordsPerMinute: 145 } }): string {
  const root = mkdtempSync(join(tmpdir(), 'kiosk-audio-'));
  const config = {
    languages: ['en'],
    defaultLanguage: 'en',
    handouts: ['demo'],
    idle: { timeoutSeconds: 90, warningSeconds: 30 },
    audio: { rate: 1, volume: 0.8, autoAdvance: false },
    speech,
    site: { name: 'Test clinic', nurseLine: '811' },
    staff: { pinHash: 'pbkdf2-sha256$100000$aCJhJI3AP7Byvf3IAAc53Q$ASg20jLMJGIgipOZ-04-39dIUpZx-nJiYMhiarWcGvc' },
  };
  writeFileSync(join(root, 'kiosk.config.json'), JSON.stringify(config));
  mkdirSync(join(root, 'locales', 'en', 'handouts'), { recursive: true });
  writeFileSync(join(root, 'locales', 'en', 'ui.json'), JSON.stringify({ meta: { languageName: 'English' } }));
  writeFileSync(join(root, 'locales', 'en', 'handouts', 'demo.md'), HANDOUT('Rest well.'));
  return root;
}

const listFiles = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((p) => statSync(join(dir, p)).isFile())
        .sort()
    : [];

// Each run starts a worker thread per core, each with its own engine: seconds on a busy two-core machine.
describe('npm run audio, end to end', { timeout: 60_000 }, () => {
  let root: string;
  beforeAll(() => {
    root = makeProject();
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes audio, timings and a manifest that the checks accept', async () => {
    const lines: string[] = [];
    const summary = await buildAudio({ root, log: (l) => lines.push(l) });
    expect(summary.sections.map((s) => [s.key, s.generated])).toEqual([
      ['en/demo/call', true],
      ['en/demo/rest', true],
    ]);
    expect(lines.filter((l) => l.startsWith('generated'))).toHaveLength(2);
    expect(listFiles(join(root, 'audio'))).toEqual(['en/demo/call.json', 'en/demo/call.webm', 'en/demo/rest.json', 'en/demo/rest.webm', 'manifest.json']);

    const content = buildContent(root);
    const section = content.languages[0]!.handouts[0]!.sections[0]!;
    const timings = readTimings(join(root, 'audio'), 'en/demo/call.json');
    const webm = readWebm(new Uint8Array(readFileSync(join(root, 'audio/en/demo/call.webm'))));
    expect(webmProblems(webm)).toEqual([]);
    expect(webm.cues.length).toBeGreaterThan(0); // seekable
    expect(webm.codecDelayNs).toBe(6_500_000); // players drop the encoder's look-ahead
    expect(validateTimings(timings, section, webm.durationSeconds)).toEqual([]);
    expect(checkAudio(root, content)).toEqual([]);

    // Decoded length within 50 ms of what the engine synthesized.
    const pcm = decodeOpus({ packets: webm.packets.map((p) => p.data), preSkip: webm.preSkip, sampleCount: Math.round(webm.durationSeconds * OPUS_RATE) });
    expect(Math.abs(pcm.length / OPUS_RATE - timings.duration)).toBeLessThan(0.05);

    // The first word starts where the decoded sound does (no encoder offset), within 10 ms.
    const peak = pcm.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    const onset = pcm.findIndex((v) => Math.abs(v) > peak * 0.05) / OPUS_RATE;
    expect(Math.abs(timings.words[0]!.start - onset)).toBeLessThan(0.01);

    const manifest = readManifest(join(root, 'audio')).manifest!;
    expect(Object.keys(manifest.sections)).toEqual(['en/demo/call', 'en/demo/rest']);
    expect(manifest.sections['en/demo/call']).toMatchObject({
      voice: 'en-us',
      wordsPerMinute: 145,
      audio: 'en/demo/call.webm',
      timings: 'en/demo/call.json',
      bytes: statSync(join(root, 'audio/en/demo/call.webm')).size,
    });
  });

  it('makes nothing and rewrites no file when nothing changed', async () => {
    const before = listFiles(join(root, 'audio')).map((p) => [p, statSync(join(root, 'audio', p)).mtimeMs]);
    const summary = await buildAudio({ root });
    expect(summary.sections.every((s) => !s.generated)).toBe(true);
    expect(summary.manifestWritten).toBe(false);
    expect(listFiles(join(root, 'audio')).map((p) => [p, statSync(join(root, 'audio', p)).mtimeMs])).toEqual(before);
  });

  it('reports changed text as stale and re-makes only that section', async () => {
    writeFileSync(join(root, 'locales/en/handouts/demo.md'), HANDOUT('Rest well, and drink water.'));
    const problems = checkAudio(root, buildContent(root));
    expect(problems).toEqual([{ file: 'audio/en/demo/rest.json', message: expect.stringMatching(/is stale: the text of section "rest" changed/) }]);
    const summary = await buildAudio({ root });
    expect(summary.sections.map((s) => [s.key, s.generated])).toEqual([
      ['en/demo/call', false],
      ['en/demo/rest', true],
    ]);
    expect(checkAudio(root, buildContent(root))).toEqual([]);
  });

  it('reports a cut-short audio file as corrupt and re-makes it', async () => {
    const path = join(root, 'audio/en/demo/call.webm');
    writeFileSync(path, readFileSync(path).subarray(0, 500));
    expect(checkAudio(root, buildContent(root))[0]).toMatchObject({ file: 'audio/en/demo/call.webm', message: expect.stringMatching(/corrupt or replaced/) });
    const summary = await buildAudio({ root });
    expect(summary.sections.find((s) => s.key === 'en/demo/call')!.generated).toBe(true);
    expect(checkAudio(root, buildContent(root))).toEqual([]);
  });

  it('reports missing audio', () => {
    rmSync(join(root, 'audio/en/demo/rest.webm'));
    expect(checkAudio(root, buildContent(root))).toEqual([{ file: 'audio/en/demo/rest.webm', message: 'is missing; run npm run audio' }]);
  });

  it('removes the files of a section that is no longer in the handout', async () => {
    writeFileSync(join(root, 'locales/en/handouts/demo.md'), HANDOUT('Rest well.').replace(/\n## Rest[\s\S]*$/, '\n'));
    const summary = await buildAudio({ root });
    expect(summary.removed).toEqual(['audio/en/demo/rest.json']); // its .webm was already gone
    expect(listFiles(join(root, 'audio'))).toEqual(['en/demo/call.json', 'en/demo/call.webm', 'manifest.json']);
  });
});

describe('npm run audio on every core', () => {
  it('makes the same bytes whichever worker made a file, with one thread or two, and in any order', { timeout: 120_000 }, async () => {
    const root = makeProject({ en: { voice: 'en-us', wordsPerMinute: 145 }, fr: { voice: 'fr', wordsPerMinute: 145 } });
    try {
      // Two languages, so two workers each start on a different voice and switch between them.
      const config = loadConfig(root);
      writeFileSync(join(root, 'kiosk.config.json'), JSON.stringify({ ...config, languages: ['en', 'fr'] }));
      mkdirSync(join(root, 'locales', 'fr', 'handouts'), { recursive: true });
      writeFileSync(join(root, 'locales', 'fr', 'ui.json'), JSON.stringify({ meta: { languageName: 'Français' } }));
      writeFileSync(join(root, 'locales', 'fr', 'handouts', 'demo.md'), HANDOUT('Reposez-vous bien.').replace('translation: original', 'translation: draft'));
      const one = join(root, 'one');
      const two = join(root, 'two');
      const serial = await buildAudio({ root, audioDir: one, jobs: 1 });
      const parallel = await buildAudio({ root, audioDir: two, jobs: 2 });
      expect(parallel.sections.map((s) => s.key)).toEqual(serial.sections.map((s) => s.key));
      expect(parallel.sections.every((s) => s.generated)).toBe(true);
      expect(listFiles(two)).toEqual(listFiles(one));
      expect(listFiles(one)).toHaveLength(9); // 4 sections × (audio + timings) + manifest
      for (const file of listFiles(one)) expect(readFileSync(join(two, file)).equals(readFileSync(join(one, file))), file).toBe(true);
      // One section made again alone (as an incremental run does) comes out the same as in a full run.
      rmSync(join(two, 'fr/demo/rest.webm'));
      const alone = await buildAudio({ root, audioDir: two, jobs: 2 });
      expect(alone.sections.filter((s) => s.generated).map((s) => s.key)).toEqual(['fr/demo/rest']);
      expect(readFileSync(join(two, 'fr/demo/rest.webm')).equals(readFileSync(join(one, 'fr/demo/rest.webm')))).toBe(true);
      // And with nothing changed, the pool is not even started: nothing is made.
      const again = await buildAudio({ root, audioDir: two, jobs: 2 });
      expect(again.sections.some((s) => s.generated)).toBe(false);
      expect(again.manifestWritten).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('npm run audio, bad input', { timeout: 60_000 }, () => {
  it('names an unknown voice and writes nothing', async () => {
    const root = makeProject({ en: { voice: 'xx-nonexistent', wordsPerMinute: 145 } });
    try {
      const error = await buildAudio({ root }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).problems[0]).toMatchObject({ file: 'kiosk.config.json', where: 'speech.en.voice', message: expect.stringMatching(/no voice "xx-nonexistent"/) });
      expect(listFiles(join(root, 'audio'))).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  // Two worker threads: the message is made in a worker and must arrive naming the same file.
  it('says which file cannot be written and leaves no half-written file', async () => {
    const root = makeProject();
    try {
      mkdirSync(join(root, 'audio', 'en'), { recursive: true });
      writeFileSync(join(root, 'audio', 'en', 'demo'), 'a file where a folder should be');
      const error = await buildAudio({ root, jobs: 2 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      // Whichever worker fails first says so.
      expect((error as InputError).problems[0]).toMatchObject({
        file: expect.stringMatching(/^audio\/en\/demo\/(call|rest)\.webm$/),
        message: expect.stringMatching(/cannot be written \((EEXIST|ENOTDIR)/),
      });
      expect(listFiles(join(root, 'audio'))).toEqual(['en/demo']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('uses a default voice for a language with no speech settings', () => {
    expect(speechSettingsFor({ speech: {} }, 'zh-Hans')).toEqual({ voice: 'cmn', wordsPerMinute: 145, fromDefault: true });
    expect(speechSettingsFor({ speech: { fr: { voice: 'fr', wordsPerMinute: 130 } } }, 'fr')).toEqual({ voice: 'fr', wordsPerMinute: 130, fromDefault: false });
    // No eSpeak voice and none configured: text only, never another language's voice.
    expect(speechSettingsFor({ speech: {} }, 'tl')).toBeNull();
    expect(speechSettingsFor({ speech: { tl: { voice: 'tl', wordsPerMinute: 140 } } }, 'tl')).toEqual({ voice: 'tl', wordsPerMinute: 140, fromDefault: false });
  });
});

describe('Opus encoding', () => {
  it('puts a click at the same sample after encoding and decoding (pre-skip matches the encoder delay)', () => {
    const samples = new Int16Array(22_050);
    samples[6615] = 20_000; // 0.3 s
    const decoded = decodeOpus(encodeOpus(samples, 22_050));
    let peakAt = 0;
    decoded.forEach((v, i) => {
      if (Math.abs(v) > Math.abs(decoded[peakAt]!)) peakAt = i;
    });
    expect(peakAt).toBe(14_400);
    expect(decoded.length).toBe(48_000);
  });
});
