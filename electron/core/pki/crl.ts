/** CRLs per CA (RFC 5280 §5): v2, AKI, CRL number, reason codes; signed by the CA key. */
import type { CrlView, RevocationReason } from '../../../shared/domain/types';
import { REVOCATION_REASONS } from '../../../shared/domain/types';
import { AppError } from '../../../shared/ipc/error-codes';
import { parseExtensions, parseTime, readCert, type RawExtension } from './cert-raw';
import {
  bytesEqual,
  children,
  concat,
  content,
  ctx,
  decodeOid,
  fromHex,
  hex,
  integer,
  integerBytes,
  readTlv,
  seq,
  time,
  tlv,
  whole,
} from './der';
import { decodeKeyUsage, decodeSki } from './ext-decode';
import { authorityKeyIdentifier, extension, keyIdentifierOf, OID } from './extensions';
import { keyAlgorithmOfCryptoKey } from './keys';
import { formatSubject } from './names';
import { firstBlockOf, toPem } from './pem';
import { normalizeSerial } from './serial';
import { signatureAlgorithmId, signStructure } from './sign';
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

/** InvalidityDate is always GeneralizedTime (RFC 5280 §5.3.2), whole seconds. */
function generalizedTime(d: Date): Uint8Array {
  const iso = wholeSeconds(d).toISOString();
  return tlv(0x18, new TextEncoder().encode(`${iso.slice(0, 19).replace(/[-:T]/g, '')}Z`));
}

function entry(serialHex: string, at: Date, reason: RevocationReason, invalidity?: Date): Uint8Array {
  const magnitude = fromHex(serialHex.replace(/:/g, '').toLowerCase());
  if (magnitude.length === 0 || magnitude.every((b) => b === 0)) {
    throw new AppError('INVALID_INPUT', `serial "${serialHex}" in the revocation list is empty or zero`);
  }
  // DER-minimal and positive, as the certificate carries it (a hex value typed without its 00 prefix stays positive)
  const serial = normalizeSerial(magnitude);
  const parts = [integerBytes(serial), time(wholeSeconds(at))];
  const exts: Uint8Array[] = [];
  // RFC 5280 §5.3.1: the reasonCode "unspecified" SHOULD be absent.
  if (reason !== 'unspecified')
    exts.push(extension(OID.reasonCode, false, tlv(0x0a, Uint8Array.of(REASON_CODE[reason]))));
  if (invalidity) exts.push(extension(OID.invalidityDate, false, generalizedTime(invalidity)));
  if (exts.length) parts.push(seq(...exts));
  return seq(...parts);
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
  if (BigInt(req.crlNumber) < 0n) throw new AppError('INVALID_INPUT', 'the CRL number must not be negative');
  const ski = issuer.extensions.find((e) => e.oid === OID.subjectKeyIdentifier);
  const keyId = ski ? decodeSki(ski.value) : keyIdentifierOf(issuer.spki);
  const fields: Uint8Array[] = [
    integer(1),
    signatureAlgorithmId(keyAlgorithmOfCryptoKey(req.issuer.signingKey)),
    issuer.subject,
    time(thisUpdate),
    time(nextUpdate),
  ];
  if (req.entries.length > 0)
    fields.push(
      seq(concat(req.entries.map((e) => entry(e.serialHex, e.revokedAt, e.reason, e.invalidityDate)))),
    );
  fields.push(
    ctx(
      0,
      seq(
        extension(OID.authorityKeyIdentifier, false, authorityKeyIdentifier(keyId)),
        extension(OID.cRLNumber, false, integer(req.crlNumber)),
      ),
      true,
    ),
  );
  const der = await signStructure(seq(...fields), req.issuer.signingKey, c.crypto);
  return { der, pem: toPem(der, 'X509 CRL'), thisUpdate, nextUpdate };
}

export interface RawCrl {
  issuer: Uint8Array;
  number: string | null;
  thisUpdate: Date;
  nextUpdate: Date | null;
  revoked: { serial: string; date: Date; reason: RevocationReason | null }[];
  tbs: Uint8Array;
  sigAlgOid: string;
  sigAlgParams: Uint8Array | null;
  signature: Uint8Array;
}

export function readCrl(der: Uint8Array): RawCrl {
  try {
    const top = readTlv(der, 0);
    const [tbsT, algT, sigT] = children(der, top);
    if (!tbsT || !algT || !sigT) throw new Error('missing parts');
    const f = children(der, tbsT);
    let i = f[0]?.tag === 0x02 ? 1 : 0;
    const issuerT = f[i + 1];
    const thisT = f[i + 2];
    if (!issuerT || !thisT) throw new Error('missing issuer');
    i += 3;
    let nextUpdate: Date | null = null;
    if (f[i]?.tag === 0x17 || f[i]?.tag === 0x18) nextUpdate = parseTime(der, f[i++]!);
    const revoked: RawCrl['revoked'] = [];
    if (f[i]?.tag === 0x30) {
      for (const e of children(der, f[i++]!)) {
        const [serialT, dateT, extsT] = children(der, e);
        if (!serialT || !dateT) continue;
        const exts: RawExtension[] = extsT ? parseExtensions(der, extsT) : [];
        const rc = exts.find((x) => x.oid === OID.reasonCode);
        const code = rc ? (rc.value[2] ?? 0) : null;
        revoked.push({
          serial: hex(content(der, serialT)),
          date: parseTime(der, dateT),
          reason: code === null ? null : (REASON_BY_CODE.get(code) ?? null),
        });
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
      thisUpdate: parseTime(der, thisT),
      nextUpdate,
      revoked,
      tbs: whole(der, tbsT),
      sigAlgOid: algOid ? decodeOid(content(der, algOid)) : '',
      sigAlgParams: algParams && algParams.tag === 0x30 ? whole(der, algParams) : null,
      signature: content(der, sigT).subarray(1),
    };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('INVALID_PEM', `not a valid CRL: ${(e as Error).message}`);
  }
}

/** true when `issuerDer`'s key signed this CRL and the names match. */
export function crlSignedBy(crl: RawCrl, issuerDer: Uint8Array): boolean {
  const issuer = readCert(issuerDer);
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
    signatureValidBy: by ? formatSubject(readCert(by).subject) : null,
    pem: toPem(der, 'X509 CRL'),
  };
}
