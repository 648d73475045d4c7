/** Signature algorithm selection (follows the issuer key) and signing of TBS structures. */
import type { KeyAlgorithm } from '../../../shared/domain/types';
import {
  children,
  concat,
  integerBytes,
  nullValue,
  oid,
  readTlv,
  seq,
  toArrayBuffer,
  bitString,
} from './der';
import { keyAlgorithmOfCryptoKey } from './keys';
import type { CryptoProvider, PkiCryptoKey } from './types';

export const SIG_OIDS = {
  ecdsaSha256: '1.2.840.10045.4.3.2',
  ecdsaSha384: '1.2.840.10045.4.3.3',
  rsaSha256: '1.2.840.113549.1.1.11',
  ed25519: '1.3.101.112',
} as const;

/** AlgorithmIdentifier DER: ECDSA and Ed25519 omit parameters, RSA PKCS#1 v1.5 carries NULL (RFC 4055/5758/8410). */
export function signatureAlgorithmId(alg: KeyAlgorithm): Uint8Array {
  switch (alg) {
    case 'ec-p256':
      return seq(oid(SIG_OIDS.ecdsaSha256));
    case 'ec-p384':
      return seq(oid(SIG_OIDS.ecdsaSha384));
    case 'ed25519':
      return seq(oid(SIG_OIDS.ed25519));
    default:
      return seq(oid(SIG_OIDS.rsaSha256), nullValue());
  }
}

/** WebCrypto sign parameters for an issuer key: the hash follows the curve (P-384 → SHA-384). */
export function signingAlgorithmFor(alg: KeyAlgorithm): { name: string; hash?: string } {
  if (alg === 'ec-p256') return { name: 'ECDSA', hash: 'SHA-256' };
  if (alg === 'ec-p384') return { name: 'ECDSA', hash: 'SHA-384' };
  if (alg === 'ed25519') return { name: 'Ed25519' };
  return { name: 'RSASSA-PKCS1-v1_5' };
}

function derInt(raw: Uint8Array): Uint8Array {
  let i = 0;
  while (i < raw.length - 1 && raw[i] === 0) i++;
  const v = raw.subarray(i);
  return integerBytes((v[0] ?? 0) & 0x80 ? concat([Uint8Array.of(0), v]) : v);
}

/** WebCrypto ECDSA yields r||s (IEEE P1363); X.509 wants SEQUENCE { r INTEGER, s INTEGER } (RFC 5758 §3.2). */
function p1363ToDer(sig: Uint8Array): Uint8Array {
  const half = sig.length / 2;
  return seq(derInt(sig.subarray(0, half)), derInt(sig.subarray(half)));
}

/** Signs `tbs` and returns the complete SEQUENCE { tbs, algorithm, signature }. */
export async function signStructure(
  tbs: Uint8Array,
  key: PkiCryptoKey,
  crypto: CryptoProvider,
): Promise<Uint8Array> {
  const alg = keyAlgorithmOfCryptoKey(key);
  let sig: Uint8Array = new Uint8Array(
    await crypto.subtle.sign(signingAlgorithmFor(alg), key, toArrayBuffer(tbs)),
  );
  if (alg.startsWith('ec-')) sig = p1363ToDer(sig);
  return seq(tbs, signatureAlgorithmId(alg), bitString(sig));
}

/** Checks that a TBS's embedded algorithm equals what we sign with (defensive; cheap). */
export function tbsAlgorithmMatches(tbs: Uint8Array, alg: KeyAlgorithm): boolean {
  const top = readTlv(tbs, 0);
  const f = children(tbs, top);
  const sigAlg = f[0]?.tag === 0xa0 ? f[2] : f[1];
  if (!sigAlg) return false;
  return Buffer.from(tbs.subarray(sigAlg.offset, sigAlg.end)).equals(Buffer.from(signatureAlgorithmId(alg)));
}
