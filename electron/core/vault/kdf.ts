import type { KdfParams } from './types';

/** OWASP minimum for scrypt (N=2^17, r=8, p=1): ~128 MiB and ~0.3 s per unlock on a laptop. */
export const DEFAULT_KDF: Readonly<KdfParams> = Object.freeze({ N: 2 ** 17, r: 8, p: 1 });

/**
 * Bounds applied to parameters read from a file before deriving, so a hostile file cannot demand gigabytes
 * of memory or hours of CPU (age caps N at 2^22 on read). At N=2^22, r=8 scrypt needs 4 GiB.
 */
export const KDF_LIMITS = Object.freeze({ minLog2N: 10, maxLog2N: 22, maxR: 16, maxP: 4 });
