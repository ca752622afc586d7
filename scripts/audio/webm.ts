/**
 * A minimal WebM (Matroska) writer and reader for one mono Opus track.
 *
 * Written here rather than with `webm-muxer` because a player needs three things that muxer does not
 * write for Opus: CodecDelay (so players drop the encoder's 6.5 ms look-ahead and a word's timing
 * matches what is heard), SeekPreRoll (so a seek decodes 80 ms ahead and lands cleanly), and the
 * exact Duration (webm-muxer stores the last block's start, 20 ms short). The layout follows what
 * FFmpeg writes for Opus in WebM, which every browser with WebM plays: EBML header, Segment
 * { SeekHead, Info, Tracks, Cluster…, Cues }, one Cluster and one CuePoint per second, and
 * DiscardPadding on the last block so the padding of the last frame is not played.
 *
 * The reader is what `npm run check` and the tests use to tell a good file from a corrupt one.
 */
import { FRAME_SAMPLES, OPUS_RATE, type OpusStream } from './opus.ts';

const ID = {
  EBML: 0x1a45dfa3,
  EBMLVersion: 0x4286,
  EBMLReadVersion: 0x42f7,
  EBMLMaxIDLength: 0x42f2,
  EBMLMaxSizeLength: 0x42f3,
  DocType: 0x4282,
  DocTypeVersion: 0x4287,
  DocTypeReadVersion: 0x4285,
  Segment: 0x18538067,
  SeekHead: 0x114d9b74,
  Seek: 0x4dbb,
  SeekID: 0x53ab,
  SeekPosition: 0x53ac,
  Info: 0x1549a966,
  TimestampScale: 0x2ad7b1,
  Duration: 0x4489,
  MuxingApp: 0x4d80,
  WritingApp: 0x5741,
  Tracks: 0x1654ae6b,
  TrackEntry: 0xae,
  TrackNumber: 0xd7,
  TrackUID: 0x73c5,
  TrackType: 0x83,
  FlagLacing: 0x9c,
  CodecID: 0x86,
  CodecPrivate: 0x63a2,
  CodecDelay: 0x56aa,
  SeekPreRoll: 0x56bb,
  Audio: 0xe1,
  SamplingFrequency: 0xb5,
  Channels: 0x9f,
  Cluster: 0x1f43b675,
  Timestamp: 0xe7,
  SimpleBlock: 0xa3,
  BlockGroup: 0xa0,
  Block: 0xa1,
  DiscardPadding: 0x75a2,
  Cues: 0x1c53bb6b,
  CuePoint: 0xbb,
  CueTime: 0xb3,
  CueTrackPositions: 0xb7,
  CueTrack: 0xf7,
  CueClusterPosition: 0xf1,
} as const;

const FRAME_MS = (FRAME_SAMPLES / OPUS_RATE) * 1000; // 20
const FRAMES_PER_CLUSTER = 50; // one second: a cue per second keeps a seek's read short
const SEEK_PRE_ROLL_NS = 80_000_000;
const APP = 'handout-kiosk npm run audio';

// ---------------------------------------------------------------- writing

type Child = Uint8Array;

function idBytes(id: number): Uint8Array {
  const bytes: number[] = [];
  for (let v = id; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Uint8Array.from(bytes);
}

function sizeBytes(size: number, width?: number): Uint8Array {
  let length = width ?? 1;
  if (width === undefined) while (size >= 2 ** (7 * length) - 1) length++;
  const out = new Uint8Array(length);
  let v = size;
  for (let i = length - 1; i >= 0; i--) {
    // The first byte also carries the length marker.
    out[i] = (v & 0xff) | (i === 0 ? 0x80 >> (length - 1) : 0);
    v = Math.floor(v / 256);
  }
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function element(id: number, data: Uint8Array | readonly Child[]): Uint8Array {
  const body = data instanceof Uint8Array ? data : concat(data);
  return concat([idBytes(id), sizeBytes(body.length), body]);
}

function uint(id: number, value: number, width?: number): Uint8Array {
  const bytes: number[] = [];
  for (let v = value; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  while (bytes.length < (width ?? 1)) bytes.unshift(0);
  return element(id, Uint8Array.from(bytes));
}

function int(id: number, value: number): Uint8Array {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigInt64(0, BigInt(value));
  return element(id, new Uint8Array(view.buffer));
}

function float(id: number, value: number): Uint8Array {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  return element(id, new Uint8Array(view.buffer));
}

function text(id: number, value: string): Uint8Array {
  return element(id, new TextEncoder().encode(value));
}

/** The Opus identification header (RFC 7845 §5.1), which WebM carries as CodecPrivate. */
function opusHead(stream: OpusStream): Uint8Array {
  const head = new Uint8Array(19);
  head.set(new TextEncoder().encode('OpusHead'));
  const view = new DataView(head.buffer);
  view.setUint8(8, 1); // version
  view.setUint8(9, 1); // channels
  view.setUint16(10, stream.preSkip, true);
  view.setUint32(12, stream.inputRate, true);
  view.setInt16(16, 0, true); // output gain
  view.setUint8(18, 0); // channel mapping family
  return head;
}

function block(relativeMs: number, packet: Uint8Array, keyframe: boolean): Uint8Array {
  const header = new Uint8Array(4);
  header[0] = 0x81; // track number 1 as a size-coded integer
  new DataView(header.buffer).setInt16(1, relativeMs);
  header[3] = keyframe ? 0x80 : 0;
  return concat([header, packet]);
}

export function writeWebm(stream: OpusStream): Uint8Array {
  const nsPerSample = 1e9 / OPUS_RATE;
  const durationMs = (stream.sampleCount / OPUS_RATE) * 1000;
  const header = element(ID.EBML, [
    uint(ID.EBMLVersion, 1),
    uint(ID.EBMLReadVersion, 1),
    uint(ID.EBMLMaxIDLength, 4),
    uint(ID.EBMLMaxSizeLength, 8),
    text(ID.DocType, 'webm'),
    uint(ID.DocTypeVersion, 4),
    uint(ID.DocTypeReadVersion, 2),
  ]);
  const info = element(ID.Info, [
    uint(ID.TimestampScale, 1_000_000), // block timestamps in ms
    float(ID.Duration, durationMs),
    text(ID.MuxingApp, APP),
    text(ID.WritingApp, APP),
  ]);
  const tracks = element(ID.Tracks, [
    element(ID.TrackEntry, [
      uint(ID.TrackNumber, 1),
      uint(ID.TrackUID, 1),
      uint(ID.TrackType, 2), // audio
      uint(ID.FlagLacing, 0),
      text(ID.CodecID, 'A_OPUS'),
      element(ID.CodecPrivate, opusHead(stream)),
      uint(ID.CodecDelay, Math.round(stream.preSkip * nsPerSample)),
      uint(ID.SeekPreRoll, SEEK_PRE_ROLL_NS),
      element(ID.Audio, [float(ID.SamplingFrequency, OPUS_RATE), uint(ID.Channels, 1)]),
    ]),
  ]);

  // The last frame holds padding past pre-skip + sampleCount; DiscardPadding tells players to drop it.
  const decodedSamples = stream.packets.length * FRAME_SAMPLES;
  const padding = Math.max(0, decodedSamples - stream.preSkip - stream.sampleCount);
  const clusters: { timeMs: number; bytes: Uint8Array }[] = [];
  for (let first = 0; first < stream.packets.length; first += FRAMES_PER_CLUSTER) {
    const timeMs = first * FRAME_MS;
    const blocks: Uint8Array[] = [uint(ID.Timestamp, timeMs)];
    for (const [k, packet] of stream.packets.slice(first, first + FRAMES_PER_CLUSTER).entries()) {
      const i = first + k;
      const relative = k * FRAME_MS;
      if (i === stream.packets.length - 1 && padding > 0) {
        blocks.push(
          element(ID.BlockGroup, [
            element(ID.Block, block(relative, packet, false)),
            int(ID.DiscardPadding, Math.round(padding * nsPerSample)),
          ]),
        );
      } else {
        blocks.push(element(ID.SimpleBlock, block(relative, packet, true)));
      }
    }
    clusters.push({ timeMs, bytes: element(ID.Cluster, blocks) });
  }

  // Positions in SeekHead and Cues count from the start of the Segment's data. SeekPosition is
  // written 8 bytes wide so the SeekHead's size does not depend on the positions it holds.
  const seekEntry = (id: number, position: number) =>
    element(ID.Seek, [element(ID.SeekID, idBytes(id)), uint(ID.SeekPosition, position, 8)]);
  const seekHeadSize = element(ID.SeekHead, [seekEntry(ID.Info, 0), seekEntry(ID.Tracks, 0), seekEntry(ID.Cues, 0)]).length;
  const infoAt = seekHeadSize;
  const tracksAt = infoAt + info.length;
  let clusterAt = tracksAt + tracks.length;
  const cuePoints: Uint8Array[] = [];
  for (const cluster of clusters) {
    cuePoints.push(
      element(ID.CuePoint, [
        uint(ID.CueTime, cluster.timeMs),
        element(ID.CueTrackPositions, [uint(ID.CueTrack, 1), uint(ID.CueClusterPosition, clusterAt)]),
      ]),
    );
    clusterAt += cluster.bytes.length;
  }
  const cues = element(ID.Cues, cuePoints);
  const seekHead = element(ID.SeekHead, [seekEntry(ID.Info, infoAt), seekEntry(ID.Tracks, tracksAt), seekEntry(ID.Cues, clusterAt)]);
  const segment = element(ID.Segment, [seekHead, info, tracks, ...clusters.map((c) => c.bytes), cues]);
  return concat([header, segment]);
}

// ---------------------------------------------------------------- reading

export interface WebmAudio {
  docType: string;
  codecId: string;
  channels: number;
  sampleRate: number;
  /** From the Info Duration element. */
  durationSeconds: number;
  preSkip: number;
  codecDelayNs: number;
  seekPreRollNs: number;
  packets: { timeMs: number; data: Uint8Array; discardPaddingNs: number }[];
  cues: { timeMs: number; clusterPosition: number }[];
  /** Segment-data offsets at which a Cluster starts. */
  clusterPositions: number[];
}

export class WebmError extends Error {}

interface Node {
  id: number;
  start: number;
  dataStart: number;
  end: number;
}

function byteAt(bytes: Uint8Array, at: number): number {
  const byte = bytes[at];
  if (byte === undefined) throw new WebmError(`file ends early at byte ${at}`);
  return byte;
}

function readVint(bytes: Uint8Array, at: number, keepMarker: boolean): { value: number; length: number } {
  const first = byteAt(bytes, at);
  let length = 1;
  while (length <= 8 && !(first & (0x80 >> (length - 1)))) length++;
  if (length > 8) throw new WebmError(`bad element header at byte ${at}`);
  if (at + length > bytes.length) throw new WebmError(`file ends early at byte ${at}`);
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    const next = byteAt(bytes, at + i);
    value = value * 256 + next;
    if (next !== 0xff) allOnes = false;
  }
  return { value: !keepMarker && allOnes ? -1 : value, length };
}

function children(bytes: Uint8Array, start: number, end: number): Node[] {
  const nodes: Node[] = [];
  let at = start;
  while (at < end) {
    const id = readVint(bytes, at, true);
    const size = readVint(bytes, at + id.length, false);
    const dataStart = at + id.length + size.length;
    const nodeEnd = size.value < 0 ? end : dataStart + size.value;
    if (nodeEnd > end) throw new WebmError(`element 0x${id.value.toString(16)} at byte ${at} runs past its parent (file cut short?)`);
    nodes.push({ id: id.value, start: at, dataStart, end: nodeEnd });
    at = nodeEnd;
  }
  return nodes;
}

const readUint = (bytes: Uint8Array, node: Node) => {
  let v = 0;
  for (let i = node.dataStart; i < node.end; i++) v = v * 256 + byteAt(bytes, i);
  return v;
};
const readInt = (bytes: Uint8Array, node: Node) => {
  const length = node.end - node.dataStart;
  const v = readUint(bytes, node);
  return length > 0 && byteAt(bytes, node.dataStart) & 0x80 ? v - 2 ** (8 * length) : v;
};
const readFloat = (bytes: Uint8Array, node: Node) => {
  const view = new DataView(bytes.buffer, bytes.byteOffset + node.dataStart, node.end - node.dataStart);
  return node.end - node.dataStart === 4 ? view.getFloat32(0) : view.getFloat64(0);
};
const readText = (bytes: Uint8Array, node: Node) => new TextDecoder().decode(bytes.subarray(node.dataStart, node.end));
const find = (nodes: Node[], id: number) => nodes.find((n) => n.id === id);

/**
 * A block's packet. Its bytes are a view made when asked for: checking a file needs only how many
 * packets it has, and a view per packet of thousands of files was most of what the check allocated.
 */
class Packet {
  constructor(
    private readonly bytes: Uint8Array,
    private readonly start: number,
    private readonly end: number,
    readonly timeMs: number,
    readonly discardPaddingNs: number,
  ) {}

  get data(): Uint8Array {
    return this.bytes.subarray(this.start, this.end);
  }
}

/** Parses a WebM file with one Opus track; throws WebmError saying what is wrong with it. */
export function readWebm(bytes: Uint8Array): WebmAudio {
  const top = children(bytes, 0, bytes.length);
  const ebml = find(top, ID.EBML);
  const segment = find(top, ID.Segment);
  if (!ebml || !segment) throw new WebmError('not a WebM file (no EBML header or Segment)');
  const docTypeNode = find(children(bytes, ebml.dataStart, ebml.end), ID.DocType);
  const docType = docTypeNode ? readText(bytes, docTypeNode) : '';
  if (docType !== 'webm') throw new WebmError(`DocType is "${docType}", not "webm"`);

  const parts = children(bytes, segment.dataStart, segment.end);
  const infoNode = find(parts, ID.Info);
  const tracksNode = find(parts, ID.Tracks);
  if (!infoNode || !tracksNode) throw new WebmError('no Info or Tracks element');
  const info = children(bytes, infoNode.dataStart, infoNode.end);
  const scaleNode = find(info, ID.TimestampScale);
  const scale = scaleNode ? readUint(bytes, scaleNode) : 1_000_000;
  const durationNode = find(info, ID.Duration);
  if (!durationNode) throw new WebmError('no Duration in Info');
  const durationSeconds = (readFloat(bytes, durationNode) * scale) / 1e9;

  const entries = children(bytes, tracksNode.dataStart, tracksNode.end).filter((n) => n.id === ID.TrackEntry);
  const [entry] = entries;
  if (entries.length !== 1 || !entry) throw new WebmError(`expected one track, found ${entries.length}`);
  const track = children(bytes, entry.dataStart, entry.end);
  const codecNode = find(track, ID.CodecID);
  const codecId = codecNode ? readText(bytes, codecNode) : '';
  const privateNode = find(track, ID.CodecPrivate);
  const head = privateNode ? bytes.subarray(privateNode.dataStart, privateNode.end) : new Uint8Array();
  if (head.length < 19 || new TextDecoder().decode(head.subarray(0, 8)) !== 'OpusHead') throw new WebmError('no OpusHead in CodecPrivate');
  const preSkip = new DataView(head.buffer, head.byteOffset, head.length).getUint16(10, true);
  const delayNode = find(track, ID.CodecDelay);
  const prerollNode = find(track, ID.SeekPreRoll);
  const audioNode = find(track, ID.Audio);
  const audio = audioNode ? children(bytes, audioNode.dataStart, audioNode.end) : [];
  const rateNode = find(audio, ID.SamplingFrequency);
  const channelsNode = find(audio, ID.Channels);

  const packets: WebmAudio['packets'] = [];
  const clusterPositions: number[] = [];
  for (const cluster of parts.filter((n) => n.id === ID.Cluster)) {
    clusterPositions.push(cluster.start - segment.dataStart);
    const items = children(bytes, cluster.dataStart, cluster.end);
    const timeNode = find(items, ID.Timestamp);
    if (!timeNode) throw new WebmError(`cluster at byte ${cluster.start} has no Timestamp`);
    const clusterMs = (readUint(bytes, timeNode) * scale) / 1e6;
    for (const item of items) {
      let blockNode: Node | undefined;
      let discardPaddingNs = 0;
      if (item.id === ID.SimpleBlock) blockNode = item;
      else if (item.id === ID.BlockGroup) {
        const group = children(bytes, item.dataStart, item.end);
        blockNode = find(group, ID.Block);
        const discard = find(group, ID.DiscardPadding);
        if (discard) discardPaddingNs = readInt(bytes, discard);
      }
      if (!blockNode) continue;
      const trackNumber = readVint(bytes, blockNode.dataStart, false);
      const headerEnd = blockNode.dataStart + trackNumber.length + 3;
      if (headerEnd > blockNode.end) throw new WebmError(`block at byte ${blockNode.start} is too short`);
      if (byteAt(bytes, headerEnd - 1) & 0x06) throw new WebmError(`block at byte ${blockNode.start} uses lacing, which this reader does not expect`);
      // The block's timestamp, a big-endian int16 (read without a DataView per block: a file has thousands).
      const at = blockNode.dataStart + trackNumber.length;
      const relative = ((byteAt(bytes, at) << 24) | (byteAt(bytes, at + 1) << 16)) >> 16;
      packets.push(new Packet(bytes, headerEnd, blockNode.end, clusterMs + (relative * scale) / 1e6, discardPaddingNs));
    }
  }
  const cuesNode = find(parts, ID.Cues);
  const cues: WebmAudio['cues'] = [];
  if (cuesNode) {
    for (const point of children(bytes, cuesNode.dataStart, cuesNode.end).filter((n) => n.id === ID.CuePoint)) {
      const fields = children(bytes, point.dataStart, point.end);
      const time = find(fields, ID.CueTime);
      const positions = find(fields, ID.CueTrackPositions);
      const cluster = positions ? find(children(bytes, positions.dataStart, positions.end), ID.CueClusterPosition) : undefined;
      if (!time || !cluster) throw new WebmError('a CuePoint lacks its time or cluster position');
      cues.push({ timeMs: (readUint(bytes, time) * scale) / 1e6, clusterPosition: readUint(bytes, cluster) });
    }
  }
  return {
    docType,
    codecId,
    channels: channelsNode ? readUint(bytes, channelsNode) : 0,
    sampleRate: rateNode ? readFloat(bytes, rateNode) : 0,
    durationSeconds,
    preSkip,
    codecDelayNs: delayNode ? readUint(bytes, delayNode) : 0,
    seekPreRollNs: prerollNode ? readUint(bytes, prerollNode) : 0,
    packets,
    cues,
    clusterPositions,
  };
}

/**
 * What is wrong with a file that should be our kiosk speech (empty when nothing is): the things a
 * browser needs to play it, seek in it, and start it on time.
 */
export function webmProblems(audio: WebmAudio): string[] {
  const problems: string[] = [];
  if (audio.codecId !== 'A_OPUS') problems.push(`codec is "${audio.codecId}", not Opus`);
  if (audio.channels !== 1) problems.push(`has ${audio.channels} channels, expected mono`);
  if (!audio.packets.length) problems.push('has no audio blocks');
  if (!audio.cues.length) problems.push('has no Cues, so players cannot seek in it');
  const clusters = new Set(audio.clusterPositions);
  if (audio.cues.some((cue) => !clusters.has(cue.clusterPosition))) problems.push('has a cue that points at no cluster');
  const expectedDelay = Math.round((audio.preSkip * 1e9) / OPUS_RATE);
  if (Math.abs(audio.codecDelayNs - expectedDelay) > 1000) problems.push(`CodecDelay ${audio.codecDelayNs} ns does not match the Opus pre-skip of ${audio.preSkip} samples`);
  const covered = (audio.packets.length * FRAME_SAMPLES - audio.preSkip) / OPUS_RATE;
  if (audio.packets.length && (covered < audio.durationSeconds - 0.001 || covered > audio.durationSeconds + 0.05)) {
    problems.push(`its blocks hold ${covered.toFixed(3)} s of audio but its Duration says ${audio.durationSeconds.toFixed(3)} s`);
  }
  return problems;
}
