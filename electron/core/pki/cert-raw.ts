/**
 * Fast structural read of a certificate's DER (no full ASN.1 object model): raw bytes of the fields the
 * engine needs exact (issuer/subject Name bytes, serial octets, SPKI) plus extensions by OID.
 * Hand-written for its cost: @peculiar/x509's X509Certificate reading the same facts measured 16–39× as
 * much (bench/cert-reader.ts), and the inventory reads every certificate on each list.
 */
import { AppError } from '../../../shared/ipc/error-codes';
import { children, content, decodeOidAt, readTlv, utf8Text, whole, type Tlv } from './der';

export interface RawExtension {
  oid: string;
  critical: boolean;
  /** extnValue content (the DER of the extension's own structure) */
  value: Uint8Array;
}

export interface RawCert {
  der: Uint8Array;
  tbs: Uint8Array;
  version: number;
  /** INTEGER content octets as carried */
  serial: Uint8Array;
  /** AlgorithmIdentifier OID of the outer signature */
  sigAlgOid: string;
  /** AlgorithmIdentifier parameters DER (RSASSA-PSS), null when absent or NULL */
  sigAlgParams: Uint8Array | null;
  issuer: Uint8Array;
  subject: Uint8Array;
  /** Invalid Date when the field cannot be read (only from readCert(der, 'keep'); see timeError) */
  notBefore: Date;
  notAfter: Date;
  /**
   * Why notBefore or notAfter cannot be read (parseTime's refusal), for a certificate read with
   * readCert(der, 'keep'); null when both are valid times.
   */
  timeError: string | null;
  spki: Uint8Array;
  extensions: RawExtension[];
  signature: Uint8Array;
}

/** The field a time is read for: refusals name it. */
export type TimeField = 'notBefore' | 'notAfter' | 'thisUpdate' | 'nextUpdate' | 'revocationDate';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/**
 * A UTCTime or GeneralizedTime in exactly the form RFC 5280 §4.1.2.5 prescribes (YYMMDDHHMMSSZ,
 * YYYYMMDDHHMMSSZ), every part in its calendar range. Anything else is refused naming the field, never rolled
 * over into another date (Date.UTC makes month 13 next January and year 0050 1950): openssl 3.0 `verify`
 * reports "format error in certificate's notBefore field" and Go 1.19 `x509.ParseCertificate` "malformed
 * UTCTime" for month 13, second 60, hour 24, 31 November or 29 February of a common year, and both refuse
 * fractional seconds and offsets. openssl also refuses UTCTime without seconds, which Go still reads. A
 * GeneralizedTime year is taken as written, also before 1950 or within 1950–2049, as both peers do.
 */
export function parseTime(buf: Uint8Array, t: Tlv, field: TimeField): Date {
  const utc = t.tag === 0x17;
  if (!utc && t.tag !== 0x18) return refuseTime(buf, t, field, 'neither UTCTime nor GeneralizedTime');
  if (t.end - t.start !== (utc ? 13 : 15) || buf[t.end - 1] !== 0x5a)
    return refuseTime(
      buf,
      t,
      field,
      `RFC 5280 requires exactly ${utc ? 'YYMMDDHHMMSSZ' : 'YYYYMMDDHHMMSSZ'}`,
    );
  // UTCTime has two digits of year before the MMDDHHMMSS both forms share
  const at = utc ? t.start - 2 : t.start;
  let year = utc ? digitPair(buf, at + 2) : digitPair(buf, at) * 100 + digitPair(buf, at + 2);
  if (utc) year += year < 50 ? 2000 : 1900;
  const month = digitPair(buf, at + 4);
  const day = digitPair(buf, at + 6);
  const hour = digitPair(buf, at + 8);
  const minute = digitPair(buf, at + 10);
  const second = digitPair(buf, at + 12);
  // NaN fails every comparison, so a non-digit is caught before any range
  if (!(year >= 0 && month >= 0 && day >= 0 && hour >= 0 && minute >= 0 && second >= 0))
    return refuseTime(buf, t, field, 'not all digits');
  if (month < 1 || month > 12) return refuseTime(buf, t, field, `month ${pad2(month)} is out of range`);
  const monthDays = month === 2 && leapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
  if (day < 1 || day > monthDays)
    return refuseTime(buf, t, field, `day ${pad2(day)} is out of range for month ${pad2(month)}`);
  if (hour > 23) return refuseTime(buf, t, field, `hour ${pad2(hour)} is out of range`);
  if (minute > 59) return refuseTime(buf, t, field, `minute ${pad2(minute)} is out of range`);
  if (second > 59) return refuseTime(buf, t, field, `second ${pad2(second)} is out of range`);
  if (year >= 100) return new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC adds 1900 to years 0–99; setUTCFullYear takes them as written
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
  date.setUTCFullYear(year);
  return date;
}

function refuseTime(buf: Uint8Array, t: Tlv, field: TimeField, why: string): never {
  // bounded: the text comes from a hostile certificate and ends up in a message
  const text = utf8Text(buf, t.start, Math.min(t.end, t.start + 32));
  throw new AppError('INVALID_PEM', `${field} "${text}" is not a valid time: ${why}`);
}

/** What a reader does with a time parseTime refuses: throw the refusal, or keep it and read on. */
export type BadTimes = 'refuse' | 'keep';

/**
 * parseTime over the time fields of one certificate or CRL. 'keep' gives an Invalid Date for a time it
 * refuses and keeps the first refusal in `error`, so a reader can still return the other fields.
 */
export class TimeFields {
  error: string | null = null;
  constructor(
    private readonly buf: Uint8Array,
    private readonly badTimes: BadTimes,
  ) {}

  read(t: Tlv, field: TimeField): Date {
    try {
      return parseTime(this.buf, t, field);
    } catch (e) {
      if (this.badTimes === 'refuse' || !(e instanceof AppError)) throw e;
      this.error ??= e.message;
      return new Date(NaN);
    }
  }
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Two ASCII digits at `at` as a number; NaN when either is not a digit. */
function digitPair(buf: Uint8Array, at: number): number {
  const hi = (buf[at] ?? 0) - 0x30;
  const lo = (buf[at + 1] ?? 0) - 0x30;
  return hi >= 0 && hi <= 9 && lo >= 0 && lo <= 9 ? hi * 10 + lo : NaN;
}

export function parseExtensions(buf: Uint8Array, extsSeq: Tlv): RawExtension[] {
  const out: RawExtension[] = [];
  for (const ext of children(buf, extsSeq)) {
    // Extension ::= SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }; every
    // element is read (a malformed one fails), the first three are used. No array per extension: a list
    // reads every certificate's extensions.
    let oidT: Tlv | undefined;
    let second: Tlv | undefined;
    let third: Tlv | undefined;
    for (let at = ext.start, n = 0; at < ext.end; n++) {
      const part = readTlv(buf, at, ext.end);
      at = part.end;
      if (n === 0) oidT = part;
      else if (n === 1) second = part;
      else if (n === 2) third = part;
    }
    if (!oidT || oidT.tag !== 0x06) throw new AppError('INVALID_PEM', 'malformed extension');
    let critical = false;
    let valueT = second;
    if (valueT?.tag === 0x01) {
      critical = (buf[valueT.start] ?? 0) !== 0;
      valueT = third;
    }
    if (!valueT || valueT.tag !== 0x04) throw new AppError('INVALID_PEM', 'malformed extension value');
    out.push({ oid: decodeOidAt(buf, oidT.start, oidT.end), critical, value: content(buf, valueT) });
  }
  return out;
}

/** What readCert found: the fields every reader uses, and where the others are. */
interface CertLayout {
  der: Uint8Array;
  version: number;
  sigAlgOid: string;
  issuer: Uint8Array;
  subject: Uint8Array;
  notBefore: Date;
  notAfter: Date;
  timeError: string | null;
  extensions: RawExtension[];
  tbsT: Tlv;
  serialT: Tlv;
  spkiT: Tlv;
  sigT: Tlv;
  algParamsT: Tlv | null;
}

/**
 * A certificate as readCert read it. The views that verifying a signature or describing a certificate
 * needs (TBS, serial, SPKI, signature and its parameters) are made on first use: a list reads every
 * certificate of the vault and takes most signatures on the vault's word, so it never asks for them.
 */
class CertFields implements RawCert {
  constructor(private readonly layout: CertLayout) {}

  get der(): Uint8Array {
    return this.layout.der;
  }
  get version(): number {
    return this.layout.version;
  }
  get sigAlgOid(): string {
    return this.layout.sigAlgOid;
  }
  get issuer(): Uint8Array {
    return this.layout.issuer;
  }
  get subject(): Uint8Array {
    return this.layout.subject;
  }
  get notBefore(): Date {
    return this.layout.notBefore;
  }
  get notAfter(): Date {
    return this.layout.notAfter;
  }
  get timeError(): string | null {
    return this.layout.timeError;
  }
  get extensions(): RawExtension[] {
    return this.layout.extensions;
  }
  get tbs(): Uint8Array {
    return whole(this.layout.der, this.layout.tbsT);
  }
  get serial(): Uint8Array {
    return content(this.layout.der, this.layout.serialT);
  }
  get spki(): Uint8Array {
    return whole(this.layout.der, this.layout.spkiT);
  }
  get signature(): Uint8Array {
    return content(this.layout.der, this.layout.sigT).subarray(1);
  }
  get sigAlgParams(): Uint8Array | null {
    const t = this.layout.algParamsT;
    return t ? whole(this.layout.der, t) : null;
  }
}

/**
 * The serial's content octets (RawCert.serial) found through the headers in front of it, without reading the
 * rest: for a certificate read before, whose serial is looked up again (a list after the first revocation
 * reads the serial of every certificate under that CA). Anything unexpected goes to readCert.
 */
export function serialOctets(der: Uint8Array): Uint8Array {
  try {
    const outer = readTlv(der, 0);
    const tbs = readTlv(der, outer.start, outer.end);
    let field = readTlv(der, tbs.start, tbs.end);
    if (field.tag === 0xa0) field = readTlv(der, field.end, tbs.end);
    if (outer.tag === 0x30 && outer.end === der.length && tbs.tag === 0x30 && field.tag === 0x02)
      return content(der, field);
  } catch {
    // readCert says what is wrong
  }
  return readCert(der).serial;
}

/**
 * Throws INVALID_PEM when the bytes are not a certificate. `badTimes` 'keep' reads a certificate whose
 * notBefore or notAfter is not a valid time (parseTime) anyway, with that date Invalid and the refusal in
 * `timeError`: for verdicts on certificates a vault already holds, which must show such a certificate as
 * invalid rather than fail. Default 'refuse': the refusal is thrown, as openssl and Go refuse it.
 */
export function readCert(der: Uint8Array, badTimes: BadTimes = 'refuse'): RawCert {
  try {
    const outer = readTlv(der, 0);
    if (outer.tag !== 0x30 || outer.end !== der.length) throw new Error('not a single SEQUENCE');
    const [tbsT, algT, sigT] = children(der, outer);
    if (!tbsT || !algT || !sigT || tbsT.tag !== 0x30) throw new Error('not a certificate');
    const f = children(der, tbsT);
    let i = 0;
    let version = 1;
    if (f[0]?.tag === 0xa0) {
      const v = children(der, f[0])[0];
      version = (v ? (der[v.start] ?? 0) : 0) + 1;
      i = 1;
    }
    const [serialT, , issuerT, validityT, subjectT, spkiT] = f.slice(i);
    if (!serialT || serialT.tag !== 0x02 || !issuerT || !validityT || !subjectT || !spkiT)
      throw new Error('not a certificate');
    const [nbT, naT] = children(der, validityT);
    if (!nbT || !naT) throw new Error('bad validity');
    const times = new TimeFields(der, badTimes);
    const notBefore = times.read(nbT, 'notBefore');
    const notAfter = times.read(naT, 'notAfter');
    const extWrap = f.slice(i + 6).find((t) => t.tag === 0xa3);
    const extSeq = extWrap ? children(der, extWrap)[0] : undefined;
    const [algOid, algParams] = children(der, algT);
    return new CertFields({
      der,
      version,
      sigAlgOid: algOid ? decodeOidAt(der, algOid.start, algOid.end) : '',
      issuer: whole(der, issuerT),
      subject: whole(der, subjectT),
      notBefore,
      notAfter,
      timeError: times.error,
      extensions: extSeq ? parseExtensions(der, extSeq) : [],
      tbsT,
      serialT,
      spkiT,
      sigT,
      algParamsT: algParams && algParams.tag === 0x30 ? algParams : null,
    });
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('INVALID_PEM', `not a valid X.509 certificate: ${(e as Error).message}`);
  }
}

export function findExt(cert: { extensions: RawExtension[] }, oid: string): RawExtension | undefined {
  return cert.extensions.find((e) => e.oid === oid);
}
