import { createHash } from 'node:crypto';
import type { AuditEntry } from '../../../shared/domain/types';

/** Hash the first entry chains to. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted recursively, no whitespace, `undefined` members omitted: the same entry always
 * hashes the same, whatever order its fields were written in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const members = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`);
  return `{${members.join(',')}}`;
}

/** hex SHA-256 over `prevHash` (hex) followed by the canonical JSON of the entry without `hash`. */
export function computeEntryHash(prevHash: string, entry: Omit<AuditEntry, 'hash'>): string {
  const { hash: _ignored, ...body } = entry as AuditEntry;
  void _ignored;
  return createHash('sha256').update(prevHash, 'utf8').update(canonicalJson(body), 'utf8').digest('hex');
}
