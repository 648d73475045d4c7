import type { Pkcs12Hash } from './pkcs12-kdf';

/** One PKCS#12 KDF derivation (RFC 7292 B.2), as sent to the worker thread. */
export interface KdfJob {
  alg: Pkcs12Hash;
  /** BMPString password with its two-byte terminator (bmpPassword) */
  password: Uint8Array;
  salt: Uint8Array;
  id: number;
  iterations: number;
  length: number;
}

const HASHES: readonly string[] = ['sha1', 'sha256', 'sha384', 'sha512'];

export function isKdfJobList(x: unknown): x is KdfJob[] {
  return (
    Array.isArray(x) &&
    x.every(
      (j: Partial<KdfJob> | null) =>
        typeof j === 'object' &&
        j !== null &&
        typeof j.alg === 'string' &&
        HASHES.includes(j.alg) &&
        j.password instanceof Uint8Array &&
        j.salt instanceof Uint8Array &&
        Number.isSafeInteger(j.id) &&
        Number.isSafeInteger(j.iterations) &&
        Number.isSafeInteger(j.length),
    )
  );
}
