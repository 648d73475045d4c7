/**
 * DANGEROUS: turns a private key found in another tool's PKI into a checked PKCS#8 for the vault, through the
 * engine's one key reader (PKCS#1, SEC1, PKCS#8, encrypted PKCS#8, legacy encrypted PEM). Never log the result.
 */
import { DANGEROUS_readPrivateKeyFile } from '../pki';
import { keyAlgorithmOfCert, keyLabelOfKeyObject, keysMatch, publicKeyObject } from '../pki/keys';
import { readCert } from '../pki/cert-raw';
import { AppError, isAppError } from '../../../shared/ipc/error-codes';
import type { SourceCert, SourceKey } from './types';

const SUPPORTED_KEYS = 'EC P-256/P-384, RSA 2048/3072/4096 and Ed25519';

/** The key type of a certificate CertDesk cannot sign with (e.g. "dsa", "EC P-521"), or null when usable. */
function unusableKeyType(certDer: Uint8Array): string | null {
  if (keyAlgorithmOfCert(certDer)) return null;
  return keyLabelOfKeyObject(publicKeyObject(readCert(certDer).spki)).label;
}

/**
 * Marks `cert` tracked, with a note, when the public key its certificate carries is of a type CertDesk cannot
 * sign with; true when it did. The certificate decides, not the private key: a source often holds a CA's
 * certificate without its key, and such a CA must not come into the vault as an authority either.
 */
export function trackIfUnusableKey(cert: SourceCert): boolean {
  const unusable = unusableKeyType(cert.der);
  if (!unusable) return false;
  cert.tracked = true;
  cert.notes.push(
    `its ${unusable} key cannot sign in CertDesk (supported: ${SUPPORTED_KEYS}): tracked for expiry only`,
  );
  return true;
}

export interface KeyReadOutcome {
  key: SourceKey | null;
  /** set when the key exists but did not decrypt (the caller decides whether that refuses the import) */
  decryptFailed: boolean;
}

/**
 * Reads `bytes` with `passphrase` and checks the key belongs to `certDer`. KEY_MISMATCH (naming `item`) when it
 * does not; INVALID_KEY when the bytes are not a key. A key that does not decrypt is reported, not thrown.
 */
export async function DANGEROUS_readSourceKey(
  bytes: Uint8Array,
  passphrase: string | undefined,
  certDer: Uint8Array,
  item: string,
): Promise<KeyReadOutcome> {
  let key: SourceKey;
  try {
    const read = await DANGEROUS_readPrivateKeyFile(bytes, passphrase);
    key = { DANGEROUS_pkcs8: read.DANGEROUS_pkcs8, alg: read.alg };
  } catch (e) {
    if (isAppError(e) && e.code === 'KEY_DECRYPT_FAILED') return { key: null, decryptFailed: true };
    const msg = e instanceof Error ? e.message : String(e);
    // The reader refuses encryption that demands unbounded work (or that it cannot run) before doing any:
    // for an import that is a problem of the source, named by its item.
    const code = !isAppError(e)
      ? 'INVALID_KEY'
      : e.code === 'INVALID_INPUT' || e.code === 'NOT_SUPPORTED'
        ? 'SOURCE_INVALID'
        : e.code;
    throw new AppError(code, `${item}: ${msg}`);
  }
  if (!keysMatch(certDer, key.DANGEROUS_pkcs8)) {
    key.DANGEROUS_pkcs8.fill(0);
    throw new AppError(
      'KEY_MISMATCH',
      `${item}: the private key does not belong to its certificate (public keys differ)`,
    );
  }
  return { key, decryptFailed: false };
}
