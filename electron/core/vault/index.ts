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
 * - Recovery: `Vault.setRecovery` adds/rotates/removes the recovery slot, `openVaultWithRecoveryKey` opens with
 *   the reconstructed recovery key and sets a new passphrase, `verifyRecoveryKey` checks a key (drill).
 *
 * File format: FORMAT.md. Types: types.ts.
 */
export type {
  BackupResult,
  CreateVaultOptions,
  JsonValue,
  RecordData,
  KdfParams,
  KeyRef,
  OpenedVault,
  OpenVaultOptions,
  RecoverySetup,
  SigningKeyAlgorithm,
  Vault,
  VaultDamage,
  VaultHeaderInfo,
  VaultInfo,
  VaultRecord,
} from './types';
export { DEFAULT_KDF, KDF_LIMITS } from './kdf';
export { MIN_PASSPHRASE_LENGTH } from './passphrase';
export { createVault, MAX_VAULT_FILE_BYTES, openVault, openVaultWithRecoveryKey } from './vault-open';
export { restoreVault } from './restore';
export { readVaultHeader, verifyRecoveryKey } from './header-read';
export {
  CEREMONY_ID_BYTES,
  FINGERPRINT_BYTES,
  MAX_SHARES,
  RECOVERY_KEY_BYTES,
  recoveryPublicKey,
  VAULT_ID_BYTES,
} from './recovery-slot';
export { backupPathFor, lockPathFor } from './paths';
export {
  compareWithWitness,
  RollbackWitness,
  stateOf,
  witnessKeysOf,
  type WitnessKeys,
  type WitnessState,
  type WitnessVerdict,
} from './witness';
