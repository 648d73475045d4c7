import { DEFAULT_KDF, type CreateVaultOptions, type KdfParams } from '../core/vault';

/** Vault creation options for the service's KDF policy (the engine's production default when none is given). */
export function vaultCreateOptions(kdf: KdfParams | undefined): CreateVaultOptions {
  return kdf ? { kdf: { ...kdf } } : {};
}

/** The cost below which a vault is upgraded at its next writable unlock. */
export function kdfPolicy(kdf: KdfParams | undefined): KdfParams {
  return kdf ?? DEFAULT_KDF;
}

/** A sentence naming the shortfall, or null when `actual` meets `policy`. */
export function kdfShortfall(actual: KdfParams, policy: KdfParams): string | null {
  if (actual.N >= policy.N && actual.r >= policy.r && actual.p >= policy.p) return null;
  return (
    `The vault's passphrase is protected with scrypt N=2^${Math.log2(actual.N)}, r=${actual.r}, below the ` +
    `policy N=2^${Math.log2(policy.N)}, r=${policy.r}; the next unlock for writing upgrades it.`
  );
}
