import { AppError } from '../../../shared/ipc/error-codes';
import { corrupt } from './header';
import { KEY_TABLE_RECORD, keyTableRecords, WrappedKeys } from './key-table';
import type { WrappedKeyData } from './keyring';
import type { VaultRecord } from './types';

/** Engine-internal record types (callers cannot append `$` types). */
export const KEY_RECORD = '$key';
export const KEY_DELETE_RECORD = '$key-del';
/** audit HMAC key of an earlier data key (kept so entries made before a passphrase change still verify) */
export const RETIRED_AUDIT_KEY_RECORD = '$audit-key-retired';

export interface Replayed {
  records: VaultRecord[];
  keys: WrappedKeys;
  /** base64 retired audit keys, oldest first */
  retiredAuditKeys: string[];
}

function isWrapped(d: unknown): d is WrappedKeyData {
  const w = d as Partial<WrappedKeyData> | null;
  const bytes = (v: unknown): boolean => typeof v === 'string' || v instanceof Uint8Array;
  return typeof w?.ref === 'string' && bytes(w.iv) && bytes(w.ct);
}

/** Splits the log into caller records and the engine's key table; a single pass, no per-record crypto. */
export function replay(all: readonly VaultRecord[]): Replayed {
  const records: VaultRecord[] = [];
  const keys = new WrappedKeys();
  const retiredAuditKeys: string[] = [];
  for (const r of all) {
    if (r.type.charCodeAt(0) !== 36 /* $ */) {
      records.push(r);
    } else if (r.type === KEY_RECORD) {
      if (!isWrapped(r.data)) throw corrupt('a wrapped-key record is malformed');
      keys.set(r.data.ref, r.data);
    } else if (r.type === KEY_TABLE_RECORD) {
      keys.addTable(r.data);
    } else if (r.type === KEY_DELETE_RECORD) {
      const ref = (r.data as { ref?: unknown } | null)?.ref;
      if (typeof ref !== 'string') throw corrupt('a key-deletion record is malformed');
      keys.delete(ref);
    } else if (r.type === RETIRED_AUDIT_KEY_RECORD) {
      const key = (r.data as { key?: unknown } | null)?.key;
      if (typeof key !== 'string') throw corrupt('a retired-key record is malformed');
      if (!retiredAuditKeys.includes(key)) retiredAuditKeys.push(key);
    } else {
      throw corrupt(`unknown engine record type ${r.type}`);
    }
  }
  return { records, keys, retiredAuditKeys };
}

/** The engine's own records a new generation starts with: retired audit keys, and the wrapped keys in tables. */
export function keyRecords(keys: WrappedKeys, retiredAuditKeys: readonly string[]): VaultRecord[] {
  return [
    ...retiredAuditKeys.map((key): VaultRecord => ({ type: RETIRED_AUDIT_KEY_RECORD, data: { key } })),
    ...keyTableRecords(keys, KEY_RECORD),
  ];
}

/** Callers may not forge engine records, and every record needs JSON data. INVALID_INPUT naming the record. */
export function assertCallerRecords(records: readonly VaultRecord[], label: string): void {
  for (const [i, r] of records.entries()) {
    if (typeof r?.type !== 'string' || r.type.length === 0 || r.type.startsWith('$')) {
      throw new AppError(
        'INVALID_INPUT',
        `${label} ${i}: type must be a non-empty string not starting with "$".`,
      );
    }
    if (r.data === undefined) throw new AppError('INVALID_INPUT', `${label} ${i} (${r.type}) has no data.`);
  }
}
