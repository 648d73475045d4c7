import { rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError } from '../../../shared/ipc/error-codes';
import { fsyncDir, replaceWithLink, unlinkQuiet, writeAllAt } from './durable-fs';
import { encodeAppend } from './frames';
import { batchPlaintexts } from './record-codec';
import type { ChainState, WrittenGeneration } from './generation';
import { encodeSlot } from './header';
import { backupPathFor } from './paths';
import type { VaultRecord } from './types';
import type { VaultSession } from './vault-state';

/** Appends larger than this are split into several frames (still one atomic append). */
const APPEND_FRAME_TARGET = 8 * 1024 * 1024;

/**
 * Called when a write or fsync failed: after a failed fsync the page cache may have dropped our data, so the
 * vault refuses further writes until reopened (fsyncgate) instead of retrying blindly.
 */
export type MarkFailed = (reason: string) => void;

/** The durable write: frames at the end of the last complete append, fsync, commit pointer, fsync. */
export async function appendFramesDurably(
  s: VaultSession,
  records: readonly VaultRecord[],
  markFailed: MarkFailed,
): Promise<void> {
  let plaintexts: Buffer[];
  try {
    plaintexts = batchPlaintexts(records, APPEND_FRAME_TARGET, s.header.formatVersion);
  } catch (e) {
    throw new AppError('INVALID_INPUT', `Records are not JSON-serialisable: ${(e as Error).message}`);
  }
  const { bytes, chain } = encodeAppend(s.rkey, s.header, s.chain, plaintexts);
  const pos = chain.end;
  try {
    if (s.fileLength > s.chain.end) await s.fh.truncate(s.chain.end); // cut a torn tail left by a crash
    s.fileLength = s.chain.end;
    await writeAllAt(s.fh, bytes, s.chain.end);
    s.fileLength = pos;
    // Data first, then the pointer: a crash in between leaves complete frames past the pointer, which
    // replay accepts, or a torn frame, which replay ignores — never an acknowledged record lost.
    await s.fh.sync();
    await writeAllAt(s.fh, encodeSlot(chain, s.header, s.pkey), s.header.slotOffset);
    await s.fh.sync();
  } catch (e) {
    markFailed((e as Error).message);
    throw new AppError(
      'INTERNAL',
      `Writing the vault failed (${(e as Error).message}); the change was not saved.`,
    );
  }
  s.chain = chain;
}

/**
 * The operator's repair of a vault cut short of its commit pointer: cuts the file back to the intact prefix
 * and points the commit pointer there (fsynced), so later appends extend what remains.
 */
export async function cutToIntactPrefix(s: VaultSession, markFailed: MarkFailed): Promise<void> {
  try {
    await s.fh.truncate(s.chain.end);
    s.fileLength = s.chain.end;
    await s.fh.sync();
    await writeAllAt(s.fh, encodeSlot(s.chain, s.header, s.pkey), s.header.slotOffset);
    await s.fh.sync();
  } catch (e) {
    markFailed((e as Error).message);
    throw new AppError('INTERNAL', `Repairing the vault failed (${(e as Error).message}).`);
  }
}

/** How a verified generation is installed, and what the operator is told it changed. */
export interface Installation {
  previous: 'keep-previous' | 'discard-previous';
  /**
   * What the new generation changed, as the sentence that opens the error when only the directory sync
   * fails: by then the change has taken effect, and "failed" would send the operator back to, say, the old
   * passphrase. For example "The passphrase was changed: the vault now opens with the new passphrase."
   */
  inEffect: string;
  /**
   * Runs once the new file is in place, before the directory fsync: the caller switches the rest of its
   * session (keys, counters) to the new generation here, so the session matches the file even when the sync
   * fails.
   */
  installed: (chain: ChainState) => void;
}

/**
 * Renames a verified generation into place, keeping or discarding the previous one as `<vault>.bak`, and points
 * the session at it. A failure before the rename leaves the previous generation (INTERNAL, "intact"); a failed
 * directory fsync after it leaves the new one in effect (INTERNAL opening with `inEffect`) and the vault
 * refusing further writes until it is reopened.
 */
export async function installGeneration(
  s: VaultSession,
  gen: WrittenGeneration,
  how: Installation,
  markFailed: MarkFailed,
): Promise<void> {
  const bak = backupPathFor(s.path);
  try {
    if (how.previous === 'keep-previous') {
      if (!(await replaceWithLink(s.path, bak))) {
        await unlinkQuiet(bak); // no hard links on this filesystem: keep no stale .bak rather than a wrong one
      }
    }
    await rename(gen.tmpPath, s.path);
  } catch (e) {
    await gen.fh.close().catch(() => undefined);
    await unlinkQuiet(gen.tmpPath);
    throw new AppError(
      'INTERNAL',
      `Installing the new vault generation failed (${(e as Error).message}); the previous one is intact.`,
    );
  }
  const old = s.fh;
  s.fh = gen.fh;
  s.header = gen.header;
  s.rkey.fill(0);
  s.rkey = gen.rkey;
  s.pkey.fill(0);
  s.pkey = gen.pkey;
  s.chain = gen.chain;
  s.fileLength = gen.chain.end;
  how.installed(gen.chain);
  await old.close().catch(() => undefined);
  try {
    if (how.previous === 'discard-previous') await unlinkQuiet(bak);
    await fsyncDir(dirname(s.path));
  } catch (e) {
    // Appends to the new file could be lost with its directory entry, so none are acknowledged until a
    // reopen; a backup is written and synced on its own and is the way to secure the change right now.
    markFailed((e as Error).message);
    throw new AppError(
      'INTERNAL',
      `${how.inEffect} But the vault folder could not be synced to disk (${(e as Error).message}), so a ` +
        'power loss now could bring back the previous generation. Make a backup now; the vault accepts ' +
        'no further changes until it is locked and unlocked again.',
    );
  }
}
