/**
 * DANGEROUS: password-based decryption as PKCS#12 files and encrypted PKCS#8 keys use it — PBES2 (PBKDF2 +
 * AES-CBC or 3DES) and the PKCS#12 PBEs (3DES, RC2). One implementation for both readers, so every count a
 * file names is bounded (MAX_READ_ITERATIONS) before any derivation, and no derivation runs on the thread
 * that serves IPC: PBKDF2 on libuv's pool, the PKCS#12 KDF on a worker thread with a time limit. OpenSSL's
 * own decryption would run whatever the file asks, synchronously.
 */
import { createDecipheriv, pbkdf2 } from 'node:crypto';
import { promisify } from 'node:util';
import { fromBER, OctetString as BerOctetString } from 'asn1js';
import { AsnConvert } from '@peculiar/asn1-schema';
import type { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { AppError } from '../../../../shared/ipc/error-codes';
import { OID, Pbes2Params, Pbkdf2Params, Pkcs12PbeParams } from '../../export/asn1-params';
import { deriveOffThread } from '../../export/kdf-thread';
import { boundedReadIterations } from '../../export/pbes2';
import { bmpPassword, KDF_ID, type Pkcs12Hash } from '../../export/pkcs12-kdf';
import { rc2CbcDecrypt } from './rc2';

const pbkdf2Async = promisify(pbkdf2);

/** The passphrase is wrong, or the ciphertext is damaged: the caller names its file. */
export class PbeDecryptFailed extends Error {}

export const PKCS12_PBE = {
  sha1TripleDes: '1.2.840.113549.1.12.1.3',
  sha1Rc2_128: '1.2.840.113549.1.12.1.5',
  sha1Rc2_40: '1.2.840.113549.1.12.1.6',
} as const;

const PRFS: Record<string, Pkcs12Hash> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};
const CIPHERS: Record<string, { name: string; keyLen: number }> = {
  '2.16.840.1.101.3.4.1.2': { name: 'aes-128-cbc', keyLen: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'aes-192-cbc', keyLen: 24 },
  '2.16.840.1.101.3.4.1.42': { name: 'aes-256-cbc', keyLen: 32 },
  '1.2.840.113549.3.7': { name: 'des-ede3-cbc', keyLen: 24 },
};

/** Whether CertDesk decrypts this scheme itself (else the caller must refuse it or bound it otherwise). */
export function isOwnPbe(algorithm: string): boolean {
  return algorithm === OID.pbes2 || Object.values<string>(PKCS12_PBE).includes(algorithm);
}

function parse<T>(raw: ArrayBuffer, type: new () => T, what: string, part: string): T {
  try {
    return AsnConvert.parse(raw, type);
  } catch {
    throw new AppError('INVALID_INPUT', `${what}: its ${part} is malformed`);
  }
}

/** The bytes of an OCTET STRING encoding, also when a BER writer split it into constructed chunks. */
export function berOctets(raw: ArrayBuffer): Uint8Array | null {
  const { offset, result } = fromBER(raw);
  return offset === -1 || !(result instanceof BerOctetString) ? null : new Uint8Array(result.getValue());
}

/**
 * Decrypts `data` under `alg` with the passphrase. `what` names the file in errors ("The PKCS#12 file").
 * INVALID_INPUT above the iteration cap or past the time limit, NOT_SUPPORTED for other schemes,
 * PbeDecryptFailed for a wrong passphrase.
 */
export async function DANGEROUS_decryptPbe(
  alg: AlgorithmIdentifier,
  data: Uint8Array,
  passphrase: string,
  what: string,
): Promise<Uint8Array> {
  const params = alg.parameters;
  if (!params)
    throw new AppError('INVALID_INPUT', `${what}: the encryption ${alg.algorithm} has no parameters`);
  if (alg.algorithm === OID.pbes2) {
    const pbes2 = parse(params, Pbes2Params, what, 'PBES2 parameters');
    if (pbes2.keyDerivationFunc.algorithm !== OID.pbkdf2 || !pbes2.keyDerivationFunc.parameters)
      throw new AppError('NOT_SUPPORTED', `${what} uses a key derivation other than PBKDF2`);
    const kdf = parse(pbes2.keyDerivationFunc.parameters, Pbkdf2Params, what, 'PBKDF2 parameters');
    const iterations = boundedReadIterations(kdf.iterationCount, what);
    const prf = kdf.prf ? PRFS[kdf.prf.algorithm] : 'sha1';
    const cipher = CIPHERS[pbes2.encryptionScheme.algorithm];
    const iv = pbes2.encryptionScheme.parameters ? berOctets(pbes2.encryptionScheme.parameters) : null;
    if (!cipher || !prf || !iv)
      throw new AppError('NOT_SUPPORTED', `${what} uses an unsupported PBES2 cipher or PRF`);
    const key = await pbkdf2Async(
      Buffer.from(passphrase, 'utf8'),
      new Uint8Array(kdf.salt),
      iterations,
      cipher.keyLen,
      prf,
    );
    return decipher(cipher.name, key, iv, data);
  }
  if (Object.values<string>(PKCS12_PBE).includes(alg.algorithm)) {
    const pbe = parse(params, Pkcs12PbeParams, what, 'PBE parameters');
    const iterations = boundedReadIterations(pbe.iterations, what);
    const keyLen =
      alg.algorithm === PKCS12_PBE.sha1TripleDes ? 24 : alg.algorithm === PKCS12_PBE.sha1Rc2_40 ? 5 : 16;
    const job = {
      alg: 'sha1' as const,
      password: bmpPassword(passphrase),
      salt: new Uint8Array(pbe.salt),
      iterations,
    };
    const [key, iv] = (await deriveOffThread(
      [
        { ...job, id: KDF_ID.key, length: keyLen },
        { ...job, id: KDF_ID.iv, length: 8 },
      ],
      what,
    )) as [Uint8Array, Uint8Array];
    if (alg.algorithm === PKCS12_PBE.sha1TripleDes) return decipher('des-ede3-cbc', key, iv, data);
    // Node's OpenSSL 3 has no RC2 (legacy provider): RC2 goes through our RFC 2268 implementation.
    try {
      return rc2CbcDecrypt(key, keyLen * 8, iv, data);
    } catch {
      throw new PbeDecryptFailed();
    }
  }
  throw new AppError('NOT_SUPPORTED', `${what}: encryption ${alg.algorithm} is not supported`);
}

function decipher(name: string, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  try {
    const d = createDecipheriv(name, key, iv);
    return Buffer.concat([d.update(data), d.final()]);
  } catch {
    throw new PbeDecryptFailed();
  }
}
