/**
 * DANGEROUS: turns a private key file (PKCS#1, SEC1, PKCS#8, encrypted PKCS#8; PEM or DER) into raw PKCS#8
 * bytes for the vault to encrypt. Never log the result.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { EncryptedPrivateKeyInfo } from '@peculiar/asn1-pkcs8';
import { AppError } from '../../../../shared/ipc/error-codes';
import { keyAlgorithmOfKeyObject, keyLabelOfKeyObject } from '../keys';
import { classifyDer, parsePemBundle } from '../pem';
import type { DangerousPrivateKey } from '../types';
import { Pkcs12PbeParams } from '../../export/asn1-params';
import { boundedReadIterations } from '../../export/pbes2';
import { DANGEROUS_decryptPbe, isOwnPbe, PbeDecryptFailed } from './pbe-decrypt';

const WHAT = 'The private key file';

const KEY_TYPES = new Set(['private-key', 'encrypted-private-key', 'rsa-private-key', 'ec-private-key']);

function decryptFailure(e: unknown, passphrase: string | undefined): AppError {
  const msg = e instanceof Error ? e.message : '';
  if (passphrase === undefined)
    return new AppError('KEY_DECRYPT_FAILED', 'the private key is encrypted: a passphrase is required');
  return new AppError(
    'KEY_DECRYPT_FAILED',
    `could not decrypt the private key: wrong passphrase or unsupported encryption (${msg})`,
  );
}

/** Wraps an already-decoded KeyObject into the vault's shape; INVALID_KEY for algorithms CertDesk does not support. */
export function DANGEROUS_fromKeyObject(key: KeyObject): DangerousPrivateKey {
  const alg = keyAlgorithmOfKeyObject(key);
  if (!alg) {
    throw new AppError(
      'INVALID_KEY',
      `unsupported key ${keyLabelOfKeyObject(key).label}: CertDesk supports EC P-256/P-384, RSA 2048/3072/4096 and Ed25519`,
    );
  }
  const pkcs8 = new Uint8Array(key.export({ format: 'der', type: 'pkcs8' }));
  return { alg, DANGEROUS_pkcs8: pkcs8, pkcs8 };
}

/** PKCS#5 v1.5 PBEs (pbeWithMD5AndDES-CBC …): { salt, iterations } like the PKCS#12 ones; OpenSSL decrypts them. */
const PKCS5_V15_PREFIX = '1.2.840.113549.1.5.';

/**
 * An encrypted PKCS#8 key → its KeyObject. The schemes OpenSSL and Java write are decrypted by
 * DANGEROUS_decryptPbe (bounded, off the IPC thread); PKCS#5 v1.5 ones are bounded, then left to OpenSSL.
 */
async function fromEncryptedPkcs8(der: Uint8Array, passphrase: string): Promise<KeyObject> {
  let info: EncryptedPrivateKeyInfo;
  try {
    info = AsnConvert.parse(der, EncryptedPrivateKeyInfo);
  } catch {
    throw new AppError('INVALID_KEY', 'unreadable encrypted private key');
  }
  const alg = info.encryptionAlgorithm;
  if (isOwnPbe(alg.algorithm)) {
    let plain: Uint8Array;
    try {
      plain = await DANGEROUS_decryptPbe(alg, new Uint8Array(info.encryptedData.buffer), passphrase, WHAT);
    } catch (e) {
      if (e instanceof PbeDecryptFailed) throw decryptFailure(e, passphrase);
      throw e;
    }
    try {
      return createPrivateKey({ key: Buffer.from(plain), format: 'der', type: 'pkcs8' });
    } catch (e) {
      throw decryptFailure(e, passphrase);
    } finally {
      plain.fill(0);
    }
  }
  if (!alg.algorithm.startsWith(PKCS5_V15_PREFIX) || !alg.parameters)
    throw new AppError('NOT_SUPPORTED', `${WHAT}: encryption ${alg.algorithm} is not supported`);
  let iterations: number;
  try {
    iterations = AsnConvert.parse(alg.parameters, Pkcs12PbeParams).iterations;
  } catch {
    throw new AppError('INVALID_KEY', 'unreadable encrypted private key: its PBE parameters are malformed');
  }
  boundedReadIterations(iterations, WHAT);
  try {
    return createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8', passphrase });
  } catch (e) {
    throw decryptFailure(e, passphrase);
  }
}

function fromDer(der: Uint8Array, passphrase: string | undefined): Promise<KeyObject> | KeyObject {
  const kind = classifyDer(der);
  const buf = Buffer.from(der);
  try {
    switch (kind) {
      case 'private-key':
        return createPrivateKey({ key: buf, format: 'der', type: 'pkcs8' });
      case 'rsa-private-key':
        return createPrivateKey({ key: buf, format: 'der', type: 'pkcs1' });
      case 'ec-private-key':
        return createPrivateKey({ key: buf, format: 'der', type: 'sec1' });
      case 'encrypted-private-key':
        break;
      default:
        throw new AppError('INVALID_KEY', `this is not a private key (it looks like: ${kind})`);
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('INVALID_KEY', `unreadable ${kind}: ${(e as Error).message}`);
  }
  if (passphrase === undefined) throw decryptFailure(null, passphrase);
  return fromEncryptedPkcs8(der, passphrase);
}

/** Reads PKCS#1 / SEC1 / PKCS#8 / encrypted PKCS#8, PEM or DER → PKCS#8 DER. INVALID_PEM, INVALID_KEY, KEY_DECRYPT_FAILED. */
export async function DANGEROUS_readPrivateKeyFile(
  bytes: Uint8Array | string,
  passphrase?: string,
): Promise<DangerousPrivateKey> {
  const blocks = parsePemBundle(bytes);
  const block = blocks.find((b) => KEY_TYPES.has(b.type));
  if (!block)
    throw new AppError(
      'INVALID_KEY',
      `no private key found (the input holds: ${blocks.map((b) => b.type).join(', ')})`,
    );
  if (block.label === 'DER' || block.type === 'encrypted-private-key')
    return DANGEROUS_fromKeyObject(await fromDer(block.der, passphrase));
  const pem = typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('utf8');
  // Legacy OpenSSL PEM encryption (Proc-Type: 4,ENCRYPTED: one MD5 round, no work to bound) needs the passphrase too.
  const encrypted = /Proc-Type:\s*4,ENCRYPTED/.test(pem);
  if (encrypted && passphrase === undefined) throw decryptFailure(null, passphrase);
  const start = pem.indexOf(`-----BEGIN ${block.label}-----`);
  const endMarker = `-----END ${block.label}-----`;
  const one = pem.slice(start, pem.indexOf(endMarker, start) + endMarker.length);
  try {
    return DANGEROUS_fromKeyObject(
      createPrivateKey(encrypted ? { key: one, format: 'pem', passphrase } : { key: one, format: 'pem' }),
    );
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (encrypted) throw decryptFailure(e, passphrase);
    throw new AppError('INVALID_KEY', `unreadable ${block.label}: ${(e as Error).message}`);
  }
}
