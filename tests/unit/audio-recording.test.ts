// @vitest-environment node
/**
 * Recorded narration end to end on a tiny project: a "recording" is made in the test (eSpeak with
 * another voice, speed, pauses and room noise, saved as WAV, so its own word times are known), dropped
 * into recordings/, and `npm run audio` must align it, refuse it when it says something else, and
 * notice when the text changed after it was recorded. No committed audio fixtures.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContent } from '../../scripts/lib/build-content.ts';
import { buildAudio } from '../../scripts/audio/build.ts';
import { checkAudio, voiceSummary } from '../../scripts/audio/check-audio.ts';
import { decodeRecording } from '../../scripts/audio/decode.ts';
import { integratedLoudness, TARGET_LUFS } from '../../scripts/audio/loudness.ts';
import { decodeOpus } from '../../scripts/audio/opus.ts';
import { readManifest, readTimings } from '../../scripts/audio/timings.ts';
import { readWebm } from '../../scripts/audio/webm.ts';
import { fakeReading, HANDOUT, makeProject, OTHER_TEXT, SECTION_TEXT } from '../helpers/recording-project.ts';

describe('recorded narration', () => {
  let root: string;
  beforeAll(() => {
    root = makeProject();
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('aligns a matching recording to every word (median within 30 ms, none off by 200 ms) at the kiosk loudness', async () => {
    const { wav, starts } = await fakeReading(root, SECTION_TEXT, 175);
    mkdirSync(join(root, 'recordings', 'en', 'demo'), { recursive: true });
    writeFileSync(join(root, 'recordings', 'en', 'demo', 'what.wav'), wav);
    const lines: string[] = [];
    await buildAudio({ root, log: (l) => lines.push(l) });
    expect(lines.join('\n')).toMatch(/recorded {2}recordings\/en\/demo\/what\.wav: \d+ words aligned/);

    const timings = readTimings(join(root, 'audio'), 'en/demo/what.json');
    expect(timings.source).toBe('recording');
    expect(timings.recording).toBe('recordings/en/demo/what.wav');
    const content = buildContent(root);
    const section = content.languages[0]!.handouts[0]!.sections[0]!;
    expect(timings.words).toHaveLength(section.words.length);
    for (const w of timings.words) expect(w.confidence).toBeGreaterThanOrEqual(0);
    const manifest = readManifest(join(root, 'audio')).manifest!;
    expect(manifest.sections['en/demo/what']!.recording).toMatchObject({ status: 'used', file: 'recordings/en/demo/what.wav' });
    expect(starts).toHaveLength(timings.words.length);
    // The build says how much lead-in it trimmed; the timings are on the trimmed audio.
    const cut = Number(/([\d.]+) s and [\d.]+ s of silence trimmed/.exec(lines.join('\n'))![1]);
    const errors = timings.words.map((w, i) => Math.abs(w.start + cut - starts[i]!));
    errors.sort((a, b) => a - b);
    expect(errors[Math.floor(errors.length / 2)]!).toBeLessThan(0.03);
    expect(errors[errors.length - 1]!).toBeLessThan(0.2);

    const webm = readWebm(new Uint8Array(readFileSync(join(root, 'audio/en/demo/what.webm'))));
    const pcm = decodeOpus({ packets: webm.packets.map((p) => p.data), preSkip: webm.preSkip, sampleCount: Math.round(webm.durationSeconds * 48000) });
    expect(
      Math.abs(
        integratedLoudness(
          Float32Array.from(pcm, (s) => s / 32768),
          48000,
        ) - TARGET_LUFS,
      ),
    ).toBeLessThan(1);
    expect(checkAudio(root, content)).toEqual([]);
    expect(voiceSummary(root, content)[0]).toMatchObject({ lang: 'en', recorded: 1, synthesized: 1 });
  }, 60_000);

  it('refuses a recording of another paragraph, naming the sentence, and keeps the synthesized voice', async () => {
    const other = makeProject();
    try {
      writeFileSync(join(other, 'locales', 'en', 'handouts', 'demo.md'), HANDOUT(OTHER_TEXT));
      const { wav } = await fakeReading(other, OTHER_TEXT, 160);
      writeFileSync(join(other, 'locales', 'en', 'handouts', 'demo.md'), HANDOUT(SECTION_TEXT));
      mkdirSync(join(other, 'recordings', 'en', 'demo'), { recursive: true });
      writeFileSync(join(other, 'recordings', 'en', 'demo', 'what.wav'), wav);
      const lines: string[] = [];
      await buildAudio({ root: other, log: (l) => lines.push(l) });
      expect(lines.join('\n')).toMatch(/refused {3}recordings\/en\/demo\/what\.wav stops following the text of section "what" at the sentence "/);
      expect(readTimings(join(other, 'audio'), 'en/demo/what.json').source).toBe('espeak-ng');
      const problems = checkAudio(other, buildContent(other));
      expect(problems).toEqual([
        { file: 'recordings/en/demo/what.wav', message: expect.stringMatching(/^is not used: stops following the text of section "what" at the sentence "[^"]+"/) },
      ]);
      // The same file against the same text is not aligned again.
      const again: string[] = [];
      await buildAudio({ root: other, log: (l) => again.push(l) });
      expect(again.join('\n')).not.toMatch(/refused/);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses a recording that skips a sentence, quoting that sentence', async () => {
    const other = makeProject();
    try {
      const skipped = SECTION_TEXT.split('. ')
        .filter((_, i) => i !== 1)
        .join('. ');
      writeFileSync(join(other, 'locales', 'en', 'handouts', 'demo.md'), HANDOUT(skipped));
      const { wav } = await fakeReading(other, skipped, 160);
      writeFileSync(join(other, 'locales', 'en', 'handouts', 'demo.md'), HANDOUT(SECTION_TEXT));
      mkdirSync(join(other, 'recordings', 'en', 'demo'), { recursive: true });
      writeFileSync(join(other, 'recordings', 'en', 'demo', 'what.wav'), wav);
      await buildAudio({ root: other });
      const manifest = readManifest(join(other, 'audio')).manifest!;
      expect(manifest.sections['en/demo/what']!.recording).toMatchObject({ status: 'refused' });
      expect(manifest.sections['en/demo/what']!.recording!.message).toMatch(/A doctor uses heat|Most people go home/);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  }, 60_000);

  /** Builds a project whose section says SECTION_TEXT, with `wav` as its recording; returns the refusal message. */
  async function refusalOf(wav: Uint8Array): Promise<string | undefined> {
    const other = makeProject();
    try {
      mkdirSync(join(other, 'recordings', 'en', 'demo'), { recursive: true });
      writeFileSync(join(other, 'recordings', 'en', 'demo', 'what.wav'), wav);
      await buildAudio({ root: other });
      const note = readManifest(join(other, 'audio')).manifest!.sections['en/demo/what']!.recording!;
      expect(readTimings(join(other, 'audio'), 'en/demo/what.json').source).toBe(note.status === 'used' ? 'recording' : 'espeak-ng');
      return note.status === 'refused' ? note.message : undefined;
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  }

  // The French reading of the section, filed under English on a kiosk that speaks both: a warping
  // path follows it well enough to pass every test of scripts/audio/force-align.ts (eSpeak's two
  // renderings share the section's rhythm), but the French rendering matches it better.
  it('refuses a recording in another of the kiosk’s languages (the French text, read by a French voice), naming the language', async () => {
    const french = [
      'L’ablation nerveuse est un traitement de la douleur qui dure dans le dos ou le cou.',
      'Un médecin utilise la chaleur pour empêcher un petit nerf d’envoyer des signaux de douleur.',
      'La plupart des gens rentrent chez eux le jour même et se reposent un moment.',
    ].join(' ');
    const { wav } = await fakeReading(root, french, 160, { voice: 'fr', heading: 'Ce que c’est.' });
    const other = makeProject({ french });
    try {
      mkdirSync(join(other, 'recordings', 'en', 'demo'), { recursive: true });
      writeFileSync(join(other, 'recordings', 'en', 'demo', 'what.wav'), wav);
      await buildAudio({ root: other, languages: ['en'] });
      const note = readManifest(join(other, 'audio')).manifest!.sections['en/demo/what']!.recording!;
      expect(note.status).toBe('refused');
      expect(note.message).toMatch(/^stops following the text of section "what" at the sentence "What it is": it sounds like the fr text of this section rather than the en one/);
      expect(readTimings(join(other, 'audio'), 'en/demo/what.json').source).toBe('espeak-ng');
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  }, 90_000);

  it('refuses a recording with a sentence added at the end, quoting where it stops following', async () => {
    const { wav } = await fakeReading(root, `${SECTION_TEXT} Call your doctor if the pain gets worse after you go home.`, 160);
    expect(await refusalOf(wav)).toMatch(/^stops following the text of section "what" at the sentence "[^"]+"/);
  }, 90_000);

  it('refuses a recording with a sentence added in the middle, quoting where it stops following', async () => {
    const added = SECTION_TEXT.replace('or neck. ', 'or neck. Tell the nurse if you take medicine that thins your blood. ');
    const { wav } = await fakeReading(root, added, 160);
    expect(await refusalOf(wav)).toMatch(/^stops following the text of section "what" at the sentence "(Nerve ablation|A doctor uses heat)[^"]+"/);
  }, 90_000);

  it('reports a recording as stale when the text changes after it was recorded, and goes back to synthesis', async () => {
    writeFileSync(join(root, 'locales', 'en', 'handouts', 'demo.md'), HANDOUT(SECTION_TEXT.replace('the same day', 'that day')));
    expect(checkAudio(root, buildContent(root))[0]).toMatchObject({
      file: 'recordings/en/demo/what.wav',
      message: expect.stringMatching(/is stale: the text of section "what" changed after it was recorded/),
    });
    const lines: string[] = [];
    await buildAudio({ root, log: (l) => lines.push(l) });
    expect(lines.join('\n')).toMatch(/stale {5}recordings\/en\/demo\/what\.wav/);
    expect(readTimings(join(root, 'audio'), 'en/demo/what.json').source).toBe('espeak-ng');
    expect(checkAudio(root, buildContent(root))).toEqual([{ file: 'recordings/en/demo/what.wav', message: expect.stringMatching(/^is stale/) }]);
    expect(voiceSummary(root, buildContent(root))[0]).toMatchObject({ recorded: 0, synthesized: 2 });
  }, 60_000);

  it('names a file that is not audio, and a recording for no section', async () => {
    const other = makeProject();
    try {
      mkdirSync(join(other, 'recordings', 'en', 'demo'), { recursive: true });
      writeFileSync(join(other, 'recordings', 'en', 'demo', 'what.mp3'), 'not audio at all');
      writeFileSync(join(other, 'recordings', 'en', 'demo', 'wat.wav'), 'x');
      await expect(decodeRecording(new Uint8Array(Buffer.from('not audio')), 'recordings/en/demo/what.mp3')).rejects.toThrow(/what\.mp3/);
      await buildAudio({ root: other });
      const problems = checkAudio(other, buildContent(other));
      expect(problems).toContainEqual({ file: 'recordings/en/demo/what.mp3', message: expect.stringMatching(/^is not used: is not a WAV, FLAC, MP3 or Ogg/) });
      expect(problems).toContainEqual({ file: 'recordings/en/demo/wat.wav', message: expect.stringMatching(/matches no section: there is no section "wat"/) });
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  }, 60_000);
});
