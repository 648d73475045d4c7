/**
 * Batch issuance fast path (issue #8): per-batch template + small DER writer + worker key pool. Produces the
 * same certificate structure as issueLeaf for the server/client/service profiles (leaf-encoder.test.ts).
 */
export { LeafBatchIssuer } from './batch-issuer';
export type { FastIssuedLeaf, FastLeafOutcome, FastLeafRequest, LeafBatchOptions } from './batch-issuer';
export { KeyWorkerPool, defaultPoolSize } from './key-pool';
export type { DerKeyPair } from './key-pool';
export { createLeafTemplate, FAST_PROFILES } from './leaf-template';
export type { FastProfile, LeafTemplate } from './leaf-template';
