/**
 * CRLs per CA (RFC 5280 §5): v2, AKI, CRL number, reason codes; written with @peculiar/x509's
 * X509CrlGenerator and signed by the CA key.
 */
// @peculiar/x509's dependency injection (tsyringe) needs the Reflect metadata polyfill loaded first.
import 'reflect-metadata';
import {
  AuthorityKeyIdentifierExtension,
  Extension,
  Name,
  X509CrlGenerator,
  type X509CrlEntryParams,
} from '@peculiar/x509';
import {
  AsnConvert,
  AsnIntegerBigIntConverter,
  AsnProp,
  AsnPropTypes,
  AsnType,
  AsnTypeTypes,
} from '@peculiar/asn1-schema';
import { id_ce_cRLNumber } from '@peculiar/asn1-x509';
import type { CrlView, RevocationReason } from '../../../shared/domain/types';
import { REVOCATION_REASONS } from '../../../shared/domain/types';
import { AppError } from '../../../shared/ipc/error-codes';
import { parseExtensions, readCert, TimeFields, type BadTimes, type RawExtension } from './cert-raw';
import { libraryCrypto } from './crypto-provider';
import { bytesEqual, children, content, decodeOid, fromHex, hex, readTlv, whole } from './der';
import { decodeKeyUsage, decodeSki } from './ext-decode';
import { keyIdentifierOf, OID } from './extensions';
import { keyAlgorithmOfCryptoKey } from './keys';
import { formatSubject } from './names';
import { firstBlockOf, toPem } from './pem';
import { normalizeSerial, serialValue } from './serial';
import { signingAlgorithmFor } from './sign';
import type { CreateCrlRequest, CreatedCrl, PkiContext } from './types';
import { wholeSeconds } from './validity';
import { verifySignature } from './verify-sig';

const REASON_CODE: Record<RevocationReason, number> = {
  unspecified: 0,
  keyCompromise: 1,
  cACompromise: 2,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  certificateHold: 6,
  privilegeWithdrawn: 9,
  aACompromise: 10,
};
const REASON_BY_CODE = new Map<number, RevocationReason>(REVOCATION_REASONS.map((r) => [REASON_CODE[r], r]));

/**
 * The CRL number as a bigint: asn1-x509's CRLNumber holds a JS number, which loses digits beyond 2^53
 * (RFC 5280 §5.2.3 allows up to 20 octets). Schema attached by calling the decorator factories directly.
 */
class CrlNumber {
  constructor(public value = 0n) {}
}
AsnType({ type: AsnTypeTypes.Choice })(CrlNumber);
AsnProp({ type: AsnPropTypes.Integer, converter: AsnIntegerBigIntConverter })(CrlNumber.prototype, 'value');

function revokedEntry(
  serialHex: string,
  at: Date,
  reason: RevocationReason,
  invalidity?: Date,
): X509CrlEntryParams {
  const magnitude = fromHex(serialHex.replace(/:/g, '').toLowerCase());
  if (magnitude.length === 0 || magnitude.every((b) => b === 0)) {
    throw new AppError('INVALID_INPUT', `serial "${serialHex}" in the revocation list is empty or zero`);
  }
  const entry: X509CrlEntryParams = {
    // DER-minimal and positive, as the certificate carries it (a hex value typed without its 00 prefix stays positive)
    serialNumber: hex(normalizeSerial(magnitude)),
    revocationDate: wholeSeconds(at),
    // RFC 5280 §5.3.1: the reasonCode "unspecified" SHOULD be absent; the library omits code 0.
    reason: REASON_CODE[reason],
  };
  // InvalidityDate is GeneralizedTime (RFC 5280 §5.3.2), whole seconds.
  if (invalidity) entry.invalidity = wholeSeconds(invalidity);
  return entry;
}

export async function createCrl(req: CreateCrlRequest, c: PkiContext): Promise<CreatedCrl> {
  const issuer = readCert(req.issuer.certDer);
  const kuExt = issuer.extensions.find((e) => e.oid === OID.keyUsage);
  if (kuExt && !decodeKeyUsage(kuExt.value).includes('cRLSign')) {
    throw new AppError(
      'NOT_A_CA',
      "the CA's KeyUsage does not allow cRLSign: CRLs it signs would not verify",
    );
  }
  const thisUpdate = wholeSeconds(req.thisUpdate ?? c.now);
  const nextUpdate = wholeSeconds(req.nextUpdate);
  if (nextUpdate <= thisUpdate) throw new AppError('INVALID_VALIDITY', 'nextUpdate must be after thisUpdate');
  const crlNumber = BigInt(req.crlNumber);
  if (crlNumber < 0n) throw new AppError('INVALID_INPUT', 'the CRL number must not be negative');
  const ski = issuer.extensions.find((e) => e.oid === OID.subjectKeyIdentifier);
  const keyId = ski ? decodeSki(ski.value) : keyIdentifierOf(issuer.spki);
  // One entry per serial (compared as integers): the library refuses a serial listed twice.
  const seen = new Set<bigint>();
  const entries = req.entries.filter((e) => {
    const value = serialValue(e.serialHex);
    if (seen.has(value)) return false;
    seen.add(value);
    return true;
  });
  const crl = await X509CrlGenerator.create(
    {
      // The CA certificate's encoded subject: Go matches names byte for byte, and the library re-encodes a
      // parsed Name with the same string types, so the bytes survive.
      issuer: new Name(issuer.subject.slice().buffer),
      thisUpdate,
      nextUpdate,
      entries: entries.map((e) => revokedEntry(e.serialHex, e.revokedAt, e.reason, e.invalidityDate)),
      extensions: [
        new AuthorityKeyIdentifierExtension(hex(keyId), false),
        new Extension(id_ce_cRLNumber, false, AsnConvert.serialize(new CrlNumber(crlNumber))),
      ],
      signingKey: req.issuer.signingKey,
      signingAlgorithm: signingAlgorithmFor(keyAlgorithmOfCryptoKey(req.issuer.signingKey)),
    },
    libraryCrypto(c.crypto),
  );
  const der = new Uint8Array(crl.rawData);
  return { der, pem: toPem(der, 'X509 CRL'), thisUpdate, nextUpdate };
}

export interface RevokedCrlEntry {
  /** the DER INTEGER content octets in hex, as the CRL encodes them (a leading 00 is kept) */
  serial: string;
  date: Date;
  reason: RevocationReason | null;
}

export interface RawCrl {
  issuer: Uint8Array;
  number: string | null;
  thisUpdate: Date;
  nextUpdate: Date | null;
  revoked: RevokedCrlEntry[];
  /** the entries by serial as an integer (the first entry wins if a serial is listed twice) */
  bySerial: ReadonlyMap<bigint, RevokedCrlEntry>;
  tbs: Uint8Array;
  sigAlgOid: string;
  sigAlgParams: Uint8Array | null;
  signature: Uint8Array;
  /**
   * Why thisUpdate, nextUpdate or a revocationDate cannot be read (parseTime's refusal), for a CRL read with
   * readCrl(der, 'keep'), which leaves that date Invalid; null when every time is valid.
   */
  timeError: string | null;
}

/**
 * The one CRL reader (validator, mTLS pre-check, imports, inspector). Hand-written for its cost:
 * @peculiar/x509's X509Crl reading the same facts measured 45–110× as much (bench/crl-reader.ts: 1.8–2.3 s
 * for 10,000 entries), and by default it refuses a CRL of 1,500 entries with reason codes (asn1js's limit of
 * 10,000 nodes). The first list after unlock reads every CRL in the vault on the main process. `badTimes`
 * 'keep' reads a CRL whose times parseTime refuses anyway (see timeError): the validator reads the CRLs a
 * vault already holds with it. Default 'refuse', as openssl and Go refuse such a CRL.
 */
export function readCrl(der: Uint8Array, badTimes: BadTimes = 'refuse'): RawCrl {
  try {
    const times = new TimeFields(der, badTimes);
    const top = readTlv(der, 0);
    const [tbsT, algT, sigT] = children(der, top);
    if (!tbsT || !algT || !sigT) throw new Error('missing parts');
    const f = children(der, tbsT);
    let i = f[0]?.tag === 0x02 ? 1 : 0;
    const issuerT = f[i + 1];
    const thisT = f[i + 2];
    if (!issuerT || !thisT) throw new Error('missing issuer');
    const thisUpdate = times.read(thisT, 'thisUpdate');
    i += 3;
    let nextUpdate: Date | null = null;
    if (f[i]?.tag === 0x17 || f[i]?.tag === 0x18) nextUpdate = times.read(f[i++]!, 'nextUpdate');
    const revoked: RevokedCrlEntry[] = [];
    const bySerial = new Map<bigint, RevokedCrlEntry>();
    if (f[i]?.tag === 0x30) {
      for (const e of children(der, f[i++]!)) {
        const [serialT, dateT, extsT] = children(der, e);
        if (!serialT || !dateT) continue;
        const exts: RawExtension[] = extsT ? parseExtensions(der, extsT) : [];
        const rc = exts.find((x) => x.oid === OID.reasonCode);
        const code = rc ? (rc.value[2] ?? 0) : null;
        const entry: RevokedCrlEntry = {
          serial: hex(content(der, serialT)),
          date: times.read(dateT, 'revocationDate'),
          reason: code === null ? null : (REASON_BY_CODE.get(code) ?? null),
        };
        revoked.push(entry);
        const value = serialValue(entry.serial);
        if (!bySerial.has(value)) bySerial.set(value, entry);
      }
    }
    let number: string | null = null;
    const extWrap = f[i]?.tag === 0xa0 ? f[i] : undefined;
    const extSeq = extWrap ? children(der, extWrap)[0] : undefined;
    const num = extSeq ? parseExtensions(der, extSeq).find((x) => x.oid === OID.cRLNumber) : undefined;
    if (num) number = BigInt(`0x${hex(content(num.value, readTlv(num.value, 0))) || '0'}`).toString();
    const [algOid, algParams] = children(der, algT);
    return {
      issuer: whole(der, issuerT),
      number,
      thisUpdate,
      nextUpdate,
      revoked,
      bySerial,
      tbs: whole(der, tbsT),
      sigAlgOid: algOid ? decodeOid(content(der, algOid)) : '',
      sigAlgParams: algParams && algParams.tag === 0x30 ? whole(der, algParams) : null,
      signature: content(der, sigT).subarray(1),
      timeError: times.error,
    };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('INVALID_PEM', `not a valid CRL: ${(e as Error).message}`);
  }
}

/**
 * true when `issuerDer`'s key signed this CRL and the names match. Node's synchronous verify, the one
 * certificates use too: X509Crl's verify is asynchronous WebCrypto, and the path validator is synchronous.
 */
export function crlSignedBy(crl: RawCrl, issuerDer: Uint8Array): boolean {
  // 'keep': a signature does not depend on the issuer's validity, and the validator asks about vault CAs
  const issuer = readCert(issuerDer, 'keep');
  return (
    bytesEqual(crl.issuer, issuer.subject) &&
    verifySignature(crl.tbs, crl.sigAlgOid, crl.signature, issuer.spki, crl.sigAlgParams)
  );
}

/** Decodes a CRL; `signatureValidBy` names the first of `issuers` (DER) whose key verifies it. */
export function viewCrl(input: Uint8Array | string, issuers: Uint8Array[] = []): CrlView {
  const der = firstBlockOf(input, ['crl'], 'CRL');
  const crl = readCrl(der);
  const by = issuers.find((i) => crlSignedBy(crl, i));
  return {
    issuer: formatSubject(crl.issuer),
    number: crl.number,
    thisUpdate: crl.thisUpdate.toISOString(),
    nextUpdate: crl.nextUpdate?.toISOString() ?? null,
    revoked: crl.revoked.map((r) => ({ serial: r.serial, date: r.date.toISOString(), reason: r.reason })),
    signatureValidBy: by ? formatSubject(readCert(by, 'keep').subject) : null,
    pem: toPem(der, 'X509 CRL'),
  };
}
