import { AppError } from '../../../shared/ipc/error-codes';

/**
 * Verifies `fromPath` opens with `passphrase` (full replay), then atomically replaces `toPath` with a copy,
 * keeping the replaced file as `<toPath>.bak`. VAULT_BUSY if `toPath` is held by a live writer.
 */
export async function restoreVault(fromPath: string, passphrase: string, toPath: string): Promise<void> {
  void fromPath; void passphrase; void toPath;
  throw new AppError('NOT_SUPPORTED', 'vault engine not implemented yet');
}
