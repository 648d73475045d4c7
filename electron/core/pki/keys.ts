/**
 * Key generation and import. Private keys leave this module only as non-extractable CryptoKeys, except the
 * PKCS#8 bytes of a fresh key (`DANGEROUS_privateKeyPkcs8`), which the vault encrypts.
 */
import { createPrivateKey, createPublicKey, webcrypto, type KeyObject } from 'node:crypto';
import type { KeyAlgorithm } from '../../../shared/domain/types';
import { AppError } from '../../../shared/ipc/error-codes';
import { readCert } from './cert-raw';
import { bytesEqual, toArrayBuffer } from './der';
import type { CryptoProvider, GeneratedKeyPair, PkiCryptoKey, PublicKeyInput } from './types';

type Params = {
  gen: webcrypto.EcKeyGenParams | webcrypto.RsaHashedKeyGenParams | webcrypto.Algorithm;
  imp: webcrypto.EcKeyImportParams | webcrypto.RsaHashedImportParams | webcrypto.Algorithm;
};

function params(alg: KeyAlgorithm): Params {
  switch (alg) {
    case 'ec-p256':
      return { gen: { name: 'ECDSA', namedCurve: 'P-256' }, imp: { name: 'ECDSA', namedCurve: 'P-256' } };
    case 'ec-p384':
      return { gen: { name: 'ECDSA', namedCurve: 'P-384' }, imp: { name: 'ECDSA', namedCurve: 'P-384' } };
    case 'ed25519':
      return { gen: { name: 'Ed25519' }, imp: { name: 'Ed25519' } };
    case 'rsa-2048':
    case 'rsa-3072':
    case 'rsa-4096': {
      const modulusLength = Number(alg.slice(4));
      const rsa = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
      return { gen: { ...rsa, modulusLength, publicExponent: new Uint8Array([1, 0, 1]) }, imp: rsa };
    }
  }
}

/**
 * Generates a key pair. WebCrypto's generateKey runs RSA generation as an async job on libuv's threadpool,
 * so even RSA-4096 (seconds) leaves the event loop responsive (checked in keys.test.ts).
 */
export async function generateKeyPair(
  alg: KeyAlgorithm,
  crypto: CryptoProvider = webcrypto,
): Promise<GeneratedKeyPair> {
  const p = params(alg);
  const pair = (await crypto.subtle.generateKey(p.gen, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
  const signingKey = await crypto.subtle.importKey('pkcs8', toArrayBuffer(pkcs8), p.imp, false, ['sign']);
  return { alg, DANGEROUS_privateKeyPkcs8: pkcs8, publicKey: pair.publicKey, signingKey, spki };
}

/** PKCS#8 DER → non-extractable signing CryptoKey. INVALID_KEY when the bytes are not a key of `alg`. */
export async function importSigningKey(
  pkcs8: Uint8Array,
  alg: KeyAlgorithm,
  crypto: CryptoProvider = webcrypto,
): Promise<PkiCryptoKey> {
  try {
    return await crypto.subtle.importKey('pkcs8', toArrayBuffer(pkcs8), params(alg).imp, false, ['sign']);
  } catch (e) {
    throw new AppError(
      'INVALID_KEY',
      `the private key is not a valid ${alg} PKCS#8 key (${(e as Error).message})`,
    );
  }
}

/** SPKI DER (or an existing CryptoKey) → verify-only public CryptoKey. */
export async function importPublicKey(
  spki: PublicKeyInput,
  alg: KeyAlgorithm,
  crypto: CryptoProvider = webcrypto,
): Promise<PkiCryptoKey> {
  if (!(spki instanceof Uint8Array)) return spki;
  try {
    return await crypto.subtle.importKey('spki', toArrayBuffer(spki), params(alg).imp, true, ['verify']);
  } catch (e) {
    throw new AppError('INVALID_KEY', `the public key is not a valid ${alg} key (${(e as Error).message})`);
  }
}

/** SPKI DER of a public key input. */
export async function spkiOf(key: PublicKeyInput, crypto: CryptoProvider = webcrypto): Promise<Uint8Array> {
  if (key instanceof Uint8Array) return key;
  if (key.type !== 'public')
    throw new AppError('INVALID_KEY', 'a public key is required here, not a private key');
  return new Uint8Array(await crypto.subtle.exportKey('spki', key));
}

export function keyAlgorithmOfKeyObject(k: KeyObject): KeyAlgorithm | null {
  const d = k.asymmetricKeyDetails ?? {};
  switch (k.asymmetricKeyType) {
    case 'ec':
      return d.namedCurve === 'prime256v1' ? 'ec-p256' : d.namedCurve === 'secp384r1' ? 'ec-p384' : null;
    case 'ed25519':
      return 'ed25519';
    case 'rsa': {
      const bits = d.modulusLength;
      return bits === 2048 ? 'rsa-2048' : bits === 3072 ? 'rsa-3072' : bits === 4096 ? 'rsa-4096' : null;
    }
    default:
      return null;
  }
}

/** Human label of a key: "EC P-256", "RSA 3072", "Ed25519", or the raw type for unsupported keys. */
export function keyLabelOfKeyObject(k: KeyObject): {
  label: string;
  algorithm: string;
  size?: number;
  curve?: string;
} {
  const d = k.asymmetricKeyDetails ?? {};
  if (k.asymmetricKeyType === 'ec') {
    const curve =
      d.namedCurve === 'prime256v1'
        ? 'P-256'
        : d.namedCurve === 'secp384r1'
          ? 'P-384'
          : d.namedCurve === 'secp521r1'
            ? 'P-521'
            : (d.namedCurve ?? '?');
    return {
      label: `EC ${curve}`,
      algorithm: 'EC',
      curve,
      size: curve === 'P-256' ? 256 : curve === 'P-384' ? 384 : undefined,
    };
  }
  if (k.asymmetricKeyType === 'rsa')
    return { label: `RSA ${d.modulusLength ?? '?'}`, algorithm: 'RSA', size: d.modulusLength };
  if (k.asymmetricKeyType === 'ed25519') return { label: 'Ed25519', algorithm: 'Ed25519', size: 256 };
  return {
    label: String(k.asymmetricKeyType ?? 'unknown'),
    algorithm: String(k.asymmetricKeyType ?? 'unknown'),
  };
}

export function publicKeyObject(spki: Uint8Array): KeyObject {
  try {
    return createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
  } catch (e) {
    throw new AppError('INVALID_KEY', `unreadable public key (${(e as Error).message})`);
  }
}

export function keyAlgorithmOfSpki(spki: Uint8Array): KeyAlgorithm | null {
  return keyAlgorithmOfKeyObject(publicKeyObject(spki));
}

export function keyAlgorithmOfCert(certDer: Uint8Array): KeyAlgorithm | null {
  return keyAlgorithmOfSpki(readCert(certDer).spki);
}

/**
 * A certificate's SubjectPublicKeyInfo DER as it encodes it (renewal that keeps the key re-certifies it, also
 * for a certificate whose times cannot be read).
 */
export function spkiOfCert(certDer: Uint8Array): Uint8Array {
  return readCert(certDer, 'keep').spki;
}

/** Normalised SPKI DER of the public half of a PKCS#8 private key. */
export function DANGEROUS_publicSpkiOfPkcs8(pkcs8: Uint8Array): Uint8Array {
  let priv: KeyObject;
  try {
    priv = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
  } catch (e) {
    throw new AppError('INVALID_KEY', `unreadable PKCS#8 private key (${(e as Error).message})`);
  }
  return new Uint8Array(createPublicKey(priv).export({ format: 'der', type: 'spki' }));
}

/** true when the PKCS#8 private key is the certificate's key (SPKIs compared after normalising through OpenSSL). */
export function keysMatch(certDer: Uint8Array, pkcs8: Uint8Array): boolean {
  const certSpki = new Uint8Array(
    publicKeyObject(readCert(certDer).spki).export({ format: 'der', type: 'spki' }),
  );
  return bytesEqual(certSpki, DANGEROUS_publicSpkiOfPkcs8(pkcs8));
}

/** The KeyAlgorithm of a signing CryptoKey (picks the signature algorithm). */
export function keyAlgorithmOfCryptoKey(key: PkiCryptoKey): KeyAlgorithm {
  const a = key.algorithm as webcrypto.KeyAlgorithm & { namedCurve?: string; modulusLength?: number };
  if (a.name === 'ECDSA' && a.namedCurve === 'P-256') return 'ec-p256';
  if (a.name === 'ECDSA' && a.namedCurve === 'P-384') return 'ec-p384';
  if (a.name === 'Ed25519') return 'ed25519';
  if (a.name === 'RSASSA-PKCS1-v1_5') {
    const bits = a.modulusLength;
    if (bits === 2048 || bits === 3072 || bits === 4096) return `rsa-${bits}`;
  }
  throw new AppError(
    'INVALID_KEY',
    `unsupported signing key ${a.name} ${a.namedCurve ?? a.modulusLength ?? ''}`,
  );
}
