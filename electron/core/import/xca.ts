/**
 * Reads an XCA 2.x database (`.xdb`, SQLite) from its bytes with sql.js, read-only. Tables used: `items`
 * (name, comment, deleted flag), `certs` (base64 DER, issuer item, serial), `x509super` (certificate →
 * key item), `private_keys` (base64 PKCS#8 encrypted with the database password, PBES2, unless `ownPass`),
 * `revocations` (per CA item and serial: date, invalidity date, reason code), `crls`, `authority` (the
 * CA's CRL counter).
 */
import type { Database, SqlValue } from 'sql.js';
import { summarizeCertificate } from '../pki';
import { readCrl } from '../pki/crl';
import { AppError, isAppError } from '../../../shared/ipc/error-codes';
import { REVOCATION_REASONS, type RevocationReason } from '../../../shared/domain/types';
import { serialKey } from './easyrsa';
import { parseAsn1Time } from './openssl-index';
import { DANGEROUS_readSourceKey, trackIfUnusableKey } from './source-key';
import { loadSqlJs } from './sqljs';
import { zeroSourceKeys, type ImportSource, type SourceCert, type SourceRevocation } from './types';

const SQLITE_MAGIC = 'SQLite format 3\0';
/** XCA writes this date for "no invalidity date". */
const NO_DATE = '99991231235959Z';
const REASON_BY_CODE = new Map<number, RevocationReason>([
  [0, 'unspecified'],
  [1, 'keyCompromise'],
  [2, 'cACompromise'],
  [3, 'affiliationChanged'],
  [4, 'superseded'],
  [5, 'cessationOfOperation'],
  [6, 'certificateHold'],
  [9, 'privilegeWithdrawn'],
  [10, 'aACompromise'],
]);

type Row = Record<string, SqlValue>;

function rows(db: Database, sql: string): Row[] {
  const out: Row[] = [];
  const stmt = db.prepare(sql);
  try {
    while (stmt.step()) out.push(stmt.getAsObject());
  } finally {
    stmt.free();
  }
  return out;
}

function text(row: Row, col: string, where: string): string {
  const v = row[col];
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  throw new AppError('SOURCE_INVALID', `${where}: column ${col} holds ${typeof v}, expected text`);
}

function int(row: Row, col: string): number | null {
  const v = row[col];
  return typeof v === 'number' && Number.isInteger(v) ? v : null;
}

function base64Bytes(value: string, where: string): Uint8Array {
  const clean = value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length === 0)
    throw new AppError('SOURCE_INVALID', `${where}: not base64 data`);
  return new Uint8Array(Buffer.from(clean, 'base64'));
}

/** XCA's own note on imported items is noise for a label; anything the operator wrote is kept. */
function labelOf(name: string, comment: string): string | null {
  const note = comment
    .split('\n')
    .filter((l) => l.trim() !== '' && !/^\(Import from: .*\)$/.test(l.trim()))
    .join(' ')
    .trim();
  const label = note ? `${name} — ${note}` : name;
  return label.trim() ? label.slice(0, 200) : null;
}

async function openDatabase(bytes: Uint8Array, file: string): Promise<Database> {
  if (bytes.length < 100 || Buffer.from(bytes.subarray(0, 16)).toString('latin1') !== SQLITE_MAGIC) {
    throw new AppError(
      'SOURCE_INVALID',
      `${file} is not an XCA database (no SQLite header; XCA 1.x files are not supported)`,
    );
  }
  const SQL = await loadSqlJs();
  try {
    const db = new SQL.Database(bytes);
    const tables = new Set(rows(db, "SELECT name FROM sqlite_master WHERE type='table'").map((r) => r.name));
    for (const t of ['items', 'certs', 'private_keys', 'x509super'])
      if (!tables.has(t))
        throw new AppError('SOURCE_INVALID', `${file} is not an XCA database (no "${t}" table)`);
    return db;
  } catch (e) {
    if (isAppError(e)) throw e;
    throw new AppError('SOURCE_INVALID', `${file} is damaged or truncated: ${(e as Error).message}`);
  }
}

/**
 * Reads the database. Keys under the database password must all decrypt with `password` (else
 * KEY_DECRYPT_FAILED, nothing read); keys with their own XCA password come across as notes.
 */
export async function readXca(
  bytes: Uint8Array,
  file: string,
  password: string | undefined,
): Promise<ImportSource> {
  const db = await openDatabase(bytes, file);
  const source: ImportSource = { kind: 'xca', certs: [], crls: [], problems: [] };
  try {
    await read(db, source, password);
    return source;
  } catch (e) {
    zeroSourceKeys(source);
    if (isAppError(e)) throw e;
    throw new AppError('SOURCE_INVALID', `${file} is damaged or truncated: ${(e as Error).message}`);
  } finally {
    db.close();
  }
}

async function read(db: Database, source: ImportSource, password: string | undefined): Promise<void> {
  const keys = new Map<number, Row>();
  for (const k of rows(
    db,
    'SELECT p.item, p.ownPass, p.private, i.name FROM private_keys p JOIN items i ON i.id = p.item WHERE i.del = 0',
  )) {
    const id = int(k, 'item');
    if (id !== null) keys.set(id, k);
  }
  const revocations = new Map<string, SourceRevocation>();
  for (const r of rows(db, 'SELECT caId, serial, date, invaldate, reasonBit FROM revocations')) {
    const where = `XCA revocation of serial ${text(r, 'serial', 'revocations')}`;
    const at = parseAsn1Time(text(r, 'date', where));
    if (!at) throw new AppError('SOURCE_INVALID', `${where}: unreadable date`);
    const inval = text(r, 'invaldate', where);
    const code = int(r, 'reasonBit') ?? 0;
    revocations.set(`${int(r, 'caId')}/${serialKey(text(r, 'serial', where))}`, {
      at,
      reason: REASON_BY_CODE.get(code) ?? REVOCATION_REASONS[0],
      invalidityDate: inval && inval !== NO_DATE ? parseAsn1Time(inval) : null,
    });
  }
  const usedKeys = new Set<number>();
  const certRows = rows(
    db,
    'SELECT i.id, i.name, i.comment, c.cert, c.issuer, c.serial, x.pkey FROM certs c JOIN items i ON i.id = c.item LEFT JOIN x509super x ON x.item = c.item WHERE i.del = 0 ORDER BY i.id',
  );
  for (const row of certRows) {
    const name = text(row, 'name', 'XCA certificate');
    const item = `XCA certificate "${name}"`;
    const der = base64Bytes(text(row, 'cert', item), item);
    let serial: string;
    try {
      serial = serialKey(summarizeCertificate(der).serial);
    } catch (e) {
      throw new AppError('SOURCE_INVALID', `${item}: not a readable certificate (${(e as Error).message})`);
    }
    const cert: SourceCert = {
      item,
      label: labelOf(name, text(row, 'comment', item)),
      der,
      key: null,
      revocation: revocations.get(`${int(row, 'issuer')}/${serial}`) ?? null,
      notes: [],
    };
    source.certs.push(cert);
    const keyId = int(row, 'pkey');
    const keyRow = keyId === null ? undefined : keys.get(keyId);
    if (keyId !== null && keyRow) usedKeys.add(keyId);
    // the certificate's key type decides whether it is tracked, whether or not the database holds the key
    if (trackIfUnusableKey(cert) || !keyRow) continue;
    await attachKey(cert, keyRow, password);
  }
  for (const [id, k] of keys) {
    if (!usedKeys.has(id))
      source.problems.push({
        item: `XCA key "${text(k, 'name', 'XCA key')}"`,
        message: 'no certificate uses this key: not imported',
      });
  }
  readCrls(db, source);
}

async function attachKey(cert: SourceCert, keyRow: Row, password: string | undefined): Promise<void> {
  const keyItem = `XCA key "${text(keyRow, 'name', 'XCA key')}"`;
  if (int(keyRow, 'ownPass') === 1) {
    cert.notes.push(
      `${keyItem} has its own password in XCA: certificate only (export the key from XCA to import it)`,
    );
    return;
  }
  const bytes = base64Bytes(text(keyRow, 'private', keyItem), keyItem);
  const outcome = await DANGEROUS_readSourceKey(bytes, password, cert.der, `${cert.item} (${keyItem})`);
  if (outcome.decryptFailed) {
    throw new AppError(
      'KEY_DECRYPT_FAILED',
      password === undefined
        ? `the database password is required: ${keyItem} is encrypted with it`
        : `the database password is wrong: ${keyItem} did not decrypt with it. Nothing was imported.`,
    );
  }
  cert.key = outcome.key;
}

function readCrls(db: Database, source: ImportSource): void {
  const tables = new Set(rows(db, "SELECT name FROM sqlite_master WHERE type='table'").map((r) => r.name));
  if (!tables.has('crls')) return;
  const counters = new Map<number, number>();
  if (tables.has('authority'))
    for (const a of rows(db, 'SELECT item, crlNo FROM authority')) {
      const id = int(a, 'item');
      const n = int(a, 'crlNo');
      if (id !== null && n !== null) counters.set(id, n);
    }
  for (const row of rows(
    db,
    'SELECT i.name, c.crl, c.issuer FROM crls c JOIN items i ON i.id = c.item WHERE i.del = 0 ORDER BY i.id',
  )) {
    const item = `XCA CRL "${text(row, 'name', 'XCA CRL')}"`;
    const der = base64Bytes(text(row, 'crl', item), item);
    let number: bigint | null;
    try {
      const n = readCrl(der).number;
      number = n === null ? null : BigInt(n);
    } catch (e) {
      throw new AppError('SOURCE_INVALID', `${item}: ${(e as Error).message}`);
    }
    const counter = counters.get(int(row, 'issuer') ?? -1);
    if (counter !== undefined && (number === null || BigInt(counter) > number)) number = BigInt(counter);
    source.crls.push({ item, der, lastNumber: number });
  }
}
