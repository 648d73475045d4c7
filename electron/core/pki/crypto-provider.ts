import { webcrypto } from 'node:crypto';
import type { CryptoProvider } from './types';

/** Node's WebCrypto: the production provider wired by the composition roots. */
export function defaultCryptoProvider(): CryptoProvider {
  return webcrypto;
}
