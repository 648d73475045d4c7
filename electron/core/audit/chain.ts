import { createHash, createHmac } from 'node:crypto';
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

export type AuditBody = Omit<AuditEntry, 'hash' | 'mac'>;

function bodyOf(entry: AuditBody): string {
  const { hash: _h, mac: _m, ...body } = entry as AuditEntry;
  void _h;
  void _m;
  return canonicalJson(body);
}

/**
 * Format 1 (unkeyed, read only): hex SHA-256 over `prevHash` (hex) followed by the canonical JSON of the entry.
 * Anyone can recompute it, so such entries are trusted only up to the head the vault recorded.
 */
export function computeEntryHash(prevHash: string, entry: AuditBody): string {
  return createHash('sha256').update(prevHash, 'utf8').update(bodyOf(entry), 'utf8').digest('hex');
}

/** Format 2: hex HMAC-SHA256 under the vault's audit key over `prev` (hex) and the canonical JSON. */
export function computeEntryMac(key: Buffer, prev: string, entry: AuditBody): string {
  return createHmac('sha256', key).update(prev, 'utf8').update(bodyOf(entry), 'utf8').digest('hex');
}

/** The chain value of an entry, whichever format it has. */
export function linkOf(entry: AuditEntry): string | undefined {
  return entry.mac ?? entry.hash;
}
