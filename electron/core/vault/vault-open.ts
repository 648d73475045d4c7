import { AppError } from '../../../shared/ipc/error-codes';
import type { CreateVaultOptions, OpenedVault, OpenVaultOptions, Vault } from './types';

/** Creates a new vault (VAULT_EXISTS if the path exists, WEAK_PASSPHRASE under 12 chars); returned unlocked. */
export async function createVault(path: string, passphrase: string, opts?: CreateVaultOptions): Promise<Vault> {
  void path; void passphrase; void opts;
  throw new AppError('NOT_SUPPORTED', 'vault engine not implemented yet');
}

/** Unlocks an existing vault and replays its records. */
export async function openVault(path: string, passphrase: string, opts?: OpenVaultOptions): Promise<OpenedVault> {
  void path; void passphrase; void opts;
  throw new AppError('NOT_SUPPORTED', 'vault engine not implemented yet');
}
