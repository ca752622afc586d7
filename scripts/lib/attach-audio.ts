/**
 * Gives each section its prepared audio when that audio is present, whole and made from the
 * section's current text; otherwise leaves `audio: null` (the kiosk then uses the browser's voice or
 * shows the text only) and says why, so a handout edited without re-running `npm run audio` still
 * builds, and never highlights the wrong words.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspectSection, planSpeech, readManifest } from '../audio/check-audio.ts';
import { sectionFiles, type TimingsFile } from '../audio/timings.ts';
import type { ContentBundle } from './build-content.ts';
import { InputError, type InputProblem } from './input-error.ts';

export interface AudioAttachment {
  /** Absolute path of the audio file; the Vite plugin turns it into an asset URL. */
  file: string;
  duration: number;
  wordStarts: number[];
  wordEnds: number[];
  sentenceStarts: number[];
  sentenceEnds: number[];
  voice: 'recorded' | 'synthesized';
}

export function attachAudio(content: ContentBundle): { attachments: Map<string, AudioAttachment>; problems: InputProblem[] } {
  const attachments = new Map<string, AudioAttachment>();
  const audioDir = join(content.root, 'audio');
  const { manifest, problem } = readManifest(audioDir);
  if (!manifest) return { attachments, problems: [{ file: 'audio/manifest.json', message: problem ?? 'is missing' }] };
  let plans;
  try {
    plans = planSpeech(content.root, content);
  } catch (error) {
    if (error instanceof InputError) return { attachments, problems: error.problems };
    throw error;
  }
  const problems: InputProblem[] = [];
  for (const plan of plans) {
    for (const target of plan.targets) {
      const found = inspectSection(audioDir, target, manifest.sections[target.key]);
      if (found.length) {
        problems.push(...found);
        continue;
      }
      const files = sectionFiles(target.lang, target.handout, target.section.id);
      const timings = JSON.parse(readFileSync(join(audioDir, files.timings), 'utf8')) as TimingsFile;
      const words = [...timings.words].sort((a, b) => a.index - b.index);
      const sentences = [...timings.sentences].sort((a, b) => a.index - b.index);
      attachments.set(target.key, {
        file: join(audioDir, files.audio),
        duration: timings.duration,
        wordStarts: words.map((w) => w.start),
        wordEnds: words.map((w) => w.end),
        sentenceStarts: sentences.map((s) => s.start),
        sentenceEnds: sentences.map((s) => s.end),
        voice: timings.source === 'recording' ? 'recorded' : 'synthesized',
      });
    }
  }
  return { attachments, problems };
}
