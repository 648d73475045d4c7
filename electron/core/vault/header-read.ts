import { open } from 'node:fs/promises';
import { AppError } from '../../../shared/ipc/error-codes';
import type { VaultHeaderInfo } from './types';
import { loadHeader } from './vault-open';

/**
 * Reads and checks the header (magic, version, checksum, KDF bounds, commit pointer) without a passphrase,
 * for the "locked" state. NO_VAULT when missing, VAULT_CORRUPT naming the flaw. Read-only.
 */
export async function readVaultHeader(path: string): Promise<VaultHeaderInfo> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch {
    throw new AppError('NO_VAULT', `No vault at ${path}.`);
  }
  try {
    const { header } = await loadHeader(fh);
    return { formatVersion: header.formatVersion, generation: header.generation, kdf: { ...header.kdf } };
  } finally {
    await fh.close();
  }
}
