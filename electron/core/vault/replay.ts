import { AppError } from '../../../shared/ipc/error-codes';
import { corrupt } from './header';
import type { WrappedKeyData } from './keyring';
import type { VaultRecord } from './types';

/** Engine-internal record types (callers cannot append `$` types). */
export const KEY_RECORD = '$key';
export const KEY_DELETE_RECORD = '$key-del';

export interface Replayed {
  records: VaultRecord[];
  keys: Map<string, WrappedKeyData>;
}

function isWrapped(d: unknown): d is WrappedKeyData {
  const w = d as Partial<WrappedKeyData> | null;
  return typeof w?.ref === 'string' && typeof w.iv === 'string' && typeof w.ct === 'string';
}

/** Splits the log into caller records and the engine's key table; a single pass, no per-record crypto. */
export function replay(all: readonly VaultRecord[]): Replayed {
  const records: VaultRecord[] = [];
  const keys = new Map<string, WrappedKeyData>();
  for (const r of all) {
    if (r.type.charCodeAt(0) !== 36 /* $ */) {
      records.push(r);
    } else if (r.type === KEY_RECORD) {
      if (!isWrapped(r.data)) throw corrupt('a wrapped-key record is malformed');
      keys.set(r.data.ref, r.data);
    } else if (r.type === KEY_DELETE_RECORD) {
      const ref = (r.data as { ref?: unknown } | null)?.ref;
      if (typeof ref !== 'string') throw corrupt('a key-deletion record is malformed');
      keys.delete(ref);
    } else {
      throw corrupt(`unknown engine record type ${r.type}`);
    }
  }
  return { records, keys };
}

export function keyRecords(keys: ReadonlyMap<string, WrappedKeyData>): VaultRecord[] {
  return [...keys.values()].map((w) => ({ type: KEY_RECORD, data: { ref: w.ref, iv: w.iv, ct: w.ct } }));
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
