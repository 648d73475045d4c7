/** Certificate inspection: the full decoded view and the fast summary stored at issuance/import. */
import { createHash } from 'node:crypto';
import type { CertificateView, ExtensionView, San } from '../../../shared/domain/types';
import { readCert, type RawCert, type RawExtension } from './cert-raw';
import { bytesEqual, hex } from './der';
import { isSelfSigned } from './path-validator';
import { decodeBasicConstraints, decodeSans } from './ext-decode';
import { extensionLines, extensionName } from './ext-lines';
import { OID } from './extensions';
import { spkiInfo } from './spki-info';
import { formatSubject, nameAttributes } from './names';
import { toPem } from './pem';
import type { CertFacts } from './types';
import { decodeAki, decodeSki } from './ext-decode';

export const SIG_NAMES: Record<string, string> = {
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'rsassa-pss',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.3.101.112': 'Ed25519',
};

const digest = (alg: 'sha256' | 'sha1', b: Uint8Array): string => createHash(alg).update(b).digest('hex');

// Foreign certificates may carry malformed extension values: inspection shows what it can instead of failing.
function sansOf(raw: RawCert): San[] {
  const ext = raw.extensions.find((e) => e.oid === OID.subjectAltName);
  try {
    return ext ? decodeSans(ext.value) : [];
  } catch {
    return [];
  }
}

function bcOf(raw: RawCert): { ca: boolean; pathLen: number | null } {
  const ext = raw.extensions.find((e) => e.oid === OID.basicConstraints);
  try {
    return ext ? decodeBasicConstraints(ext.value) : { ca: false, pathLen: null };
  } catch {
    return { ca: false, pathLen: null };
  }
}

const extHex = (raw: RawCert, oid: string, decode: (v: Uint8Array) => Uint8Array | null): string | null => {
  const e = raw.extensions.find((x) => x.oid === oid);
  try {
    const v = e ? decode(e.value) : null;
    return v ? hex(v) : null;
  } catch {
    return null;
  }
};

/** Fast: the fields a CertSummary needs, computed once at issuance/import so the vault never re-parses. */
export function summarizeCertificate(der: Uint8Array): CertFacts {
  const raw = readCert(der);
  const bc = bcOf(raw);
  const cnAttr = nameAttributes(raw.subject).find(([k]) => k === 'CN');
  return {
    cn: cnAttr?.[1] ?? '',
    subject: formatSubject(raw.subject),
    issuer: formatSubject(raw.issuer),
    serial: hex(raw.serial),
    sans: sansOf(raw),
    notBefore: raw.notBefore.toISOString(),
    notAfter: raw.notAfter.toISOString(),
    sha256: digest('sha256', der),
    sha1: digest('sha1', der),
    keyAlgorithm: spkiInfo(raw.spki).label,
    isCa: bc.ca,
    pathLen: bc.ca ? bc.pathLen : null,
    // the name test first: only a root pays for the verification
    selfSigned: bytesEqual(raw.subject, raw.issuer) && isSelfSigned(der),
    subjectKeyId: extHex(raw, OID.subjectKeyIdentifier, decodeSki),
    authorityKeyId: extHex(raw, OID.authorityKeyIdentifier, decodeAki),
  };
}

export function extensionView(e: RawExtension): ExtensionView {
  return { oid: e.oid, name: extensionName(e.oid), critical: e.critical, lines: extensionLines(e) };
}

/** An instant as ISO 8601; what readCert's 'keep' left Invalid says so instead. */
const timeText = (d: Date): string => (Number.isNaN(d.getTime()) ? 'not a valid time' : d.toISOString());

/**
 * @param badTimes 'keep' shows a certificate whose notBefore or notAfter is not a valid time (readCert), with
 *   "not a valid time" in place of that date: for the detail view of a certificate a vault already holds.
 *   Default 'refuse'.
 */
export function viewCertificate(der: Uint8Array, badTimes: 'refuse' | 'keep' = 'refuse'): CertificateView {
  const raw = readCert(der, badTimes);
  const key = spkiInfo(raw.spki);
  const publicKey: CertificateView['publicKey'] = { algorithm: key.algorithm };
  if (key.size !== undefined) publicKey.size = key.size;
  if (key.curve !== undefined) publicKey.curve = key.curve;
  return {
    version: raw.version,
    serial: hex(raw.serial),
    subject: formatSubject(raw.subject),
    issuer: formatSubject(raw.issuer),
    notBefore: timeText(raw.notBefore),
    notAfter: timeText(raw.notAfter),
    publicKey,
    signatureAlgorithm: SIG_NAMES[raw.sigAlgOid] ?? raw.sigAlgOid,
    extensions: raw.extensions.map(extensionView),
    sans: sansOf(raw),
    isCa: bcOf(raw).ca,
    fingerprints: { sha256: digest('sha256', der), sha1: digest('sha1', der) },
    spkiSha256: createHash('sha256').update(raw.spki).digest('base64'),
    pem: toPem(der, 'CERTIFICATE'),
  };
}
