/**
 * A tiny project for recorded narration, and a stand-in for a person reading into it: shared by the
 * audio build's tests (tests/unit/audio-recording.test.ts) and the kiosk's (tests/browser/recording.test.ts).
 * No committed audio fixtures: the "recording" is made here, so its own word times are known.
 */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { alignWords } from '../../scripts/audio/align.ts';
import { planSpeech } from '../../scripts/audio/check-audio.ts';
import { loadEngine } from '../../scripts/audio/engine.ts';
import { buildContent } from '../../scripts/lib/build-content.ts';
import { loadConfig } from '../../scripts/lib/load-config.ts';

const project = fileURLToPath(new URL('../..', import.meta.url));

export const SECTION_TEXT = [
  'Nerve ablation is a treatment for pain that lasts in the back or neck.',
  'A doctor uses heat to stop a small nerve from sending pain signals.',
  'Most people go home the same day and rest for a while.',
].join(' ');
export const OTHER_TEXT = 'Take this medicine with food. Do not drive after your first dose. Keep it away from children.';

export const HANDOUT = (rest: string) => `---
id: demo
summary: A demo.
source: Test.
licence: Test.
translation: original
---

# Demo

## What it is {#what}

${rest}

## Rest {#rest}

Rest well.
`;

/**
 * A kiosk speaking English, and French too when `french` (the section's French text) is given. With
 * `kiosk`, everything a production build needs besides: the real configuration's other settings, the
 * English interface strings and the figures.
 */
export function makeProject({ french, kiosk = false }: { french?: string; kiosk?: boolean } = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'kiosk-recording-'));
  const config = {
    ...(kiosk ? { ...loadConfig(project), $schema: undefined } : {}),
    languages: french ? ['en', 'fr'] : ['en'],
    defaultLanguage: 'en',
    handouts: ['demo'],
    idle: { timeoutSeconds: 90, warningSeconds: 30 },
    audio: { rate: 1, volume: 0.8, autoAdvance: false },
    speech: { en: { voice: 'en-us', wordsPerMinute: 145 }, ...(french ? { fr: { voice: 'fr', wordsPerMinute: 145 } } : {}) },
    site: { name: 'Test clinic', nurseLine: '811' },
    staff: { pinHash: 'pbkdf2-sha256$100000$aCJhJI3AP7Byvf3IAAc53Q$ASg20jLMJGIgipOZ-04-39dIUpZx-nJiYMhiarWcGvc' },
  };
  writeFileSync(join(root, 'kiosk.config.json'), JSON.stringify(config));
  mkdirSync(join(root, 'locales', 'en', 'handouts'), { recursive: true });
  if (kiosk) {
    cpSync(join(project, 'locales/en/ui.json'), join(root, 'locales/en/ui.json'));
    cpSync(join(project, 'locales/figures'), join(root, 'locales/figures'), { recursive: true });
  } else {
    writeFileSync(join(root, 'locales', 'en', 'ui.json'), JSON.stringify({ meta: { languageName: 'English' } }));
  }
  writeFileSync(join(root, 'locales', 'en', 'handouts', 'demo.md'), HANDOUT(SECTION_TEXT));
  if (french) {
    mkdirSync(join(root, 'locales', 'fr', 'handouts'), { recursive: true });
    writeFileSync(join(root, 'locales', 'fr', 'ui.json'), JSON.stringify({ meta: { languageName: 'Français' } }));
    writeFileSync(
      join(root, 'locales', 'fr', 'handouts', 'demo.md'),
      HANDOUT(french)
        .replace('translation: original', 'translation: draft')
        .replace('## What it is {#what}', '## Ce que c’est {#what}')
        .replace('Rest well.', 'Reposez-vous bien.'),
    );
  }
  return root;
}

/**
 * A stand-in for a person reading `text`: eSpeak's Scottish English voice at another speed, with half a second
 * of room noise before and after, a long pause between sentences, at 44.1 kHz stereo and −30 dBFS-ish.
 * Returns the WAV bytes and when each display word starts in it.
 */
export async function fakeReading(
  root: string,
  text: string,
  wordsPerMinute: number,
  { voice = 'en-gb-scotland', heading = 'What it is.' } = {},
): Promise<{ wav: Uint8Array; starts: number[] }> {
  const engine = await loadEngine();
  const content = buildContent(root);
  const target = planSpeech(root, content)[0]!.targets.find((t) => t.section.id === 'what')!;
  // A reader reads the heading too, as the reading script shows.
  const sentences = [heading, ...text.match(/[^.]+\./g)!.map((s) => s.trim())];
  const rate = 44_100;
  let seed = 7;
  const noise = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32 - 0.5) * 0.002;
  const pieces: Float32Array[] = [];
  const silence = (seconds: number) => Float32Array.from({ length: Math.round(seconds * rate) }, noise);
  const starts: number[] = [];
  let at = 0;
  pieces.push(silence(0.5));
  at += 0.5;
  for (const [n, sentence] of sentences.entries()) {
    const speech = { text: sentence, displayOffsets: Array.from(sentence).map((_, i) => i) };
    const synthesis = engine.synthesize(sentence, { voice, wordsPerMinute });
    const words = sentence.split(' ').reduce<{ start: number; end: number; index: number }[]>((list, w) => {
      const start = list.length ? list[list.length - 1]!.end + 1 : 0;
      return [...list, { start, end: start + w.length, index: list.length }];
    }, []);
    const timed = alignWords({ words: words, sentences: [] }, speech, synthesis.events, Math.floor((synthesis.samples.length * 1000) / synthesis.sampleRate));
    for (const w of timed.words) starts.push(at + w.start);
    // 22,050 → 44,100 by repeating samples: crude, but a recording's rate is whatever the recorder chose.
    const up = new Float32Array(synthesis.samples.length * 2);
    for (let i = 0; i < up.length; i++) up[i] = (synthesis.samples[i >> 1]! / 32768) * 0.3 + noise();
    pieces.push(up);
    at += up.length / rate;
    const pause = n === 0 ? 1.4 : 0.5;
    pieces.push(silence(pause));
    at += pause;
  }
  const mono = new Float32Array(pieces.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of pieces) {
    mono.set(p, o);
    o += p.length;
  }
  const { WaveFile } = createRequire(import.meta.url)('wavefile') as {
    WaveFile: new () => { fromScratch(c: number, r: number, d: string, s: unknown): void; toBuffer(): Uint8Array };
  };
  const wav = new WaveFile();
  const pcm = Int16Array.from(mono, (s) => Math.round(s * 32767));
  wav.fromScratch(2, rate, '16', [pcm, pcm]);
  // The stand-in reads the heading as staff would: the project's reading script must start with it too.
  if (!target.reading.text.startsWith('What it is.')) throw new Error('the reading script of section "what" does not start with its heading, "What it is."');
  return { wav: wav.toBuffer(), starts };
}
