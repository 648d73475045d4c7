/**
 * Certificate tables (vault format 6): a compaction stores the inventory's certificates as `cert-table.v1`
 * records of up to CERTS_PER_TABLE certificates each instead of one `cert.v1` record per certificate.
 *
 * Why (issue #15, unlock at 100,000 certificates): one `cert.v1` record is seven JSON objects and about 690
 * bytes of JSON, most of it field names and values every certificate of a batch repeats (kind, profile,
 * issuer, algorithm, signer, creation time). A table row is one array whose repeated values are numbers
 * pointing into the table's dictionary, and all DER sits in one byte field: parsing and replaying a vault of
 * 100,000 took half the time in a simulation, with 60 % less JSON to read.
 *
 * Layout: `{ dict: string[], rows: Row[] }` plus the byte field `der` (every certificate's DER, one after
 * another). Row, by position (D = index into dict, -1 for null):
 *   0 id · 1 kind D · 2 profile D · 3 cn · 4 subject · 5 issuer D · 6 issuerId D · 7 serial ·
 *   8 SANs as [type D, value, type D, value, …] · 9 notBefore D · 10 notAfter · 11 sha256 · 12 keyAlgorithm D ·
 *   13 hasKey 0/1 · 14 createdAt D · 15 keyRef (string or null) · 16 keyAlg D · 17 signedBy D ·
 *   18 DER length · 19 rest: 0, or `{ summary?: {…}, keyUsages?: […], extendedKeyUsages?: […] }` with every
 *   other field (revocation, lineage, label, pathLen, tracked, and any field a later version adds).
 * A certificate whose stored fields do not have these shapes keeps a `cert.v1` record of its own.
 */
import type { VaultRecord } from '../core/vault';
import type { CertSummary, KeyAlgorithm, Profile, San, SanType } from '../../shared/domain/types';
import { AppError } from '../../shared/ipc/error-codes';
import type { InventoryEntry } from './inventory';
import { record, RECORD, storedBytes } from './records';

/** About half a MiB of DER and a quarter of JSON: one frame each. */
export const CERTS_PER_TABLE = 1024;
/**
 * A table is one record, so one frame, and a frame holds at most 64 MiB (MAX_FRAME_PLAINTEXT): larger
 * certificates (an imported file may be 16 MiB) make a table of fewer. Past the limit the compaction's re-read
 * refused the new generation, so an older vault's first change failed, every time.
 */
const TABLE_DER_BYTES = 16 * 2 ** 20;

const ROW_LENGTH = 20;

/** The summary fields a row holds by position; any other is kept in the row's rest. */
const POSITIONAL = new Set<string>([
  'id',
  'kind',
  'profile',
  'cn',
  'subject',
  'issuer',
  'issuerId',
  'serial',
  'sans',
  'notBefore',
  'notAfter',
  'sha256',
  'keyAlgorithm',
  'hasKey',
  'createdAt',
]);

type Cell = string | number | null | Cell[] | { [key: string]: unknown };

/** A `cert-table.v1` record's data (see the layout above). */
export interface CertTableData {
  dict: string[];
  rows: Cell[][];
  der: Uint8Array;
}

const isString = (v: unknown): v is string => typeof v === 'string';

/** Whether `e` can be a row: every positional field has the type a row holds. */
function tabular(e: InventoryEntry): boolean {
  const s = e.summary;
  return (
    isString(s.id) &&
    isString(s.kind) &&
    isString(s.profile) &&
    isString(s.cn) &&
    isString(s.subject) &&
    isString(s.issuer) &&
    (s.issuerId === null || isString(s.issuerId)) &&
    isString(s.serial) &&
    Array.isArray(s.sans) &&
    s.sans.every((x) => isString(x?.type) && isString(x?.value) && Object.keys(x).length === 2) &&
    isString(s.notBefore) &&
    isString(s.notAfter) &&
    isString(s.sha256) &&
    isString(s.keyAlgorithm) &&
    typeof s.hasKey === 'boolean' &&
    isString(s.createdAt) &&
    (e.keyRef === null || isString(e.keyRef)) &&
    (e.keyAlg === null || isString(e.keyAlg)) &&
    (e.signedBy === undefined || isString(e.signedBy))
  );
}

/** Builds one table's dictionary as rows are added. */
class Dictionary {
  readonly words: string[] = [];
  private readonly at = new Map<string, number>();
  of(word: string | null | undefined): number {
    if (word === null || word === undefined) return -1;
    let k = this.at.get(word);
    if (k === undefined) {
      k = this.words.length;
      this.words.push(word);
      this.at.set(word, k);
    }
    return k;
  }
}

function rowOf(e: InventoryEntry, d: Dictionary): Cell[] {
  const s = e.summary;
  const sans: Cell[] = [];
  for (const x of s.sans) sans.push(d.of(x.type), x.value);
  const extraSummary: { [key: string]: unknown } = {};
  for (const [k, v] of Object.entries(s)) if (!POSITIONAL.has(k) && v !== undefined) extraSummary[k] = v;
  const rest: { [key: string]: unknown } = {};
  if (Object.keys(extraSummary).length > 0) rest.summary = extraSummary;
  if (e.keyUsages) rest.keyUsages = e.keyUsages;
  if (e.extendedKeyUsages) rest.extendedKeyUsages = e.extendedKeyUsages;
  return [
    s.id,
    d.of(s.kind),
    d.of(s.profile),
    s.cn,
    s.subject,
    d.of(s.issuer),
    d.of(s.issuerId),
    s.serial,
    sans,
    d.of(s.notBefore),
    s.notAfter,
    s.sha256,
    d.of(s.keyAlgorithm),
    s.hasKey ? 1 : 0,
    d.of(s.createdAt),
    e.keyRef,
    d.of(e.keyAlg),
    d.of(e.signedBy),
    e.der.length,
    Object.keys(rest).length > 0 ? rest : 0,
  ];
}

/**
 * The records a compaction stores `entries` as, in their order: tables of up to CERTS_PER_TABLE, and
 * `ownRecord(e)` (its `cert.v1` record) for each entry a row cannot hold (see tabular). `signedBy(e)` is the
 * vouch to store for `e`.
 */
export function certRecords(
  entries: Iterable<InventoryEntry>,
  signedBy: (e: InventoryEntry) => string | undefined,
  ownRecord: (e: InventoryEntry) => VaultRecord,
): VaultRecord[] {
  const out: VaultRecord[] = [];
  let batch: InventoryEntry[] = [];
  let batchBytes = 0;
  const flush = (): void => {
    if (batch.length === 0) return;
    const d = new Dictionary();
    const rows = batch.map((e) => rowOf(e, d));
    const der = new Uint8Array(batchBytes);
    let at = 0;
    for (const e of batch) {
      der.set(e.der, at);
      at += e.der.length;
    }
    out.push(record(RECORD.certTable, { dict: d.words, rows, der }));
    batch = [];
    batchBytes = 0;
  };
  for (const e of entries) {
    const vouch = signedBy(e);
    const withVouch: InventoryEntry = vouch ? { ...e, signedBy: vouch } : e;
    if (!tabular(withVouch)) {
      // in order: a replay applies renewals as they were stored, so the latest stays the one that replaced
      flush();
      out.push(ownRecord(withVouch));
      continue;
    }
    if (batchBytes + e.der.length > TABLE_DER_BYTES) flush();
    batch.push(withVouch);
    batchBytes += e.der.length;
    if (batch.length === CERTS_PER_TABLE) flush();
  }
  flush();
  return out;
}

const malformed = (): AppError =>
  new AppError('VAULT_CORRUPT', 'The vault is damaged: a certificate table is malformed.');

/** The entries of one table, in row order; VAULT_CORRUPT when any part is not what certRecords writes. */
export function entriesOfTable(data: unknown): InventoryEntry[] {
  const t = data as Partial<Record<keyof CertTableData, unknown>> | null;
  if (!t || !Array.isArray(t.dict) || !t.dict.every(isString) || !Array.isArray(t.rows)) throw malformed();
  const dict = t.dict;
  const der = storedBytes(t.der as Uint8Array | string, 'a certificate table');
  const word = (v: unknown): string => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= dict.length) throw malformed();
    return dict[v]!;
  };
  const wordOrNull = (v: unknown): string | null => (v === -1 ? null : word(v));
  const text = (v: unknown): string => {
    if (!isString(v)) throw malformed();
    return v;
  };
  const out: InventoryEntry[] = [];
  let at = 0;
  for (const row of t.rows as unknown[]) {
    if (!Array.isArray(row) || row.length !== ROW_LENGTH) throw malformed();
    const r = row as unknown[];
    const flatSans = r[8];
    if (!Array.isArray(flatSans) || flatSans.length % 2 !== 0) throw malformed();
    const sans: San[] = [];
    for (let i = 0; i < flatSans.length; i += 2)
      sans.push({ type: word(flatSans[i]) as SanType, value: text(flatSans[i + 1]) });
    const length = r[18];
    if (typeof length !== 'number' || !Number.isInteger(length) || length < 0 || at + length > der.length)
      throw malformed();
    const rest = r[19];
    if (rest !== 0 && (typeof rest !== 'object' || rest === null || Array.isArray(rest))) throw malformed();
    const extra = (rest === 0 ? {} : rest) as {
      summary?: unknown;
      keyUsages?: unknown;
      extendedKeyUsages?: unknown;
    };
    if (extra.summary !== undefined && (typeof extra.summary !== 'object' || extra.summary === null))
      throw malformed();
    const keyRef = r[15];
    if ((keyRef !== null && !isString(keyRef)) || (r[13] !== 0 && r[13] !== 1)) throw malformed();
    const summary: CertSummary = {
      id: text(r[0]),
      kind: word(r[1]) as CertSummary['kind'],
      profile: word(r[2]) as Profile,
      cn: text(r[3]),
      subject: text(r[4]),
      issuer: word(r[5]),
      issuerId: wordOrNull(r[6]),
      serial: text(r[7]),
      sans,
      notBefore: word(r[9]),
      notAfter: text(r[10]),
      sha256: text(r[11]),
      keyAlgorithm: word(r[12]),
      hasKey: r[13] === 1,
      createdAt: word(r[14]),
      ...(extra.summary as Partial<CertSummary> | undefined),
    };
    const entry: InventoryEntry = {
      summary,
      der: der.subarray(at, at + length),
      keyRef,
      keyAlg: wordOrNull(r[16]) as KeyAlgorithm | null,
    };
    at += length;
    const signedBy = wordOrNull(r[17]);
    if (signedBy !== null) entry.signedBy = signedBy;
    if (Array.isArray(extra.keyUsages)) entry.keyUsages = extra.keyUsages as string[];
    if (Array.isArray(extra.extendedKeyUsages)) entry.extendedKeyUsages = extra.extendedKeyUsages as string[];
    out.push(entry);
  }
  if (at !== der.length) throw malformed();
  return out;
}
