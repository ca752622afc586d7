/**
 * The Festival speech synthesizer (Debian's `festival` with its diphone voices), used only to measure
 * the aligner: it is a different synthesizer from eSpeak, with another voice, another prosody and
 * another idea of how long each sound lasts, and it says exactly when each word starts, so its speech
 * stands in for a human recording whose word times are known. Never used by `npm run audio`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { group } from '../lib/regex.ts';
import { decodeRecording } from './decode.ts';

export interface FestivalSpeech {
  samples: Float32Array;
  sampleRate: number;
  /** One per whitespace token of the text given, in order: the token and when its first word starts (s). */
  tokens: { text: string; start: number }[];
}

/** Festival voices by language, as Debian's festvox-* packages install them. */
export const FESTIVAL_VOICES: Readonly<Record<string, string>> = {
  en: 'kal_diphone', // festvox-kallpc16k
  it: 'pc_diphone', // festvox-itapc16k
};

export function festivalAvailable(lang = 'en'): boolean {
  const voice = FESTIVAL_VOICES[lang];
  if (!voice) return false;
  const folder = lang === 'en' ? 'english' : lang === 'it' ? 'italian' : lang;
  return existsSync('/usr/bin/festival') && existsSync(`/usr/share/festival/voices/${folder}/${voice}`);
}

/**
 * Speaks `text` (plain text: words, spaces, punctuation) with Festival. `stretch` > 1 is slower
 * (Festival's Duration_Stretch: the reference times stay exact, unlike stretching the audio after).
 */
export async function festivalSpeak(text: string, lang: string, stretch = 1): Promise<FestivalSpeech> {
  const voice = FESTIVAL_VOICES[lang];
  if (!voice) throw new Error(`no Festival voice for "${lang}"`);
  const dir = mkdtempSync(join(tmpdir(), 'festival-'));
  try {
    const wav = join(dir, 'speech.wav');
    const script = [
      `(voice_${voice})`,
      `(Parameter.set 'Duration_Stretch ${stretch})`,
      `(set! utt (Utterance Text ${schemeString(text)}))`,
      '(utt.synth utt)',
      `(utt.save.wave utt ${schemeString(wav)} 'riff)`,
      // A token's first word starts where its first segment starts; punctuation tokens have no word.
      `(mapcar (lambda (tok) (if (item.daughter1 tok) (format t "TOKEN\\t%s\\t%s\\n" (item.name tok) (item.feat (item.daughter1 tok) "word_start")))) (utt.relation.items utt 'Token))`,
    ].join('\n');
    // Festival reads ISO-8859-1: Italian accents must arrive as one byte each.
    writeFileSync(join(dir, 'script.scm'), script, 'latin1');
    const output = execFileSync('festival', ['-b', join(dir, 'script.scm')], { encoding: 'latin1', maxBuffer: 64 * 1024 * 1024 });
    const tokens: { text: string; start: number }[] = [];
    for (const line of output.split('\n')) {
      const match = /^TOKEN\t(.*)\t([\d.eE+-]+)$/.exec(line);
      if (match) tokens.push({ text: group(match, 1), start: Number(match[2]) });
    }
    const audio = await decodeRecording(new Uint8Array(readFileSync(wav)), wav);
    return { ...audio, tokens };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function schemeString(text: string): string {
  // Curly quotes have no ISO-8859-1 byte, and the Italian voice stops on guillemets: straighten
  // them first, then escape for Scheme.
  const plain = text.replace(/[‘’]/g, "'").replace(/[“”«»]/g, '"');
  return `"${plain.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
