import type { DangerousPkcs12Contents } from '../types';
import { notYet } from '../stub';

/** Reads a PKCS#12 file (PBES2/PBKDF2/AES and legacy 3DES). KEY_DECRYPT_FAILED on a wrong passphrase. */
export function DANGEROUS_readPkcs12(bytes: Uint8Array, passphrase: string): DangerousPkcs12Contents {
  return notYet('DANGEROUS_readPkcs12');
}
