import type { ChainResult, KnownCa, VerifyChainOptions } from './types';
import { notYet } from './stub';

/** Finds the issuer path (leaf first) through `knownCas` by name + signature. */
export function buildChain(certDer: Uint8Array, knownCas: KnownCa[]): Uint8Array[] {
  return notYet('buildChain');
}
/** Builds and checks the chain with a per-link verdict. */
export function verifyChain(certDer: Uint8Array, opts: VerifyChainOptions): ChainResult {
  return notYet('verifyChain');
}
