import { WrappedKeys } from './key-table';
import { randomBytes } from 'node:crypto';
import { link, open, readdir, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../../shared/ipc/error-codes';
import { fsyncDir, readAt, unlinkQuiet, writeAllAt } from './durable-fs';
import { framesAhead, FRAMES_AHEAD_FROM_BYTES } from './frame-thread';
import { scanFrames, scanFramesWith, type ScanResult } from './frames';
import { writeGeneration } from './generation';
import {
  decodeHeader,
  decodeSlot,
  MAX_DATA_START,
  OFF_ENVELOPE,
  SALT_BYTES,
  verifySlot,
  type CommitSlot,
  type Header,
} from './header';
import { deriveKek, resolveKdfParams } from './kdf';
import { newDek, openDek, pointerKey, recordKey } from './keyring';
import { openRecoverySlot } from './recovery-slot';
import { assertStrongPassphrase } from './passphrase';
import { backupPathFor, damagedCopyPathFor, lockPathFor, verdictCachePathFor } from './paths';
import { replay } from './replay';
import type { CreateVaultOptions, OpenedVault, OpenVaultOptions, Vault, VaultDamage } from './types';
import { VaultImpl } from './vault-impl';
import { acquireWriterLock, type WriterLock } from './writer-lock';

/**
 * Temp files of a compaction, backup link or restore killed mid-way. Only called under the writer lock, when no
 * other process can be writing them; the vault file itself is never touched.
 */
async function removeAbandonedTemps(path: string): Promise<void> {
  const base = basename(path);
  const prefixes = [
    `.${base}.tmp-`,
    `.${basename(backupPathFor(path))}.tmp-`,
    `.${basename(verdictCachePathFor(path))}.tmp-`,
  ];
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  for (const name of names) {
    if (prefixes.some((p) => name.startsWith(p))) await unlinkQuiet(join(dirname(path), name));
  }
}

/** The damaged bytes, durably, before a repair cuts them: the evidence of what was lost stays on disk. */
async function keepDamagedCopy(path: string, bytes: Buffer): Promise<string> {
  const copyPath = damagedCopyPathFor(path, randomBytes(4).toString('hex'));
  const fh = await open(copyPath, 'wx', 0o600);
  try {
    await writeAllAt(fh, bytes, 0);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await fsyncDir(dirname(path));
  return copyPath;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Creates a new vault (VAULT_EXISTS if the path exists, WEAK_PASSPHRASE under 12 characters, INVALID_INPUT for
 * KDF parameters out of bounds) and returns it unlocked and held for writing.
 */
export async function createVault(
  path: string,
  passphrase: string,
  opts?: CreateVaultOptions,
): Promise<Vault> {
  assertStrongPassphrase(passphrase);
  const kdf = resolveKdfParams(opts?.kdf);
  if (await exists(path))
    throw new AppError('VAULT_EXISTS', `A file already exists at ${path}; choose another location.`);
  const lock = await acquireWriterLock(lockPathFor(path), path).catch((e: unknown) => {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EPERM' || code === 'ENOTDIR') {
      throw new AppError(
        'INVALID_INPUT',
        `Cannot create the vault at ${path}: the folder is missing or not writable (${code}).`,
      );
    }
    throw e;
  });
  try {
    const salt = randomBytes(SALT_BYTES);
    const kek = await deriveKek(passphrase, salt, kdf);
    const dek = newDek();
    const gen = await writeGeneration(path, { kek, dek, kdf, salt, generation: 1, recovery: null }, []);
    try {
      await link(gen.tmpPath, path); // unlike rename, never replaces a vault created meanwhile
    } catch (e) {
      await gen.fh.close();
      await unlinkQuiet(gen.tmpPath);
      if ((e as NodeJS.ErrnoException).code === 'EEXIST')
        throw new AppError('VAULT_EXISTS', `A file already exists at ${path}.`);
      throw e;
    }
    await unlinkQuiet(gen.tmpPath);
    await fsyncDir(dirname(path));
    return new VaultImpl({
      path,
      readOnly: false,
      fh: gen.fh,
      lock,
      kek,
      dek,
      header: gen.header,
      rkey: gen.rkey,
      pkey: gen.pkey,
      chain: gen.chain,
      fileLength: gen.chain.end,
      keys: new WrappedKeys(),
      retiredAuditKeys: [],
      records: 0,
      autoCompact: true,
    });
  } catch (e) {
    await lock.release();
    const code = (e as NodeJS.ErrnoException).code;
    if (
      !(e instanceof AppError) &&
      (code === 'ENOENT' || code === 'EACCES' || code === 'EPERM' || code === 'ENOTDIR')
    ) {
      throw new AppError(
        'INVALID_INPUT',
        `Cannot create the vault at ${path}: the folder is missing or not writable (${code}).`,
      );
    }
    throw e;
  }
}

export interface LoadedHeader {
  header: Header;
  slot: CommitSlot;
  /** the bytes the header and pointer were read from (the pointer's MAC is checked on these once keyed) */
  head: Buffer;
}

/**
 * Opening, verifying and restoring hold the whole vault file in memory: a file chosen in a dialog (or a
 * vault grown without bound) is refused above this size before it is read. About seven times the largest
 * vault measured: 100,000 records make a 144 MiB file (bench/vault-scale.ts).
 */
export const MAX_VAULT_FILE_BYTES = 1024 * 1024 * 1024;

/** The size of the open vault file; INVALID_INPUT naming the limit above MAX_VAULT_FILE_BYTES. */
export async function boundedVaultSize(fh: FileHandle, path: string): Promise<number> {
  const size = (await fh.stat()).size;
  if (size > MAX_VAULT_FILE_BYTES)
    throw new AppError(
      'INVALID_INPUT',
      `The vault file ${path} is ${size} bytes; CertDesk reads vault files up to ${MAX_VAULT_FILE_BYTES} bytes (1 GiB)`,
    );
  return size;
}

/** Reads header and commit pointer (before the file size, so the size covers every committed byte). */
export async function loadHeader(fh: FileHandle, path: string): Promise<LoadedHeader> {
  await boundedVaultSize(fh, path);
  const head = await readAt(fh, 0, MAX_DATA_START);
  const header = decodeHeader(head);
  return { header, slot: decodeSlot(head, header), head };
}

/**
 * Unlocks an existing vault and replays its records. Nothing is ever written by an open: a failure leaves the
 * file's bytes and times untouched. See index.ts for the error codes.
 */
export function openVault(path: string, passphrase: string, opts?: OpenVaultOptions): Promise<OpenedVault> {
  return openWith(path, opts, async (header) => {
    const kek = await deriveKek(passphrase, header.salt, header.kdf);
    const dek = openDek(kek, header.envelope, header.raw.subarray(0, OFF_ENVELOPE));
    if (!dek) {
      kek.fill(0);
      throw new AppError('WRONG_PASSPHRASE', 'The passphrase is wrong (the vault file itself is intact).');
    }
    return { kek, dek };
  });
}

/**
 * Opens a vault through its recovery slot with the reconstructed recovery key and, before handing it out, sets
 * `nextPassphrase` (new passphrase slot, fresh data key; the recovery slot stays valid). NO_RECOVERY when the
 * vault has no recovery slot, SHARE_INVALID when the key does not open it (nothing written), WEAK_PASSPHRASE.
 */
export async function openVaultWithRecoveryKey(
  path: string,
  recoveryKey: Uint8Array,
  nextPassphrase: string,
  opts?: CreateVaultOptions &
    Omit<OpenVaultOptions, 'readOnly'> & {
      /**
       * Runs on the opened vault before anything is written (the caller's rollback check: the reset below
       * makes a new data key, after which this file could no longer be told apart from the newest one seen).
       */
      beforeReset?: (vault: Vault) => Promise<void>;
    },
): Promise<OpenedVault> {
  assertStrongPassphrase(nextPassphrase);
  const damaged = opts?.damaged === 'repair' ? 'repair' : 'refuse';
  const opened = await openWith(path, { ...opts, readOnly: false, damaged }, async (header) => {
    if (!header.recovery) throw new AppError('NO_RECOVERY', 'This vault has no recovery shares set up.');
    const dek = openRecoverySlot(header.recovery, recoveryKey, header.raw.subarray(0, OFF_ENVELOPE));
    if (!dek) {
      throw new AppError('SHARE_INVALID', "The shares do not reconstruct this vault's recovery key.");
    }
    // The passphrase key is unknown here; a placeholder stands in until the reset below replaces it.
    return { kek: randomBytes(32), dek };
  });
  const vault = opened.vault as VaultImpl;
  try {
    await opts?.beforeReset?.(vault);
    await vault.resetPassphraseAfterRecovery(nextPassphrase, opts?.kdf ? { kdf: opts.kdf } : {});
  } catch (e) {
    await vault.lock();
    throw e;
  }
  return opened;
}

type Unseal = (header: Header) => Promise<{ kek: Buffer; dek: Buffer }>;

async function openWith(
  path: string,
  opts: OpenVaultOptions | undefined,
  unseal: Unseal,
): Promise<OpenedVault> {
  const damaged = opts?.damaged ?? 'refuse';
  const readOnly = (opts?.readOnly ?? false) || damaged === 'read-only';
  if (!(await exists(path))) throw new AppError('NO_VAULT', `No vault at ${path}.`);
  let lock: WriterLock | null = null;
  let fh: FileHandle | null = null;
  const secrets: Buffer[] = [];
  try {
    if (!readOnly) {
      lock = await acquireWriterLock(lockPathFor(path), path);
      await removeAbandonedTemps(path);
    }
    fh = await open(path, readOnly ? 'r' : 'r+');
    const { header, slot, head } = await loadHeader(fh, path);
    const { kek, dek } = await unseal(header);
    secrets.push(kek, dek);
    const size = await boundedVaultSize(fh, path);
    const file = await readAt(fh, 0, size, size >= FRAMES_AHEAD_FROM_BYTES);
    const rkey = recordKey(dek, header.fileId);
    const pkey = pointerKey(dek, header.fileId);
    secrets.push(dek, rkey, pkey);
    verifySlot(head, header, pkey);
    const ahead = framesAhead(file, rkey, header, slot);
    let scan: ScanResult;
    try {
      scan = ahead
        ? await scanFramesWith(file, header, slot, ahead.open)
        : scanFrames(file, rkey, header, slot);
    } finally {
      ahead?.close();
    }
    let damage: VaultDamage | undefined;
    if (scan.damage) {
      const backupPath = (await exists(backupPathFor(path))) ? backupPathFor(path) : undefined;
      if (damaged === 'refuse') {
        throw new AppError(
          'VAULT_DAMAGED',
          `The vault ${path} is damaged: ${scan.damage.message}. Nothing was changed. Open it read-only to see ` +
            `what remains, repair it (keeps the intact records and drops the missing ones)` +
            (backupPath ? `, or restore the previous generation from ${backupPath}` : '') +
            '.',
        );
      }
      damage = {
        message: scan.damage.message,
        acknowledgedFrames: scan.damage.acknowledgedFrames,
        intactFrames: scan.damage.intactFrames,
        ...(backupPath ? { backupPath } : {}),
        repaired: false,
      };
    }
    const { records, keys, retiredAuditKeys } = replay(scan.records);
    const vault = new VaultImpl({
      path,
      readOnly,
      fh,
      lock,
      kek,
      dek,
      header,
      rkey,
      pkey,
      retiredAuditKeys,
      chain: {
        end: scan.goodEnd,
        lastFrameStart: scan.lastFrameStart,
        frames: scan.frames,
        prevTag: scan.prevTag,
      },
      fileLength: file.length,
      keys,
      records: records.length,
      autoCompact: opts?.autoCompact ?? true,
      ...(opts?.liveSnapshot ? { liveSnapshot: opts.liveSnapshot } : {}),
      ...(opts?.autoCompactFrames ? { autoCompactFrames: Math.max(2, opts.autoCompactFrames) } : {}),
    });
    if (damage && damaged === 'repair') {
      damage.keptAs = await keepDamagedCopy(path, file);
      await vault.repairTail();
      damage.repaired = true;
    }
    return {
      vault,
      records,
      ...(scan.note ? { recoveredNote: scan.note } : {}),
      ...(damage ? { damage } : {}),
    };
  } catch (e) {
    for (const b of secrets) b.fill(0);
    await fh?.close().catch(() => undefined);
    await lock?.release();
    if (e instanceof AppError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError('NO_VAULT', `No vault at ${path}.`);
    if (code === 'EACCES' || code === 'EPERM') {
      throw new AppError(
        'INVALID_INPUT',
        `The vault ${path} cannot be opened${readOnly ? '' : ' for writing'} (${code}).`,
      );
    }
    throw e;
  }
}
