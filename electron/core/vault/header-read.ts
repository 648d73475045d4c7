import { open } from 'node:fs/promises';
import { AppError } from '../../../shared/ipc/error-codes';
import { OFF_ENVELOPE, type Header } from './header';
import { describeRecoverySlot, openRecoverySlot } from './recovery-slot';
import type { VaultHeaderInfo } from './types';
import { loadHeader } from './vault-open';

async function withHeader<T>(path: string, use: (header: Header) => T): Promise<T> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch {
    throw new AppError('NO_VAULT', `No vault at ${path}.`);
  }
  try {
    const { header } = await loadHeader(fh, path);
    return use(header);
  } finally {
    await fh.close();
  }
}

/**
 * Reads and checks the header (magic, version, checksum, KDF bounds, commit pointer) without a passphrase,
 * for the "locked" state. NO_VAULT when missing, VAULT_CORRUPT naming the flaw. Read-only.
 */
export function readVaultHeader(path: string): Promise<VaultHeaderInfo> {
  return withHeader(path, (header) => ({
    formatVersion: header.formatVersion,
    generation: header.generation,
    kdf: { ...header.kdf },
    recovery: header.recovery ? describeRecoverySlot(header.recovery) : null,
  }));
}

/**
 * Proves `recoveryKey` opens the vault's current recovery slot, reading the header only (a recovery drill: nothing
 * is written). NO_RECOVERY without a slot, SHARE_INVALID when the key does not open it.
 */
export function verifyRecoveryKey(path: string, recoveryKey: Uint8Array): Promise<void> {
  return withHeader(path, (header) => {
    if (!header.recovery) throw new AppError('NO_RECOVERY', 'This vault has no recovery shares set up.');
    const dek = openRecoverySlot(header.recovery, recoveryKey, header.raw.subarray(0, OFF_ENVELOPE));
    if (!dek) throw new AppError('SHARE_INVALID', "The shares do not reconstruct this vault's recovery key.");
    dek.fill(0);
  });
}
