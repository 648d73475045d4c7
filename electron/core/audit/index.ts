/**
 * Keyed, hash-chained audit log — public API. Plain Node.
 *
 * `<vault>.audit.jsonl` beside the vault holds no secrets (subjects, serials, fingerprints). Each entry carries
 * `mac` = HMAC-SHA256(audit key, previous mac ‖ canonical JSON of the entry), the audit key derived by HKDF
 * from the vault's data key, so nobody without the passphrase can append, edit or rewrite entries that verify.
 * Failed unlocks (no key) go to a separate unauthenticated file. See FORMAT.md in ../vault.
 */
export type { AuditAppendInput, AuditHead, AuditListOptions, AuditTip, AuditTrust } from './types';
export { AuditLog, auditPathFor } from './audit-log';
export { UnauthenticatedLog, unauthenticatedPathFor } from './unauthenticated-log';
export { GENESIS_HASH, canonicalJson, computeEntryHash, computeEntryMac } from './chain';
export type { ChainCheck } from './verify';
