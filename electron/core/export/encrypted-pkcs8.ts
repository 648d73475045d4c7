/** Encrypted PKCS#8 ("ENCRYPTED PRIVATE KEY") writer, readable by `openssl pkey -passin`. */
import { AsnConvert } from '@peculiar/asn1-schema';
import { EncryptedData, EncryptedPrivateKeyInfo, PrivateKeyInfo } from '@peculiar/asn1-pkcs8';
import { AppError } from '../../../shared/ipc/error-codes';
import { DANGEROUS_pbes2Encrypt, checkPassphrase, type Pbes2Options } from './pbes2';
import { der, toArrayBuffer } from './asn1-params';
import { toPem } from '../pki/pem';

/** Fails early on bytes that are not a PKCS#8 PrivateKeyInfo, so we never encrypt garbage for the operator. */
export function assertPkcs8(pkcs8Der: Uint8Array, what: string): void {
  try {
    AsnConvert.parse(pkcs8Der, PrivateKeyInfo);
  } catch {
    throw new AppError('INVALID_KEY', `${what}: the private key is not PKCS#8 DER`);
  }
}

/**
 * Node's KeyObject.export({ cipher }) is NOT used: it writes PBKDF2 with 2048 iterations. This writes
 * PBES2 / PBKDF2-HMAC-SHA256 (default 600000 iterations, 16-byte salt) / AES-256-CBC (random IV).
 * Resolves to the PEM text with a trailing newline.
 */
export async function DANGEROUS_encryptPkcs8(
  pkcs8Der: Uint8Array,
  passphrase: string,
  opts: Pbes2Options = {},
): Promise<string> {
  assertPkcs8(pkcs8Der, 'encrypt PKCS#8');
  checkPassphrase(passphrase, 'encrypt PKCS#8');
  return toPem(await DANGEROUS_encryptedPkcs8Der(pkcs8Der, passphrase, opts), 'ENCRYPTED PRIVATE KEY');
}

/** The DER EncryptedPrivateKeyInfo; also the body of a PKCS#12 pkcs8ShroudedKeyBag in modern mode. */
export async function DANGEROUS_encryptedPkcs8Der(
  pkcs8Der: Uint8Array,
  passphrase: string,
  opts: Pbes2Options = {},
): Promise<Uint8Array> {
  const { algorithm, ciphertext } = await DANGEROUS_pbes2Encrypt(pkcs8Der, passphrase, opts);
  return der(
    new EncryptedPrivateKeyInfo({
      encryptionAlgorithm: algorithm,
      encryptedData: new EncryptedData(toArrayBuffer(ciphertext)),
    }),
  );
}
