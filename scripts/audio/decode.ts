/**
 * A staff recording (WAV, FLAC, MP3, Ogg Opus or Ogg Vorbis, any rate, mono or stereo) → mono float
 * samples at its own rate. npm decoders only (WebAssembly builds of libFLAC, mpg123, libopus and
 * libvorbis, and wavefile for every WAV flavour), so a clinic needs no ffmpeg or sox. Build time only.
 *
 * The format is told from the file's first bytes, not its name: a phone's "recording.wav" is often
 * an MP3 or an AAC in disguise, and the message should say what the file really is.
 */
import { createRequire } from 'node:module';
import { InputError } from '../lib/input-error.ts';

export interface DecodedAudio {
  /** Mono, −1…1. Stereo and more are averaged: a reader's voice is in every channel. */
  samples: Float32Array;
  sampleRate: number;
}

/** The extensions `recordings/` accepts, in the order the README lists them. */
export const RECORDING_EXTENSIONS = ['wav', 'flac', 'mp3', 'ogg', 'opus', 'oga'] as const;

type Format = 'wav' | 'flac' | 'mp3' | 'opus' | 'vorbis';

interface DecodedChannels {
  channelData: Float32Array[];
  sampleRate: number;
  errors?: { message: string }[];
}

/** Throws InputError naming `file` when the bytes are not audio it can read. */
export async function decodeRecording(bytes: Uint8Array, file: string): Promise<DecodedAudio> {
  const format = sniff(bytes);
  if (!format) {
    throw new InputError([{ file, message: `is not a WAV, FLAC, MP3 or Ogg (Opus or Vorbis) file${describeOther(bytes)}; export the recording as WAV or FLAC` }]);
  }
  let decoded: DecodedChannels;
  try {
    decoded = await decodeAs(format, bytes);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError([{ file, message: `could not be decoded as ${format.toUpperCase()} (${(error as Error).message}); export it again as WAV or FLAC` }]);
  }
  const channels = decoded.channelData.filter((c) => c.length > 0);
  if (!channels.length || !decoded.sampleRate) {
    throw new InputError([{ file, message: `holds no audio (${format.toUpperCase()} with no samples)` }]);
  }
  const length = Math.min(...channels.map((c) => c.length));
  const samples = new Float32Array(length);
  // i < length, the shortest channel's, so neither default is ever taken.
  for (const channel of channels) for (let i = 0; i < length; i++) samples[i] = (samples[i] ?? 0) + (channel[i] ?? 0) / channels.length;
  return { samples, sampleRate: decoded.sampleRate };
}

/** Whether the bytes at `at` spell `text`, a short ASCII signature. */
function hasAscii(b: Uint8Array, at: number, text: string): boolean {
  return Array.from(text).every((ch, i) => b[at + i] === ch.charCodeAt(0));
}

function sniff(b: Uint8Array): Format | undefined {
  const ascii = (at: number, text: string) => hasAscii(b, at, text);
  if ((ascii(0, 'RIFF') || ascii(0, 'RIFX') || ascii(0, 'RF64')) && ascii(8, 'WAVE')) return 'wav';
  if (ascii(0, 'fLaC')) return 'flac';
  if (ascii(0, 'OggS')) {
    // The first page holds the codec's identification header right after the segment table.
    const head = new TextDecoder('latin1').decode(b.subarray(0, 128));
    if (head.includes('OpusHead')) return 'opus';
    if (head.includes('\u0001vorbis')) return 'vorbis';
    if (head.includes('\u007fFLAC')) return undefined; // Ogg FLAC: rare; say so below
    return undefined;
  }
  if (ascii(0, 'ID3')) return 'mp3';
  // An MPEG audio frame sync (11 bits set), layer III/II/I, not "reserved".
  const second = b[1] ?? 0;
  if (b[0] === 0xff && (second & 0xe0) === 0xe0 && (second & 0x06) !== 0) return 'mp3';
  return undefined;
}

function describeOther(b: Uint8Array): string {
  const ascii = (at: number, text: string) => hasAscii(b, at, text);
  if (ascii(4, 'ftyp')) return ' (it looks like an M4A/AAC or MP4 file)';
  if (b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) return ' (it looks like a WebM or Matroska file)';
  if (ascii(0, 'OggS')) return ' (an Ogg file, but not Opus or Vorbis)';
  if (b.length === 0) return ' (it is empty)';
  return '';
}

const require = createRequire(import.meta.url);

async function decodeAs(format: Format, bytes: Uint8Array): Promise<DecodedChannels> {
  switch (format) {
    case 'wav':
      return decodeWav(bytes);
    case 'mp3': {
      const { MPEGDecoder } = await import('mpg123-decoder');
      const decoder = new MPEGDecoder();
      await decoder.ready;
      try {
        return withoutFatalErrors(decoder.decode(bytes));
      } finally {
        decoder.free();
      }
    }
    case 'flac': {
      const { FLACDecoder } = await import('@wasm-audio-decoders/flac');
      const decoder = new FLACDecoder();
      await decoder.ready;
      try {
        return withoutFatalErrors(await decoder.decodeFile(bytes));
      } finally {
        decoder.free();
      }
    }
    case 'opus': {
      const { OggOpusDecoder } = await import('ogg-opus-decoder');
      const decoder = new OggOpusDecoder();
      await decoder.ready;
      try {
        return withoutFatalErrors(await decoder.decodeFile(bytes));
      } finally {
        decoder.free();
      }
    }
    case 'vorbis': {
      const { OggVorbisDecoder } = await import('@wasm-audio-decoders/ogg-vorbis');
      const decoder = new OggVorbisDecoder();
      await decoder.ready;
      try {
        return withoutFatalErrors(await decoder.decodeFile(bytes));
      } finally {
        decoder.free();
      }
    }
  }
}

/** A damaged frame or two is survivable (the decoders skip them); a file that is mostly errors is not. */
function withoutFatalErrors(decoded: DecodedChannels): DecodedChannels {
  const samples = decoded.channelData[0]?.length ?? 0;
  const [firstError] = decoded.errors ?? [];
  if (firstError && samples === 0) throw new Error(firstError.message);
  return decoded;
}

interface WaveFileLike {
  fmt: { audioFormat: number; numChannels: number; sampleRate: number; bitsPerSample: number; validBitsPerSample?: number; subformat?: number[] };
  data: { samples: Uint8Array };
  container: string;
  bitDepth: string;
  toBitDepth(depth: string): void;
  getSamples(interleaved?: boolean, type?: unknown): Float64Array | Float64Array[];
  fromALaw(): void;
  fromMuLaw(): void;
  fromIMAADPCM(): void;
}

/**
 * wavefile reads every WAV flavour's chunks; the samples of plain PCM and float files (nearly every
 * recorder's output) are converted here, because wavefile's own conversion took 6.5 s for 13 s of
 * 44.1 kHz stereo. A-law, µ-law and IMA ADPCM go through wavefile.
 */
function decodeWav(bytes: Uint8Array): DecodedChannels {
  const { WaveFile } = require('wavefile') as { WaveFile: new (bytes: Uint8Array) => WaveFileLike };
  const wav = new WaveFile(bytes);
  // Read before converting: toBitDepth() rebuilds the fmt chunk (its sampleRate then reads 0).
  const { audioFormat, sampleRate, numChannels, bitsPerSample } = wav.fmt;
  // WAVE_FORMAT_EXTENSIBLE names the real format in the first bytes of its sub-format GUID.
  const format = audioFormat === 0xfffe ? (wav.fmt.subformat?.[0] ?? 1) & 0xffff : audioFormat;
  const littleEndian = wav.container !== 'RIFX';
  if (littleEndian && ((format === 1 && [8, 16, 24, 32].includes(bitsPerSample)) || (format === 3 && [32, 64].includes(bitsPerSample)))) {
    return { channelData: planarPcm(wav.data.samples, numChannels, bitsPerSample, format === 3), sampleRate };
  }
  if (format === 6) wav.fromALaw();
  else if (format === 7) wav.fromMuLaw();
  else if (format === 17) wav.fromIMAADPCM();
  if (wav.bitDepth !== '32f') wav.toBitDepth('32f');
  const raw = wav.getSamples(false, Float32Array);
  const channelData = (Array.isArray(raw) ? raw : [raw]) as unknown as Float32Array[];
  return { channelData, sampleRate };
}

function planarPcm(data: Uint8Array, channels: number, bits: number, float: boolean): Float32Array[] {
  const width = bits / 8;
  const frames = Math.floor(data.length / (width * channels));
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const out = Array.from({ length: channels }, () => new Float32Array(frames));
  for (const [c, channel] of out.entries()) {
    for (let f = 0; f < frames; f++) {
      const at = (f * channels + c) * width;
      let v: number;
      if (float) v = bits === 32 ? view.getFloat32(at, true) : view.getFloat64(at, true);
      else if (bits === 8) v = (view.getUint8(at) - 128) / 128; // 8-bit WAV is unsigned
      else if (bits === 16) v = view.getInt16(at, true) / 32768;
      else if (bits === 24) v = (((view.getUint8(at + 2) << 24) | (view.getUint8(at + 1) << 16) | (view.getUint8(at) << 8)) >> 8) / 8388608;
      else v = view.getInt32(at, true) / 2147483648;
      channel[f] = v;
    }
  }
  return out;
}
