/**
 * Speech → Opus packets at 24 kbps with `opusscript` (libopus compiled to WebAssembly; nothing to
 * install beyond `npm ci`). Opus needs 48 kHz (or 24, 16, 12, 8 kHz) input, so the engine's
 * 22,050 Hz samples are resampled first.
 */
import { createRequire } from 'node:module';
import { resample } from './resample.ts';

export const OPUS_RATE = 48_000;
/** 20 ms frames: the usual Opus frame; a seek lands on any sample because decoders trim within a frame. */
export const FRAME_SAMPLES = 960;
export const BITRATE = 24_000;
/**
 * The encoder's look-ahead at 48 kHz for the VOIP application (2.5 ms + 4 ms delay compensation):
 * decoded audio is this many samples late, so it goes in the file as pre-skip and players drop it.
 * The end-to-end test measures it on a click, so a libopus change that moves it fails there.
 */
export const ENCODER_DELAY = 312;

// OPUS_SET_* request numbers from opus_defines.h.
const SET_COMPLEXITY = 4010;
const SET_SIGNAL = 4024;
const SIGNAL_VOICE = 3001;

export interface OpusStream {
  packets: Uint8Array[];
  /** Samples (48 kHz) to drop from the start of the decoded audio. */
  preSkip: number;
  /** Real samples (48 kHz) after the pre-skip; the rest of the last frame is padding. */
  sampleCount: number;
  /** The rate of the audio before resampling, recorded in the Opus header. */
  inputRate: number;
}

interface OpusCodec {
  setBitrate(bitrate: number): void;
  encoderCTL(ctl: number, arg: number): void;
  /** `pcm` is little-endian 16-bit PCM as bytes: the C side re-packs byte pairs (an Int16Array gives noise). */
  encode(pcm: Uint8Array, frameSize: number): Uint8Array;
  decode(packet: Uint8Array): Uint8Array;
  delete(): void;
}

type OpusScriptClass = (new (rate: number, channels: number, application: number) => OpusCodec) & {
  Application: { VOIP: number; AUDIO: number };
};

const OpusScript = createRequire(import.meta.url)('opusscript') as OpusScriptClass;

export function encodeOpus(samples: Int16Array, sampleRate: number): OpusStream {
  const pcm = resample(samples, sampleRate, OPUS_RATE);
  const encoder = new OpusScript(OPUS_RATE, 1, OpusScript.Application.VOIP);
  try {
    encoder.setBitrate(BITRATE);
    encoder.encoderCTL(SET_COMPLEXITY, 10);
    encoder.encoderCTL(SET_SIGNAL, SIGNAL_VOICE);
    const packets: Uint8Array[] = [];
    // Feed enough frames that the last real sample comes out of the encoder despite its delay.
    const frames = Math.ceil((pcm.length + ENCODER_DELAY) / FRAME_SAMPLES);
    const frame = new Int16Array(FRAME_SAMPLES);
    const frameBytes = new Uint8Array(frame.buffer); // little-endian on every platform Node runs on
    for (let f = 0; f < frames; f++) {
      frame.fill(0);
      frame.set(pcm.subarray(f * FRAME_SAMPLES, Math.min(pcm.length, (f + 1) * FRAME_SAMPLES)));
      packets.push(new Uint8Array(encoder.encode(frameBytes, FRAME_SAMPLES)));
    }
    return { packets, preSkip: ENCODER_DELAY, sampleCount: pcm.length, inputRate: sampleRate };
  } finally {
    encoder.delete();
  }
}

/** Decodes packets back to 48 kHz samples, pre-skip and padding removed (for tests and checks). */
export function decodeOpus(stream: Pick<OpusStream, 'packets' | 'preSkip' | 'sampleCount'>): Int16Array {
  const decoder = new OpusScript(OPUS_RATE, 1, OpusScript.Application.VOIP);
  try {
    const out = new Int16Array(stream.packets.length * FRAME_SAMPLES * 3);
    let at = 0;
    for (const packet of stream.packets) {
      const bytes = decoder.decode(packet);
      const pcm = new Int16Array(bytes.byteLength / 2);
      new Uint8Array(pcm.buffer).set(bytes);
      out.set(pcm, at);
      at += pcm.length;
    }
    return out.slice(stream.preSkip, Math.min(at, stream.preSkip + stream.sampleCount));
  } finally {
    decoder.delete();
  }
}
