import type { AuditEntry } from '../../../shared/domain/types';

/** Hash the first entry chains to. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted recursively and no whitespace. */
export function canonicalJson(value: unknown): string {
  void value;
  throw new Error('not implemented');
}

/** hex SHA-256 over `prevHash` (hex) followed by the canonical JSON of the entry without `hash`. */
export function computeEntryHash(prevHash: string, entry: Omit<AuditEntry, 'hash'>): string {
  void prevHash; void entry;
  throw new Error('not implemented');
}
