import { randomBytes } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { encodeFrame, FLAG_DEFLATE, framesDeflated, ZERO_TAG, scanFrames, type ScanResult } from './frames';
import { batchPlaintexts } from './record-codec';
import {
  corrupt,
  decodeHeader,
  decodeSlot,
  encodeHeaderPrefix,
  encodeSlot,
  FILE_ID_BYTES,
  finishHeader,
  OFF_ENVELOPE,
  verifySlot,
  type CommitSlot,
  type Header,
} from './header';
import { openDek, pointerKey, recordKey, sealDek } from './keyring';
import { readAt, tempPathFor, unlinkQuiet, writeAllAt } from './durable-fs';
import { sealRecoverySlot } from './recovery-slot';
import type { KdfParams, RecoverySetup, VaultRecord } from './types';

/** Compaction and new generations batch records into frames of about this size: few frames → fast unlock. */
export const COMPACT_FRAME_TARGET = 1024 * 1024;
const WRITE_CHUNK = 4 * 1024 * 1024;

export interface GenerationSpec {
  kek: Buffer;
  dek: Buffer;
  kdf: KdfParams;
  salt: Buffer;
  generation: number;
  /** the recovery slot to seal the data key into as well; null for none */
  recovery: RecoverySetup | null;
}

/** Where the log stands after the last complete append. */
export interface ChainState {
  end: number;
  lastFrameStart: number;
  frames: number;
  prevTag: Buffer;
}

export interface WrittenGeneration {
  tmpPath: string;
  /** open read-write on the temp file; becomes the vault's handle after the rename */
  fh: FileHandle;
  header: Header;
  rkey: Buffer;
  /** HMAC key of this generation's commit pointer */
  pkey: Buffer;
  chain: ChainState;
}

/**
 * Writes `records` (internal `$key` records included) as a complete new generation into a temp file beside
 * `vaultPath`, fsyncs it, then re-reads it from disk and verifies every frame before returning. The caller
 * renames it into place. On any failure the temp file is removed and the error rethrown.
 */
export async function writeGeneration(
  vaultPath: string,
  spec: GenerationSpec,
  records: readonly VaultRecord[],
): Promise<WrittenGeneration> {
  const fileId = randomBytes(FILE_ID_BYTES);
  const prefix = encodeHeaderPrefix({
    kdf: spec.kdf,
    salt: spec.salt,
    generation: spec.generation,
    fileId,
    withRecovery: spec.recovery !== null,
  });
  const recoverySlot = spec.recovery ? sealRecoverySlot(spec.recovery, spec.dek, prefix) : null;
  const headerBytes = finishHeader(prefix, sealDek(spec.kek, spec.dek, prefix), recoverySlot);
  const header = decodeHeader(headerBytes);
  const rkey = recordKey(spec.dek, fileId);
  const pkey = pointerKey(spec.dek, fileId);
  const tmpPath = tempPathFor(vaultPath);
  const fh = await open(tmpPath, 'wx+', 0o600);
  try {
    let pos = header.dataStart;
    let prevTag: Buffer = ZERO_TAG;
    let frames = 0;
    let lastFrameStart = header.dataStart;
    let chunk: Buffer[] = [];
    let chunkBytes = 0;
    let chunkStart = pos;
    const flags = framesDeflated(header.formatVersion) ? FLAG_DEFLATE : 0;
    for (const pt of batchPlaintexts(records, COMPACT_FRAME_TARGET, header.formatVersion)) {
      const { bytes, tag } = encodeFrame(rkey, header.checksum, { index: frames, prevTag }, pt, flags);
      chunk.push(bytes);
      chunkBytes += bytes.length;
      lastFrameStart = pos;
      pos += bytes.length;
      prevTag = tag;
      frames++;
      if (chunkBytes >= WRITE_CHUNK) {
        await writeAllAt(fh, Buffer.concat(chunk), chunkStart);
        chunk = [];
        chunkBytes = 0;
        chunkStart = pos;
      }
    }
    if (chunk.length > 0) await writeAllAt(fh, Buffer.concat(chunk), chunkStart);
    const chain: ChainState = { end: pos, lastFrameStart, frames, prevTag };
    await writeAllAt(fh, Buffer.concat([headerBytes, encodeSlot(chain, header, pkey)]), 0);
    // fsyncgate: an fsync error is fatal for this write; the caller must not rename.
    await fh.sync();
    const check = await verifyVaultBytes(await readAt(fh, 0, pos), spec.kek);
    if (check.scan.records.length !== records.length || check.scan.goodEnd !== pos) {
      throw corrupt(`new generation re-read ${check.scan.records.length} of ${records.length} records`);
    }
    return { tmpPath, fh, header, rkey, pkey, chain };
  } catch (e) {
    await fh.close().catch(() => undefined);
    await unlinkQuiet(tmpPath);
    throw e;
  }
}

export interface VerifiedFile {
  header: Header;
  slot: CommitSlot;
  dek: Buffer;
  scan: ScanResult;
}

/** Full check of a vault image with a known KEK (backup, restore, new generations); VAULT_CORRUPT on any flaw. */
export async function verifyVaultBytes(file: Buffer, kek: Buffer): Promise<VerifiedFile> {
  const header = decodeHeader(file);
  const slot = decodeSlot(file, header);
  const dek = openDek(kek, header.envelope, header.raw.subarray(0, OFF_ENVELOPE));
  if (!dek) throw corrupt('the data key does not open with the expected key');
  verifySlot(file, header, pointerKey(dek, header.fileId));
  const scan = scanFrames(file, recordKey(dek, header.fileId), header, slot);
  if (scan.note || scan.damage || file.length !== slot.end) throw corrupt('the copy is incomplete');
  return { header, slot, dek, scan };
}
