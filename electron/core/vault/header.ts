import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../../shared/ipc/error-codes';
import { KDF_SCRYPT_ID, kdfParamsProblem } from './kdf';
import type { KdfParams } from './types';

/**
 * Layout of format versions 1 to 4 (see FORMAT.md); they differ in how the commit pointer is checked
 * (version 1: unkeyed hash, versions 2 to 4: HMAC) and in the frames' bodies (version 3 deflates them,
 * version 4 also keeps byte fields as bytes: record-codec.ts), and
 * version 1 carries no recovery slot. All integers big-endian. The static header never changes within a
 * generation and is bound into every frame's AAD through its SHA-256 checksum (always its last 32 bytes); the
 * commit slot after it is the only bytes ever rewritten in place. The header is HEADER_BYTES long, or HEADER_BYTES + RECOVERY_SLOT_BYTES when a recovery slot sits
 * between the passphrase envelope and the checksum; the header-length field says which.
 */
export const MAGIC = Buffer.from('CDVAULT\0', 'latin1');
/** Version written by this build; older files open and are rewritten as this version by the first write. */
export const FORMAT_VERSION = 6;
const READABLE_VERSIONS: readonly number[] = [1, 2, 3, 4, 5, 6];
const OFF_VERSION = 8;
const OFF_HEADER_LEN = 10;
const OFF_KDF_ID = 12;
const OFF_LOG2N = 13;
const OFF_R = 14;
const OFF_P = 15;
const OFF_SALT = 16;
export const SALT_BYTES = 32;
const OFF_GENERATION = 48;
const OFF_FILE_ID = 56;
export const FILE_ID_BYTES = 16;
/** the data key sealed under the passphrase key: nonce 12 + ciphertext 32 + tag 16 */
export const OFF_ENVELOPE = 72;
export const ENVELOPE_BYTES = 60;
/** where the checksum sits in a header without a recovery slot (it is always the header's last 32 bytes) */
export const OFF_CHECKSUM = 132;
const CHECKSUM_BYTES = 32;
/** header length without a recovery slot */
export const HEADER_BYTES = 164;
/** the optional recovery slot (recovery-slot.ts) starts where the checksum would otherwise be */
export const OFF_RECOVERY = OFF_CHECKSUM;
export const RECOVERY_SLOT_BYTES = 280;
export const HEADER_BYTES_WITH_RECOVERY = HEADER_BYTES + RECOVERY_SLOT_BYTES;
/** commit slot: end u64, lastFrameStart u64, frames u64, check 8 bytes (offsets below: no recovery slot) */
export const OFF_SLOT = HEADER_BYTES;
export const SLOT_BYTES = 32;
export const DATA_START = OFF_SLOT + SLOT_BYTES;
/** enough bytes to hold any header and its commit slot */
export const MAX_DATA_START = HEADER_BYTES_WITH_RECOVERY + SLOT_BYTES;

export interface Header {
  formatVersion: number;
  kdf: KdfParams;
  salt: Buffer;
  generation: number;
  fileId: Buffer;
  /** sealed data key (nonce ‖ ciphertext ‖ tag) */
  envelope: Buffer;
  /** the recovery slot's bytes, or null when the vault has none */
  recovery: Buffer | null;
  /** SHA-256 of every header byte before it: unkeyed, so damage is told apart from a wrong passphrase */
  checksum: Buffer;
  /** the exact header bytes (HEADER_BYTES, or HEADER_BYTES_WITH_RECOVERY) */
  raw: Buffer;
  /** where the commit slot starts (= header length) */
  slotOffset: number;
  /** where the first record frame starts */
  dataStart: number;
}

/** Where acknowledged data ends; rewritten in place after each durable append. */
export interface CommitSlot {
  end: number;
  lastFrameStart: number;
  frames: number;
}

export function corrupt(message: string): AppError {
  return new AppError('VAULT_CORRUPT', `The vault file is damaged or not a CertDesk vault: ${message}.`);
}

/**
 * Bytes [0, OFF_ENVELOPE): the part the envelope's AAD covers. Its header-length field binds whether a recovery
 * slot is present, so a slot cannot be added or cut without the passphrase envelope failing.
 */
export function encodeHeaderPrefix(
  h: Pick<Header, 'kdf' | 'salt' | 'generation' | 'fileId'> & { withRecovery?: boolean },
): Buffer {
  const b = Buffer.alloc(OFF_ENVELOPE);
  MAGIC.copy(b, 0);
  b.writeUInt16BE(FORMAT_VERSION, OFF_VERSION);
  b.writeUInt16BE(h.withRecovery ? HEADER_BYTES_WITH_RECOVERY : HEADER_BYTES, OFF_HEADER_LEN);
  b.writeUInt8(KDF_SCRYPT_ID, OFF_KDF_ID);
  b.writeUInt8(Math.log2(h.kdf.N), OFF_LOG2N);
  b.writeUInt8(h.kdf.r, OFF_R);
  b.writeUInt8(h.kdf.p, OFF_P);
  h.salt.copy(b, OFF_SALT);
  b.writeBigUInt64BE(BigInt(h.generation), OFF_GENERATION);
  h.fileId.copy(b, OFF_FILE_ID);
  return b;
}

/** Completes a header from its prefix, sealed envelope and (when the prefix announces one) recovery slot. */
export function finishHeader(prefix: Buffer, envelope: Buffer, recovery: Buffer | null = null): Buffer {
  const length = prefix.readUInt16BE(OFF_HEADER_LEN);
  if ((length === HEADER_BYTES_WITH_RECOVERY) !== (recovery !== null))
    throw new Error('header length and recovery slot disagree');
  const b = Buffer.alloc(length);
  prefix.copy(b, 0);
  envelope.copy(b, OFF_ENVELOPE);
  recovery?.copy(b, OFF_RECOVERY);
  const offChecksum = length - CHECKSUM_BYTES;
  createHash('sha256').update(b.subarray(0, offChecksum)).digest().copy(b, offChecksum);
  return b;
}

/** Parses and checks magic, version, length, checksum and KDF bounds; throws VAULT_CORRUPT naming the failure. */
export function decodeHeader(buf: Buffer): Header {
  if (buf.length < MAGIC.length || !buf.subarray(0, MAGIC.length).equals(MAGIC))
    throw corrupt('bad magic (not a vault file)');
  if (buf.length < OFF_HEADER_LEN + 2)
    throw corrupt(`file ends inside the header (${buf.length} of ${HEADER_BYTES} bytes)`);
  // The length field is read before the checksum can vouch for it: anything but the two known lengths is
  // damage, and the checksum then covers the rest.
  const length = buf.readUInt16BE(OFF_HEADER_LEN);
  if (length !== HEADER_BYTES && length !== HEADER_BYTES_WITH_RECOVERY)
    throw corrupt('unexpected header length');
  if (buf.length < length) throw corrupt(`file ends inside the header (${buf.length} of ${length} bytes)`);
  const raw = Buffer.from(buf.subarray(0, length));
  const offChecksum = length - CHECKSUM_BYTES;
  const checksum = raw.subarray(offChecksum, length);
  const actual = createHash('sha256').update(raw.subarray(0, offChecksum)).digest();
  if (!actual.equals(checksum)) throw corrupt('header checksum mismatch');
  const version = raw.readUInt16BE(OFF_VERSION);
  if (!READABLE_VERSIONS.includes(version)) throw corrupt(`unsupported format version ${version}`);
  if (version === 1 && length !== HEADER_BYTES) throw corrupt('unexpected header length');
  const kdfId = raw.readUInt8(OFF_KDF_ID);
  if (kdfId !== KDF_SCRYPT_ID) throw corrupt(`unknown KDF id ${kdfId}`);
  const log2N = raw.readUInt8(OFF_LOG2N);
  const kdf: KdfParams = { N: 2 ** log2N, r: raw.readUInt8(OFF_R), p: raw.readUInt8(OFF_P) };
  const problem = kdfParamsProblem(kdf);
  if (problem) throw corrupt(`refusing KDF parameters from the file (${problem})`);
  const generation = raw.readBigUInt64BE(OFF_GENERATION);
  if (generation > BigInt(Number.MAX_SAFE_INTEGER)) throw corrupt('generation out of range');
  return {
    formatVersion: version,
    kdf,
    salt: raw.subarray(OFF_SALT, OFF_SALT + SALT_BYTES),
    generation: Number(generation),
    fileId: raw.subarray(OFF_FILE_ID, OFF_FILE_ID + FILE_ID_BYTES),
    envelope: raw.subarray(OFF_ENVELOPE, OFF_ENVELOPE + ENVELOPE_BYTES),
    recovery: length === HEADER_BYTES ? null : raw.subarray(OFF_RECOVERY, OFF_RECOVERY + RECOVERY_SLOT_BYTES),
    checksum,
    raw,
    slotOffset: length,
    dataStart: length + SLOT_BYTES,
  };
}

const SLOT_BODY_BYTES = 24;

function slotCheck(body: Buffer, header: SlotCheckHeader, key: Buffer | null): Buffer {
  if (header.formatVersion === 1)
    return createHash('sha256')
      .update('CDV1slot')
      .update(header.checksum)
      .update(body)
      .digest()
      .subarray(0, 8);
  if (!key) throw new Error('a version-2 commit pointer needs its key');
  // 64 bits of HMAC: without the key a forgery can only be tested by the operator opening the file.
  return createHmac('sha256', key)
    .update('CDV2slot')
    .update(header.checksum)
    .update(body)
    .digest()
    .subarray(0, 8);
}

/** What the pointer's check depends on. */
export type SlotCheckHeader = Pick<Header, 'formatVersion' | 'checksum'>;
/** ... and where the pointer sits. */
export type SlotHeader = SlotCheckHeader & Pick<Header, 'slotOffset'>;

/** `key`: the pointer key of the generation (keyring.pointerKey); ignored for version 1. */
export function encodeSlot(slot: CommitSlot, header: SlotCheckHeader, key: Buffer | null): Buffer {
  const b = Buffer.alloc(SLOT_BYTES);
  b.writeBigUInt64BE(BigInt(slot.end), 0);
  b.writeBigUInt64BE(BigInt(slot.lastFrameStart), 8);
  b.writeBigUInt64BE(BigInt(slot.frames), 16);
  slotCheck(b.subarray(0, SLOT_BODY_BYTES), header, key).copy(b, SLOT_BODY_BYTES);
  return b;
}

/**
 * Parses the pointer (at the header's slotOffset) and checks its range. A version-1 pointer's unkeyed check is
 * verified here; a version-2 pointer's HMAC needs the data key, so the opener calls verifySlot once it is open.
 */
export function decodeSlot(buf: Buffer, header: SlotHeader): CommitSlot {
  const dataStart = header.slotOffset + SLOT_BYTES;
  if (buf.length < dataStart)
    throw corrupt(`file ends inside the commit pointer (${buf.length} of ${dataStart} bytes)`);
  const b = buf.subarray(header.slotOffset, dataStart);
  if (
    header.formatVersion === 1 &&
    !slotCheck(b.subarray(0, SLOT_BODY_BYTES), header, null).equals(b.subarray(24))
  )
    throw corrupt('commit pointer checksum mismatch');
  const end = b.readBigUInt64BE(0);
  const lastFrameStart = b.readBigUInt64BE(8);
  const frames = b.readBigUInt64BE(16);
  const max = BigInt(Number.MAX_SAFE_INTEGER);
  if (end > max || lastFrameStart > end || lastFrameStart < BigInt(dataStart) || frames > max) {
    throw corrupt('commit pointer out of range');
  }
  return { end: Number(end), lastFrameStart: Number(lastFrameStart), frames: Number(frames) };
}

/** Version 2: the pointer's HMAC under the generation's pointer key, else VAULT_CORRUPT. */
export function verifySlot(buf: Buffer, header: SlotHeader, key: Buffer): void {
  if (header.formatVersion === 1) return;
  const b = buf.subarray(header.slotOffset, header.slotOffset + SLOT_BYTES);
  const expected = slotCheck(b.subarray(0, SLOT_BODY_BYTES), header, key);
  if (!timingSafeEqual(expected, b.subarray(SLOT_BODY_BYTES)))
    throw corrupt('commit pointer failed authentication (it was rewritten without the key)');
}
