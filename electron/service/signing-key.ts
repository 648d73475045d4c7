import type { SigningKeyAlgorithm } from '../core/vault';
import type { KeyAlgorithm } from '../../shared/domain/types';

/**
 * WebCrypto import parameters for a CA key. RSA CAs sign with SHA-256 (what openssl's `-sha256` ceremony
 * in the seed uses and every TLS stack accepts); P-384 pairs with SHA-384 in the engine's signer.
 */
export function signingAlgorithmFor(alg: KeyAlgorithm): SigningKeyAlgorithm {
  switch (alg) {
    case 'ec-p256':
      return { name: 'ECDSA', namedCurve: 'P-256' };
    case 'ec-p384':
      return { name: 'ECDSA', namedCurve: 'P-384' };
    case 'ed25519':
      return { name: 'Ed25519' };
    case 'rsa-2048':
    case 'rsa-3072':
    case 'rsa-4096':
      return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  }
}
