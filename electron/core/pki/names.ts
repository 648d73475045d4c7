/**
 * X.501 Names: build from SubjectFields, and decode to a display string / fields. Hand-written as part of
 * the certificate writer and reader (bench/issuance.ts, bench/cert-reader.ts); CSR views decode with it too,
 * so a subject reads the same in a CSR and in the certificate made from it.
 */
import type { SubjectFields } from '../../../shared/domain/types';
import { AppError } from '../../../shared/ipc/error-codes';
import { children, decodeOidAt, oid, printable, readTlv, seq, set, utf8, utf8Text } from './der';

const OID_NAME: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.5': 'serialNumber',
  '1.2.840.113549.1.9.1': 'emailAddress',
  '0.9.2342.19200300.100.1.25': 'DC',
  '0.9.2342.19200300.100.1.1': 'UID',
};

const FIELD_OID: Record<keyof SubjectFields, string> = {
  c: '2.5.4.6',
  st: '2.5.4.8',
  l: '2.5.4.7',
  o: '2.5.4.10',
  ou: '2.5.4.11',
  cn: '2.5.4.3',
};

/** Conventional order C, ST, L, O, OU, CN. C is PrintableString (RFC 5280 App. A), the rest UTF8String. */
export function buildName(fields: SubjectFields): Uint8Array {
  const cn = fields.cn.trim();
  if (cn.length === 0) throw new AppError('INVALID_SUBJECT', 'the subject needs a common name (CN)');
  if (cn.length > 64)
    throw new AppError(
      'INVALID_SUBJECT',
      `CN "${cn.slice(0, 20)}…" is longer than 64 characters (RFC 5280 ub-common-name)`,
    );
  const rdns: Uint8Array[] = [];
  for (const key of ['c', 'st', 'l', 'o', 'ou', 'cn'] as const) {
    const raw = fields[key];
    if (raw === undefined) continue;
    const value = raw.trim();
    if (value.length === 0) continue;
    if (key === 'c' && !/^[A-Z]{2}$/.test(value)) {
      throw new AppError(
        'INVALID_SUBJECT',
        `country "${value}" must be a two-letter upper-case ISO 3166 code, e.g. DE`,
      );
    }
    if (value.length > 128)
      throw new AppError('INVALID_SUBJECT', `${key.toUpperCase()} is longer than 128 characters`);
    rdns.push(set(seq(oid(FIELD_OID[key]), key === 'c' ? printable(value) : utf8(value))));
  }
  return seq(...rdns);
}

/** UTF8String, PrintableString, IA5String, VisibleString, NumericString: read as UTF-8 */
const TEXT_TAGS = new Set([0x0c, 0x13, 0x16, 0x1a, 0x12]);

function decodeString(tag: number, buf: Uint8Array, start: number, end: number): string {
  // names are read for every certificate of a list: the common string types without a view of the bytes
  if (TEXT_TAGS.has(tag)) return utf8Text(buf, start, end);
  const b = buf.subarray(start, end);
  if (tag === 0x1e) {
    let s = '';
    for (let i = 0; i + 1 < b.length; i += 2) s += String.fromCharCode(((b[i] ?? 0) << 8) | (b[i + 1] ?? 0));
    return s;
  }
  if (tag === 0x14) return Buffer.from(b).toString('latin1');
  if (tag === 0x1c) {
    let s = '';
    for (let i = 0; i + 3 < b.length; i += 4)
      s += String.fromCodePoint(Buffer.from(b.subarray(i, i + 4)).readUInt32BE(0));
    return s;
  }
  return `#${Buffer.from(b).toString('hex')}`;
}

/** [short name, value] pairs in encoding order. */
export function nameAttributes(nameDer: Uint8Array): [string, string][] {
  const out: [string, string][] = [];
  const top = readTlv(nameDer, 0);
  for (const rdn of children(nameDer, top)) {
    for (const atv of children(nameDer, rdn)) {
      const [t, v] = children(nameDer, atv);
      if (!t || !v) continue;
      const o = decodeOidAt(nameDer, t.start, t.end);
      out.push([OID_NAME[o] ?? o, decodeString(v.tag, nameDer, v.start, v.end)]);
    }
  }
  return out;
}

/** One-line form in encoding order, e.g. "O=Acme, CN=user-service" (openssl's default order). */
export function formatSubject(nameDer: Uint8Array): string {
  let out = '';
  for (const [k, v] of nameAttributes(nameDer)) out += out === '' ? `${k}=${v}` : `, ${k}=${v}`;
  return out;
}

export function subjectFieldsOf(nameDer: Uint8Array): SubjectFields {
  const f: SubjectFields = { cn: '' };
  for (const [k, v] of nameAttributes(nameDer)) {
    if (k === 'CN' && !f.cn) f.cn = v;
    else if (k === 'O' && f.o === undefined) f.o = v;
    else if (k === 'OU' && f.ou === undefined) f.ou = v;
    else if (k === 'C' && f.c === undefined) f.c = v;
    else if (k === 'ST' && f.st === undefined) f.st = v;
    else if (k === 'L' && f.l === undefined) f.l = v;
  }
  return f;
}
