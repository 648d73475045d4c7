import { webcrypto } from 'node:crypto';
import type { Pkcs10CertificateRequest } from '@peculiar/x509';
import type { CryptoProvider } from './types';

/** Node's WebCrypto: the production provider wired by the composition roots. */
export function defaultCryptoProvider(): CryptoProvider {
  return webcrypto;
}

/** WebCrypto as @peculiar/x509's parameters type it (the DOM's `Crypto`). */
export type LibraryCrypto = Parameters<Pkcs10CertificateRequest['verify']>[0];

/**
 * The same provider, typed for @peculiar/x509. The cast only bridges Node's and the DOM's typings of
 * WebCrypto: the e2e project compiles the engine with the DOM library; under Node's typings it is a no-op.
 */
export function libraryCrypto(crypto: CryptoProvider): LibraryCrypto {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
  return crypto as unknown as LibraryCrypto;
}
