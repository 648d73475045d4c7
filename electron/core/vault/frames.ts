import { createCipheriv, randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import {
  FRAME_HEADER_BYTES,
  MAX_FRAME_PLAINTEXT,
  TAG_BYTES,
  unsealFrame,
  type SealedFrame,
  type Unsealed,
} from './frame-unseal';
import { corrupt, type CommitSlot, type Header } from './header';
import { decodePlaintext } from './record-codec';
import type { VaultRecord } from './types';

/**
 * Record framing (FORMAT.md): [u32 length][u8 flags][3 zero][12 nonce][ciphertext][16 tag]; from format
 * version 3 the sealed body is the records' plaintext (record-codec.ts) deflated (flag FLAG_DEFLATE), and
 * the length is the body's.
 * AAD = "CDV1frame" ‖ header checksum ‖ u64 frame index ‖ previous frame's tag ‖ the 20-byte frame header,
 * so a frame moved, removed, reordered or copied from another vault/generation fails authentication.
 */
export { FRAME_HEADER_BYTES, MAX_FRAME_PLAINTEXT, TAG_BYTES };
export const FRAME_OVERHEAD = FRAME_HEADER_BYTES + TAG_BYTES;
/** flag: more frames of the same append follow (the append is atomic as a whole) */
export const FLAG_MORE = 1;
/** flag: the sealed body is the frame's plaintext compressed with raw DEFLATE (RFC 1951); format version 3 on */
export const FLAG_DEFLATE = 2;
/** The first format version whose frames are deflated. */
const DEFLATE_SINCE_VERSION = 3;
/**
 * Level 1: the records are JSON summaries, certificates and wrapped keys; the highest level saves
 * about 1 % more here and costs more on every append.
 */
const DEFLATE_LEVEL = 1;

/** Whether frames of a file with this format version are deflated (writers) and may be (readers). */
export function framesDeflated(formatVersion: number): boolean {
  return formatVersion >= DEFLATE_SINCE_VERSION;
}
export const ZERO_TAG = Buffer.alloc(TAG_BYTES);
const AAD_LABEL = Buffer.from('CDV1frame', 'latin1');

export function frameAad(
  headerChecksum: Buffer,
  index: number,
  prevTag: Buffer,
  frameHeader: Buffer,
): Buffer {
  const idx = Buffer.alloc(8);
  idx.writeBigUInt64BE(BigInt(index));
  return Buffer.concat([AAD_LABEL, headerChecksum, idx, prevTag, frameHeader]);
}

export interface ChainPosition {
  /** index of the next frame */
  index: number;
  /** tag of the previous frame (ZERO_TAG before the first) */
  prevTag: Buffer;
}

/** Encrypts one frame (deflating the plaintext first when `flags` has FLAG_DEFLATE); returns its bytes and tag. */
export function encodeFrame(
  key: Buffer,
  headerChecksum: Buffer,
  at: ChainPosition,
  plaintext: Buffer,
  flags: number,
): { bytes: Buffer; tag: Buffer } {
  const body = flags & FLAG_DEFLATE ? deflateRawSync(plaintext, { level: DEFLATE_LEVEL }) : plaintext;
  const head = Buffer.alloc(FRAME_HEADER_BYTES);
  head.writeUInt32BE(body.length, 0);
  head.writeUInt8(flags, 4);
  randomBytes(12).copy(head, 8);
  const cipher = createCipheriv('aes-256-gcm', key, head.subarray(8, 20));
  cipher.setAAD(frameAad(headerChecksum, at.index, at.prevTag, head));
  const ct = cipher.update(body);
  const fin = cipher.final();
  const tag = cipher.getAuthTag();
  return { bytes: Buffer.concat([head, ct, fin, tag]), tag };
}

/** Chain position after the last complete append (mirrors generation.ts ChainState). */
export interface AppendChain {
  end: number;
  lastFrameStart: number;
  frames: number;
  prevTag: Buffer;
}

/**
 * Encrypts one append's plaintexts as consecutive frames starting at `chain.end`; every frame but the last
 * carries FLAG_MORE so replay applies the append only as a whole. Returns the bytes and the chain after them.
 */
export function encodeAppend(
  key: Buffer,
  header: Pick<Header, 'checksum' | 'formatVersion'>,
  from: AppendChain,
  plaintexts: readonly Buffer[],
): { bytes: Buffer; chain: AppendChain } {
  const chain = { ...from };
  const parts: Buffer[] = [];
  const deflate = framesDeflated(header.formatVersion) ? FLAG_DEFLATE : 0;
  for (const [i, pt] of plaintexts.entries()) {
    const flags = (i < plaintexts.length - 1 ? FLAG_MORE : 0) | deflate;
    const { bytes, tag } = encodeFrame(
      key,
      header.checksum,
      { index: chain.frames, prevTag: chain.prevTag },
      pt,
      flags,
    );
    parts.push(bytes);
    chain.lastFrameStart = chain.end;
    chain.end += bytes.length;
    chain.frames++;
    chain.prevTag = tag;
  }
  return { bytes: parts.length === 1 ? parts[0]! : Buffer.concat(parts), chain };
}

export interface ScanResult {
  /** all records of complete appends, internal `$` ones included, in log order */
  records: VaultRecord[];
  frames: number;
  /** end of the last complete append: where the next append goes */
  goodEnd: number;
  /** start of the last kept frame (the header's data start when none) */
  lastFrameStart: number;
  prevTag: Buffer;
  /** set when an unacknowledged torn tail was ignored */
  note?: string;
  /** set when acknowledged bytes are missing (the file is shorter than the commit pointer) */
  damage?: ScanDamage;
}

/** Acknowledged data that is gone: the file was cut before the end the commit pointer vouches for. */
export interface ScanDamage {
  message: string;
  /** frames the pointer acknowledges, and how many of them are intact */
  acknowledgedFrames: number;
  intactFrames: number;
  /** bytes: where the intact prefix ends, where the file ends, where the pointer says it should end */
  intactEnd: number;
  fileLength: number;
  acknowledgedEnd: number;
}

/**
 * Decrypts and replays every frame. `file` holds the whole file (header included). Frames inside the committed
 * region must all authenticate (else VAULT_CORRUPT naming the frame). A file cut short of the commit pointer
 * is reported as `damage` with the intact prefix (the caller refuses it unless the operator chose to look or
 * repair); anything after the commit pointer is an unacknowledged write and is dropped if torn.
 */
export function scanFrames(
  file: Buffer,
  key: Buffer,
  header: Pick<Header, 'checksum' | 'dataStart' | 'formatVersion'>,
  slot: CommitSlot,
): ScanResult {
  const steps = scan(file, header, slot);
  let step = steps.next();
  while (!step.done) step = steps.next(unsealFrame(key, step.value.frame));
  return step.value;
}

/** A frame the scan needs opened: its place in the chain and everything its authentication covers. */
export interface FrameRequest {
  index: number;
  /** byte offset of the frame in the file */
  pos: number;
  frame: SealedFrame;
}

/** Opens the frames a scan asks for, possibly ahead of it on another thread (frame-thread.ts). */
export type FrameOpener = (request: FrameRequest) => Unsealed | Promise<Unsealed>;

/**
 * scanFrames with the decryption and inflation done by `open`, which may have opened frames ahead on another
 * thread while this one parsed the frames before: same checks, same result, same errors.
 */
export async function scanFramesWith(
  file: Buffer,
  header: Pick<Header, 'checksum' | 'dataStart' | 'formatVersion'>,
  slot: CommitSlot,
  open: FrameOpener,
): Promise<ScanResult> {
  const steps = scan(file, header, slot);
  let step = steps.next();
  while (!step.done) step = steps.next(await open(step.value));
  return step.value;
}

/**
 * The scan itself, one implementation for both drivers above: it yields each frame to be opened and gets its
 * plaintext (or why there is none) back.
 */
function* scan(
  file: Buffer,
  header: Pick<Header, 'checksum' | 'dataStart' | 'formatVersion'>,
  slot: CommitSlot,
): Generator<FrameRequest, ScanResult, Unsealed> {
  const { checksum: headerChecksum, dataStart } = header;
  // A deflate flag in an older file is damage: those versions never wrote one.
  const knownFlags = framesDeflated(header.formatVersion) ? FLAG_MORE | FLAG_DEFLATE : FLAG_MORE;
  const len = file.length;
  const records: VaultRecord[] = [];
  let pending: VaultRecord[] = [];
  let pos = dataStart;
  let index = 0;
  let prevTag = ZERO_TAG;
  let goodEnd = dataStart;
  let goodFrames = 0;
  let goodPrevTag = ZERO_TAG;
  let goodLastFrameStart = dataStart;
  let note: string | undefined;
  const torn = (why: string): void => {
    note = `The last write was incomplete (${why}); it was never acknowledged and has been ignored. The next change repairs the file.`;
  };

  // A file shorter than the commit pointer was cut: whatever is missing was acknowledged, so it is damage to
  // report, never a torn write to drop quietly.
  const truncated = len < slot.end;
  while (pos < len) {
    const committed = pos < slot.end;
    if (len - pos < FRAME_HEADER_BYTES) {
      if (truncated) break;
      torn(`frame ${index} header cut at byte ${len}`);
      break;
    }
    const head = file.subarray(pos, pos + FRAME_HEADER_BYTES);
    const bodyLen = head.readUInt32BE(0);
    const flags = head.readUInt8(4);
    const frameEnd = pos + FRAME_OVERHEAD + bodyLen;
    if (bodyLen > MAX_FRAME_PLAINTEXT || (flags & ~knownFlags) !== 0 || head.readUIntBE(5, 3) !== 0) {
      if (committed) throw corrupt(`record frame ${index} has an invalid length or flags`);
      torn(`frame ${index} header is invalid`);
      break;
    }
    if (frameEnd > len) {
      if (truncated) break;
      if (committed) throw corrupt(`record frame ${index} runs past the commit pointer (bad length)`);
      torn(`frame ${index} cut at byte ${len}`);
      break;
    }
    if (committed && frameEnd > slot.end)
      throw corrupt(`record frame ${index} runs past the commit pointer (bad length)`);
    const tag = file.subarray(frameEnd - TAG_BYTES, frameEnd);
    const opened: Unsealed = yield {
      index,
      pos,
      frame: {
        head,
        aad: frameAad(headerChecksum, index, prevTag, head),
        ciphertext: file.subarray(pos + FRAME_HEADER_BYTES, frameEnd - TAG_BYTES),
        tag,
        deflated: (flags & FLAG_DEFLATE) !== 0,
      },
    };
    if ('failure' in opened) {
      if (opened.failure === 'data') throw corrupt(`record frame ${index} holds malformed data`);
      if (committed) throw corrupt(`record frame ${index} (at byte ${pos}) failed authentication`);
      torn(`frame ${index} does not authenticate`);
      break;
    }
    const { plaintext } = opened;
    for (const r of decodePlaintext(plaintext, header.formatVersion, index)) pending.push(r);
    const frameStart = pos;
    prevTag = Buffer.from(tag);
    pos = frameEnd;
    index++;
    if ((flags & FLAG_MORE) === 0) {
      for (const r of pending) records.push(r);
      pending = [];
      goodEnd = pos;
      goodFrames = index;
      goodPrevTag = prevTag;
      goodLastFrameStart = frameStart;
    } else if (pos === slot.end) {
      throw corrupt(`record frame ${index - 1} ends the acknowledged data but announces more frames`);
    }
  }
  const result: ScanResult = {
    records,
    frames: goodFrames,
    goodEnd,
    lastFrameStart: goodLastFrameStart,
    prevTag: goodPrevTag,
  };
  if (truncated) {
    const missing = Math.max(1, slot.frames - goodFrames);
    result.damage = {
      message:
        `the file ends at byte ${len} but ${slot.end} bytes were acknowledged: ` +
        `${missing} acknowledged record frame${missing === 1 ? ' is' : 's are'} missing or cut ` +
        `(frames ${goodFrames}..${Math.max(goodFrames, slot.frames - 1)}, ${slot.end - goodEnd} bytes)`,
      acknowledgedFrames: slot.frames,
      intactFrames: goodFrames,
      intactEnd: goodEnd,
      fileLength: len,
      acknowledgedEnd: slot.end,
    };
    return result;
  }
  if (pending.length > 0 && !note) torn('the last append stopped between its frames');
  if (goodEnd < slot.end) throw corrupt('the acknowledged records do not end at the commit pointer');
  if (countFramesUpTo(slot, goodFrames, goodEnd) === false) {
    throw corrupt(`the commit pointer counts ${slot.frames} frames`);
  }
  if (note) result.note = note;
  return result;
}

/** When everything committed was read, the committed frame count must match the pointer. */
function countFramesUpTo(slot: CommitSlot, frames: number, goodEnd: number): boolean {
  return goodEnd > slot.end ? frames >= slot.frames : frames === slot.frames;
}
