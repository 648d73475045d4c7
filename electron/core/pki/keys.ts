import type { KeyAlgorithm } from '../../../shared/domain/types';
import type { CryptoProvider, GeneratedKeyPair, PkiCryptoKey, PublicKeyInput } from './types';
import { notYet } from './stub';

/** Generates a key pair off the event loop (RSA on the threadpool). */
export async function generateKeyPair(alg: KeyAlgorithm, crypto?: CryptoProvider): Promise<GeneratedKeyPair> {
  return notYet('generateKeyPair');
}
/** PKCS#8 DER → non-extractable signing CryptoKey. */
export async function importSigningKey(pkcs8: Uint8Array, alg: KeyAlgorithm, crypto?: CryptoProvider): Promise<PkiCryptoKey> {
  return notYet('importSigningKey');
}
/** SPKI DER (or CryptoKey) → verify-only public CryptoKey. */
export async function importPublicKey(spki: PublicKeyInput, alg: KeyAlgorithm, crypto?: CryptoProvider): Promise<PkiCryptoKey> {
  return notYet('importPublicKey');
}
/** SPKI DER of a public key input. */
export async function spkiOf(key: PublicKeyInput, crypto?: CryptoProvider): Promise<Uint8Array> {
  return notYet('spkiOf');
}
/** true when the PKCS#8 private key is the certificate's key. */
export function keysMatch(certDer: Uint8Array, pkcs8: Uint8Array): boolean {
  return notYet('keysMatch');
}
export function keyAlgorithmOfSpki(spki: Uint8Array): KeyAlgorithm | null {
  return notYet('keyAlgorithmOfSpki');
}
export function keyAlgorithmOfCert(certDer: Uint8Array): KeyAlgorithm | null {
  return notYet('keyAlgorithmOfCert');
}
