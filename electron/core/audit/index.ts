/**
 * Hash-chained audit log — public API. Plain Node.
 *
 * Lives in a plain JSONL file beside the vault (`<vault>.audit.jsonl`) so that failed unlocks are auditable
 * without the key. It holds no secrets: subjects, serials and fingerprints only. Each entry's `hash` is
 * SHA-256(prev hash hex + canonical JSON of the entry without `hash`); the first entry chains to 64 zeros.
 * The service records the latest `AuditHead` inside the authenticated vault, and passes it to `verify` so a
 * truncated or rewritten tail is detected too. See FORMAT.md in ../vault for the file description.
 */
export type { AuditAppendInput, AuditHead, AuditListOptions } from './types';
export { AuditLog, auditPathFor } from './audit-log';
export { GENESIS_HASH, canonicalJson, computeEntryHash } from './chain';
