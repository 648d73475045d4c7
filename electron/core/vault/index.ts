/**
 * Vault storage engine — public API. Plain Node (never imports 'electron').
 *
 * - `createVault` makes a new vault file and returns it unlocked and held for writing.
 * - `openVault` unlocks an existing one: WRONG_PASSPHRASE (nothing written), VAULT_CORRUPT (message names what
 *   failed: bad magic, header checksum, commit pointer, record N authentication…), VAULT_BUSY when another live
 *   process holds it for writing (a lock left by a dead process is cleared), NO_VAULT when missing.
 *   Opening never modifies the file.
 * - `restoreVault` checks a backup opens with the passphrase before atomically replacing `toPath`.
 * - `readVaultHeader` validates and describes a vault without the passphrase (for the "locked" state).
 *
 * File format: FORMAT.md. Types: types.ts.
 */
export type {
  BackupResult,
  CreateVaultOptions,
  JsonValue,
  KdfParams,
  KeyRef,
  OpenedVault,
  OpenVaultOptions,
  SigningKeyAlgorithm,
  Vault,
  VaultHeaderInfo,
  VaultInfo,
  VaultRecord,
} from './types';
export { DEFAULT_KDF, KDF_LIMITS } from './kdf';
export { MIN_PASSPHRASE_LENGTH } from './passphrase';
export { createVault, openVault } from './vault-open';
export { restoreVault } from './restore';
export { readVaultHeader } from './header-read';
export { backupPathFor, lockPathFor } from './paths';
