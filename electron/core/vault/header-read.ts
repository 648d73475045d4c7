import { AppError } from '../../../shared/ipc/error-codes';
import type { VaultHeaderInfo } from './types';

/** Reads and checks the header (magic, version, checksum, KDF bounds) without a passphrase. */
export async function readVaultHeader(path: string): Promise<VaultHeaderInfo> {
  void path;
  throw new AppError('NOT_SUPPORTED', 'vault engine not implemented yet');
}
