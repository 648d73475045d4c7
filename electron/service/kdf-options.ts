import type { CreateVaultOptions } from '../core/vault';

/** Vault creation options for the service's KDF setting: production default unless the test-only 'fast'. */
export function vaultCreateOptions(kdf: 'fast' | undefined): CreateVaultOptions {
  // 2^10 is the engine's lower bound (KDF_LIMITS.minLog2N): cheap enough for test suites.
  return kdf === 'fast' ? { kdf: { N: 2 ** 10, r: 8, p: 1 } } : {};
}
