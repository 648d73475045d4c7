/** The few certificate facts export and the handshake check need, read with Node's own X.509 parser. */
import { X509Certificate } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  Certificate,
  SubjectAlternativeName,
  id_ce_extKeyUsage,
  id_ce_subjectAltName,
} from '@peculiar/asn1-x509';
import { AppError } from '../../../shared/ipc/error-codes';
import { pemBlocksOf } from './pem';

export const EKU = { serverAuth: '1.3.6.1.5.5.7.3.1', clientAuth: '1.3.6.1.5.5.7.3.2' } as const;

export interface CertInfo {
  der: Uint8Array;
  x509: X509Certificate;
  cn: string;
  /** upper-case hex, as `openssl x509 -serial` prints it */
  serial: string;
  notBefore: Date;
  notAfter: Date;
  /** SHA-256 fingerprint, lower-case hex without colons */
  sha256: string;
  /** null when the certificate has no EKU extension (Go then accepts it for any purpose) */
  ekus: string[] | null;
  uris: string[];
}

function commonName(x509: X509Certificate): string {
  const line = x509.subject.split('\n').find((l) => l.startsWith('CN='));
  return line ? line.slice(3) : '';
}

export function certInfoFromDer(der: Uint8Array, what: string): CertInfo {
  let parsed: Certificate;
  let x509: X509Certificate;
  try {
    parsed = AsnConvert.parse(der, Certificate);
    x509 = new X509Certificate(der);
  } catch {
    throw new AppError('INVALID_PEM', `${what}: not a valid X.509 certificate`);
  }
  const validity = parsed.tbsCertificate.validity;
  const hasEku = parsed.tbsCertificate.extensions?.some((e) => e.extnID === id_ce_extKeyUsage) ?? false;
  // From the DER, not x509.subjectAltName: Node quotes/escapes that string, which breaks naive splitting.
  const sanExt = parsed.tbsCertificate.extensions?.find((e) => e.extnID === id_ce_subjectAltName);
  const uris = sanExt
    ? AsnConvert.parse(sanExt.extnValue, SubjectAlternativeName).flatMap((g) =>
        g.uniformResourceIdentifier ? [g.uniformResourceIdentifier] : [],
      )
    : [];
  return {
    der,
    x509,
    cn: commonName(x509),
    serial: x509.serialNumber.toUpperCase(),
    notBefore: validity.notBefore.getTime(),
    notAfter: validity.notAfter.getTime(),
    sha256: x509.fingerprint256.replace(/:/g, '').toLowerCase(),
    ekus: hasEku ? (x509.keyUsage ?? []) : null,
    uris,
  };
}

/** Every certificate in a PEM text (or one DER), in order. */
export function certInfosFromPem(pem: string | Uint8Array, what: string): CertInfo[] {
  if (typeof pem !== 'string') return [certInfoFromDer(pem, what)];
  return pemBlocksOf(pem, 'CERTIFICATE', what).map((d, i) => certInfoFromDer(d, `${what} #${i + 1}`));
}

export function firstCertInfo(pem: string | Uint8Array, what: string): CertInfo {
  const first = certInfosFromPem(pem, what)[0];
  if (!first) throw new AppError('INVALID_PEM', `${what}: no certificate`);
  return first;
}
