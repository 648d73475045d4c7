/**
 * Bounds the work a key from another tool's PKI can demand before OpenSSL decrypts it: a hostile database
 * could name PBKDF2 with 2^31 iterations (hours of CPU per key) or scrypt with gigabytes. XCA and easy-rsa
 * write PBKDF2 with 2,048 (OpenSSL's default) to a few hundred thousand iterations; the cap is the one every
 * file reader uses (MAX_READ_ITERATIONS).
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import { EncryptedPrivateKeyInfo } from '@peculiar/asn1-pkcs8';
import { OID, Pbes2Params, Pbkdf2Params, Pkcs12PbeParams } from '../export/asn1-params';
import { MAX_READ_ITERATIONS } from '../export/pbes2';
import { parsePemBundle } from '../pki';
import { AppError } from '../../../shared/ipc/error-codes';

/** PKCS#5 v1.5 and PKCS#12 password-based encryption: `pbeWith…` OIDs share the { salt, iterations } shape. */
const LEGACY_PBE_PREFIXES = ['1.2.840.113549.1.5.', '1.2.840.113549.1.12.1.'];

function tooMuch(item: string, what: string): AppError {
  return new AppError(
    'SOURCE_INVALID',
    `${item}: the key's encryption asks for ${what}; refused (limit ${MAX_READ_ITERATIONS} PBKDF2 iterations)`,
  );
}

/** Throws SOURCE_INVALID naming `item` when an encrypted PKCS#8 key demands unbounded work; else returns. */
export function checkKeyEncryptionWork(bytes: Uint8Array, item: string): void {
  let der: Uint8Array | undefined;
  try {
    der = parsePemBundle(bytes).find((b) => b.type === 'encrypted-private-key')?.der;
  } catch {
    return; // not PEM/DER the key reader knows: it reports that itself
  }
  if (!der) return;
  let info: EncryptedPrivateKeyInfo;
  try {
    info = AsnConvert.parse(der, EncryptedPrivateKeyInfo);
  } catch {
    throw new AppError('SOURCE_INVALID', `${item}: unreadable encrypted private key`);
  }
  const alg = info.encryptionAlgorithm;
  const params = alg.parameters;
  if (alg.algorithm === OID.pbes2) {
    if (!params) throw new AppError('SOURCE_INVALID', `${item}: PBES2 without parameters`);
    const pbes2 = AsnConvert.parse(params, Pbes2Params);
    const kdf = pbes2.keyDerivationFunc;
    if (kdf.algorithm !== OID.pbkdf2 || !kdf.parameters)
      throw new AppError(
        'SOURCE_INVALID',
        `${item}: key derivation ${kdf.algorithm} is not supported (PBKDF2 only)`,
      );
    const n = AsnConvert.parse(kdf.parameters, Pbkdf2Params).iterationCount;
    if (!(n >= 1 && n <= MAX_READ_ITERATIONS)) throw tooMuch(item, `${n} PBKDF2 iterations`);
    return;
  }
  if (LEGACY_PBE_PREFIXES.some((p) => alg.algorithm.startsWith(p)) && params) {
    const n = AsnConvert.parse(params, Pkcs12PbeParams).iterations;
    if (!(n >= 1 && n <= MAX_READ_ITERATIONS)) throw tooMuch(item, `${n} iterations`);
  }
}
