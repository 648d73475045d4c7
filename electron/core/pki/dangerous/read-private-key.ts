import type { DangerousPrivateKey } from '../types';
import { notYet } from '../stub';

/** Reads PKCS#1 / SEC1 / PKCS#8 / encrypted PKCS#8, PEM or DER → PKCS#8 DER. INVALID_KEY, KEY_DECRYPT_FAILED. */
export function DANGEROUS_readPrivateKeyFile(bytes: Uint8Array | string, passphrase?: string): DangerousPrivateKey {
  return notYet('DANGEROUS_readPrivateKeyFile');
}
