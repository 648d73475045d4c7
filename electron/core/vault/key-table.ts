import { corrupt } from './header';
import { bytesOf, type WrappedKeyData } from './keyring';
import type { VaultRecord } from './types';

/**
 * Wrapped private keys in bulk (FORMAT.md, "Key tables", format version 5). A compaction writes the vault's
 * wrapped keys as a few `$key-table` records instead of one `$key` record each: per table, the refs as one
 * newline-separated string and the nonces, ciphertexts and ciphertext ends as three byte fields. Why: at
 * 100,000 certificates the per-key records were a seventh of an unlock's JSON but half a million objects, and
 * parsing every frame without them took 30 % less time; a table is four values, and a key is looked up (its
 * index built) only when one is used.
 */
export const KEY_TABLE_RECORD = '$key-table';
/** keys per table record, so a table stays far below the frame limit (RSA 4096 keys are ~2.4 KB wrapped) */
export const KEYS_PER_TABLE = 16_384;
const IV_BYTES = 12;
const END_BYTES = 4;

interface KeyTable {
  refs: string[] | null;
  /** the stored refs text, split on first use */
  refsText: string;
  count: number;
  iv: Uint8Array;
  ct: Uint8Array;
  ends: DataView;
}

/** Whether a key can go into a table: refs are joined with newlines and nonces have a fixed size. */
function tableable(w: WrappedKeyData): boolean {
  return !w.ref.includes('\n') && w.ref.length > 0 && bytesOf(w.iv).length === IV_BYTES;
}

/** Lines of a newline-separated text, counted without splitting it. */
function lineCount(text: string): number {
  let n = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) n++;
  return n;
}

/**
 * The vault's wrapped keys by ref. Reads like a Map; keys set or deleted after the tables were read sit in
 * `changed` (null = deleted) and win over the tables.
 */
export class WrappedKeys implements Iterable<[string, WrappedKeyData]> {
  private tables: KeyTable[] = [];
  /** ref → [table, row]; built on the first lookup of a key that is not in `changed` */
  private index: Map<string, [number, number]> | null = null;
  private readonly changed = new Map<string, WrappedKeyData | null>();
  /** size, remembered until the next change (VaultInfo reads it often) */
  private counted: number | null = null;

  /** Adds a stored table; VAULT_CORRUPT when its fields do not describe the same number of keys. */
  addTable(data: unknown): void {
    const d = data as { refs?: unknown; iv?: unknown; ct?: unknown; ends?: unknown } | null;
    const ok =
      typeof d?.refs === 'string' &&
      d.iv instanceof Uint8Array &&
      d.ct instanceof Uint8Array &&
      d.ends instanceof Uint8Array;
    if (!ok) throw corrupt('a key table is malformed');
    const { iv, ct, ends: endBytes } = d as { iv: Uint8Array; ct: Uint8Array; ends: Uint8Array };
    const count = endBytes.length / END_BYTES;
    if (!Number.isInteger(count) || iv.length !== count * IV_BYTES) throw corrupt('a key table is malformed');
    const ends = new DataView(endBytes.buffer, endBytes.byteOffset, endBytes.byteLength);
    let previous = 0;
    for (let i = 0; i < count; i++) {
      const end = ends.getUint32(i * END_BYTES);
      if (end < previous + 16) throw corrupt('a key table is malformed');
      previous = end;
    }
    const lines = count === 0 ? 0 : lineCount(d.refs as string);
    if (previous !== ct.length || lines !== count) throw corrupt('a key table is malformed');
    this.tables.push({ refs: null, refsText: d.refs as string, count, iv, ct, ends });
    this.index = null;
    this.counted = null;
  }

  private lookup(ref: string): WrappedKeyData | undefined {
    const c = this.changed.get(ref);
    if (c !== undefined) return c ?? undefined;
    if (this.tables.length === 0) return undefined;
    const at = this.buildIndex().get(ref);
    return at === undefined ? undefined : this.row(at[0], at[1]);
  }

  private buildIndex(): Map<string, [number, number]> {
    if (this.index) return this.index;
    const index = new Map<string, [number, number]>();
    this.tables.forEach((t, ti) => {
      t.refs ??= t.count === 0 ? [] : t.refsText.split('\n');
      t.refs.forEach((ref, row) => index.set(ref, [ti, row]));
    });
    return (this.index = index);
  }

  private row(ti: number, row: number): WrappedKeyData {
    const t = this.tables[ti]!;
    const start = row === 0 ? 0 : t.ends.getUint32((row - 1) * END_BYTES);
    const end = t.ends.getUint32(row * END_BYTES);
    return {
      ref: t.refs![row]!,
      iv: t.iv.subarray(row * IV_BYTES, (row + 1) * IV_BYTES),
      ct: t.ct.subarray(start, end),
    };
  }

  get(ref: string): WrappedKeyData | undefined {
    return this.lookup(ref);
  }

  has(ref: string): boolean {
    return this.lookup(ref) !== undefined;
  }

  set(ref: string, w: WrappedKeyData): void {
    this.changed.set(ref, w);
    this.counted = null;
  }

  delete(ref: string): void {
    this.changed.set(ref, null);
    this.counted = null;
  }

  clear(): void {
    this.tables = [];
    this.index = null;
    this.changed.clear();
    this.counted = 0;
  }

  /** Without a change since the tables were read, their row counts (refs are unique: a writer takes them from this map). */
  get size(): number {
    if (this.counted !== null) return this.counted;
    let n = 0;
    if (this.changed.size === 0) {
      for (const t of this.tables) n += t.count;
    } else {
      const index = this.tables.length === 0 ? null : this.buildIndex();
      n = index?.size ?? 0;
      for (const [ref, w] of this.changed) {
        const stored = index?.has(ref) ?? false;
        if (w === null && stored) n--;
        else if (w !== null && !stored) n++;
      }
    }
    return (this.counted = n);
  }

  *[Symbol.iterator](): IterableIterator<[string, WrappedKeyData]> {
    const index = this.tables.length === 0 ? null : this.buildIndex();
    if (index) {
      for (const [ref, [ti, row]] of index) if (!this.changed.has(ref)) yield [ref, this.row(ti, row)];
    }
    for (const [ref, w] of this.changed) if (w !== null) yield [ref, w];
  }
}

/**
 * The records that store `keys`: tables of up to KEYS_PER_TABLE keys, and a `$key` record for a key a table
 * cannot hold (a ref with a newline or a nonce of another size: never written by this engine).
 */
export function keyTableRecords(keys: Iterable<[string, WrappedKeyData]>, single: string): VaultRecord[] {
  const out: VaultRecord[] = [];
  let batch: WrappedKeyData[] = [];
  const flush = (): void => {
    if (batch.length === 0) return;
    const iv = new Uint8Array(batch.length * IV_BYTES);
    const cts = batch.map((w) => bytesOf(w.ct));
    const ct = new Uint8Array(cts.reduce((n, c) => n + c.length, 0));
    const ends = new Uint8Array(batch.length * END_BYTES);
    const view = new DataView(ends.buffer);
    let pos = 0;
    batch.forEach((w, i) => {
      iv.set(bytesOf(w.iv), i * IV_BYTES);
      ct.set(cts[i]!, pos);
      pos += cts[i]!.length;
      view.setUint32(i * END_BYTES, pos);
    });
    out.push({ type: KEY_TABLE_RECORD, data: { refs: batch.map((w) => w.ref).join('\n'), iv, ct, ends } });
    batch = [];
  };
  for (const [, w] of keys) {
    if (!tableable(w)) {
      out.push({ type: single, data: { ref: w.ref, iv: w.iv, ct: w.ct } });
      continue;
    }
    batch.push(w);
    if (batch.length === KEYS_PER_TABLE) flush();
  }
  flush();
  return out;
}
