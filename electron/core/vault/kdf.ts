import { scrypt } from 'node:crypto';
import { AppError } from '../../../shared/ipc/error-codes';
import type { KdfParams } from './types';

/**
 * scrypt rather than Argon2id: Node 20's crypto has no Argon2 (added in Node 24.7, and only on OpenSSL ≥ 3.2,
 * which Electron's BoringSSL-based Node may lack), and scrypt needs no WASM dependency. N=2^17, r=8, p=1 is
 * the OWASP minimum: 128 MiB and roughly 0.3–0.5 s per unlock.
 */
export const DEFAULT_KDF: Readonly<KdfParams> = Object.freeze({ N: 2 ** 17, r: 8, p: 1 });

/**
 * Bounds applied to parameters read from a file BEFORE deriving, so a hostile file cannot demand gigabytes of
 * memory or hours of CPU (age caps N at 2^22 on read). `maxMemoryBytes` (128·N·r) additionally caps the
 * combination: the policy needs 128 MiB, and 256 MiB leaves one doubling of headroom (N=2^18 with r=8).
 */
export const KDF_LIMITS = Object.freeze({
  minLog2N: 10,
  maxLog2N: 22,
  maxR: 16,
  maxP: 4,
  maxMemoryBytes: 2 ** 28,
});

export const KDF_SCRYPT_ID = 1;
export const KEY_BYTES = 32;

/** Returns null when the parameters are acceptable, else a message naming the rule broken. */
export function kdfParamsProblem(k: KdfParams): string | null {
  const log2N = Math.log2(k.N);
  if (!Number.isInteger(log2N)) return `scrypt N=${k.N} is not a power of two`;
  if (log2N < KDF_LIMITS.minLog2N || log2N > KDF_LIMITS.maxLog2N) {
    return `scrypt N=2^${log2N} is outside the accepted range 2^${KDF_LIMITS.minLog2N}..2^${KDF_LIMITS.maxLog2N}`;
  }
  if (!Number.isInteger(k.r) || k.r < 1 || k.r > KDF_LIMITS.maxR)
    return `scrypt r=${k.r} is outside 1..${KDF_LIMITS.maxR}`;
  if (!Number.isInteger(k.p) || k.p < 1 || k.p > KDF_LIMITS.maxP)
    return `scrypt p=${k.p} is outside 1..${KDF_LIMITS.maxP}`;
  if (128 * k.N * k.r > KDF_LIMITS.maxMemoryBytes) {
    return `scrypt N=2^${log2N}, r=${k.r} needs ${(128 * k.N * k.r) / 2 ** 20} MiB, above the ${KDF_LIMITS.maxMemoryBytes / 2 ** 20} MiB cap`;
  }
  return null;
}

/** Merges a caller override over the default and checks it (INVALID_INPUT when out of bounds). */
export function resolveKdfParams(override: Partial<KdfParams> | undefined): KdfParams {
  const k: KdfParams = { ...DEFAULT_KDF, ...override };
  const problem = kdfParamsProblem(k);
  if (problem) throw new AppError('INVALID_INPUT', `Refusing KDF parameters: ${problem}.`);
  return k;
}

/** Passphrase → 32-byte key-encryption key. Parameters must have been checked with kdfParamsProblem. */
export function deriveKek(passphrase: string, salt: Uint8Array, k: KdfParams): Promise<Buffer> {
  // Node's default maxmem is 32 MiB, below what N=2^17, r=8 needs (128 MiB): pass it explicitly.
  const maxmem = 128 * k.N * k.r + 128 * k.r * k.p + 32 * 2 ** 20;
  return new Promise((resolve, reject) => {
    scrypt(
      Buffer.from(passphrase.normalize('NFC'), 'utf8'),
      salt,
      KEY_BYTES,
      { N: k.N, r: k.r, p: k.p, maxmem },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}
