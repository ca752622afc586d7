/**
 * Gives each section its prepared audio when that audio is present, whole and made from the
 * section's current text; otherwise leaves `audio: null` (the kiosk then uses the browser's voice or
 * shows the text only) and says why, so a handout edited without re-running `npm run audio` still
 * builds, and never highlights the wrong words.
 */
import { join } from 'node:path';
import { inspectSectionAudio, planSpeech } from '../audio/check-audio.ts';
import { readManifest, sectionFiles } from '../audio/timings.ts';
import type { SectionAudio } from '../../src/content/model.ts';
import type { ContentBundle } from './build-content.ts';
import { InputError, type InputProblem } from './input-error.ts';

/**
 * A section's `SectionAudio` as the build knows it: the file where the kiosk will have a URL
 * (the Vite plugin turns one into the other), the same timings and voice otherwise.
 */
export type AudioAttachment = Omit<SectionAudio, 'src' | 'voice'> & {
  /** Absolute path of the audio file. */
  file: string;
  voice: NonNullable<SectionAudio['voice']>;
};

export function attachAudio(content: ContentBundle): { attachments: Map<string, AudioAttachment>; problems: InputProblem[] } {
  const attachments = new Map<string, AudioAttachment>();
  const audioDir = join(content.root, 'audio');
  const { manifest, problems: unreadable } = readManifest(audioDir);
  if (!manifest) return { attachments, problems: unreadable };
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
      const { problems: found, timings } = inspectSectionAudio(audioDir, target, manifest.sections[target.key]);
      if (!timings) {
        problems.push(...found);
        continue;
      }
      const files = sectionFiles(target.lang, target.handout, target.section.id);
      const words = [...timings.words].sort((a, b) => a.index - b.index);
      const sentences = [...timings.sentences].sort((a, b) => a.index - b.index);
      attachments.set(target.key, {
        file: join(audioDir, files.audio),
        duration: timings.duration,
        wordStarts: words.map((w) => w.start),
        sentenceStarts: sentences.map((s) => s.start),
        voice: timings.source === 'recording' ? 'recorded' : 'synthesized',
      });
    }
  }
  return { attachments, problems };
}
