import type { FileHandle } from 'node:fs/promises';
import { readAt } from './durable-fs';
import { scanFrames } from './frames';
import type { ChainState } from './generation';
import type { Header } from './header';
import type { WrappedKeys } from './key-table';
import { describeRecoverySlot } from './recovery-slot';
import { replay } from './replay';
import type { RecoverySetup, VaultInfo, VaultRecord } from './types';
import type { WriterLock } from './writer-lock';

/** Everything an unlocked vault holds: the open file, its keys and where its log ends. Dropped by lock. */
export interface VaultSession {
  path: string;
  readOnly: boolean;
  fh: FileHandle;
  lock: WriterLock | null;
  kek: Buffer;
  dek: Buffer;
  header: Header;
  rkey: Buffer;
  /** HMAC key of the commit pointer (format 2) */
  pkey: Buffer;
  chain: ChainState;
  /** physical file length, larger than chain.end when a torn tail waits to be cut */
  fileLength: number;
  keys: WrappedKeys;
  /** base64 audit keys of earlier data keys, oldest first */
  retiredAuditKeys: string[];
  records: number;
  liveSnapshot?: () => VaultRecord[] | undefined;
  autoCompact: boolean;
  autoCompactFrames?: number;
}

/** Caller-visible records as currently on disk (re-read: the engine does not keep them in memory). */
export async function readCurrentRecords(s: VaultSession): Promise<VaultRecord[]> {
  const file = await readAt(s.fh, 0, s.chain.end);
  const scan = scanFrames(file, s.rkey, s.header, {
    end: s.chain.end,
    lastFrameStart: s.chain.lastFrameStart,
    frames: s.chain.frames,
  });
  return replay(scan.records).records;
}

export function recoverySetupOf(s: VaultSession): RecoverySetup | null {
  const slot = s.header.recovery;
  return slot ? describeRecoverySlot(slot) : null;
}

export function describeVault(s: VaultSession): VaultInfo {
  return {
    path: s.path,
    readOnly: s.readOnly,
    formatVersion: s.header.formatVersion,
    generation: s.header.generation,
    kdf: { ...s.header.kdf },
    records: s.records,
    frames: s.chain.frames,
    keys: s.keys.size,
    fileBytes: s.chain.end,
    lastTag: s.chain.prevTag.toString('hex'),
    recovery: recoverySetupOf(s),
  };
}
