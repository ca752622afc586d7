/**
 * Staff recordings: `recordings/<lang>/<handout>/<section-id>.<ext>`, one file per section. Finds the
 * one for a section, fingerprints it, and says whether it is current, refused or stale from what
 * `npm run audio` noted about it in the manifest (RecordingNote).
 *
 * A recording is current for the text it was accepted with: the manifest keeps the text's hashes
 * from that day. When the section's text (or its spoken form: the nurse line) changes later, the same
 * file is stale: it says the old words, so the kiosk goes back to the synthesized voice until someone
 * records the section again. A new or changed file is aligned against the current text.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InputProblem } from '../lib/input-error.ts';
import { RECORDING_EXTENSIONS } from './decode.ts';
import type { ManifestEntry, RecordingNote } from './timings.ts';

export const RECORDINGS_FOLDER = 'recordings';

export interface RecordingFile {
  /** Relative to the project, with forward slashes: `recordings/en/demo/call.wav`. */
  file: string;
  path: string;
  sha256: string;
}

/** The recording for a section, or undefined. Two files for one section is an error. */
export function findRecording(root: string, lang: string, handout: string, section: string): RecordingFile | undefined {
  const folder = join(root, RECORDINGS_FOLDER, lang, handout);
  if (!existsSync(folder)) return undefined;
  const matches = readdirSync(folder).filter((name) => {
    const dot = name.lastIndexOf('.');
    return dot > 0 && name.slice(0, dot) === section && (RECORDING_EXTENSIONS as readonly string[]).includes(name.slice(dot + 1).toLowerCase());
  });
  // Deterministic when staff leave two takes: the first by name; the check reports the others.
  const [name] = matches.sort();
  if (name === undefined) return undefined;
  const path = join(folder, name);
  return { file: `${RECORDINGS_FOLDER}/${lang}/${handout}/${name}`, path, sha256: createHash('sha256').update(readFileSync(path)).digest('hex') };
}

/** Every file under recordings/<lang>/<handout>/ that is a recording of some section, for the "no such section" check. */
export function listRecordings(root: string): string[] {
  const base = join(root, RECORDINGS_FOLDER);
  if (!existsSync(base)) return [];
  return readdirSync(base, { recursive: true, encoding: 'utf8' })
    .map((p) => p.split('\\').join('/'))
    .filter((p) => p.split('/').length === 3 && (RECORDING_EXTENSIONS as readonly string[]).includes(p.slice(p.lastIndexOf('.') + 1).toLowerCase()))
    .map((p) => `${RECORDINGS_FOLDER}/${p}`);
}

/**
 * What the check says about a section's recording, beyond what inspectSection already covers
 * (missing or changed files make the audio stale there). Refused and stale recordings are errors:
 * the clinic asked for a human voice and is not getting it.
 */
export function recordingProblems(recording: RecordingFile | undefined, entry: ManifestEntry | undefined, sectionId: string): InputProblem[] {
  const note = entry?.recording;
  if (!recording || !note || note.sha256 !== recording.sha256) return [];
  if (note.status === 'refused') {
    return [{ file: recording.file, message: `is not used: ${note.message ?? 'it does not follow the text'}; section "${sectionId}" keeps the synthesized voice until it is recorded again` }];
  }
  if (note.status === 'stale') {
    return [{ file: recording.file, message: `is stale: the text of section "${sectionId}" changed after it was recorded; it keeps the synthesized voice until it is recorded again (npm run audio -- --script <lang> prints the text to read)` }];
  }
  return [];
}

/** The hashes a recording must have been accepted with to be current. */
export function isStale(note: RecordingNote, textHash: string, readingHash: string): boolean {
  return note.textHash !== textHash || note.readingHash !== readingHash;
}
