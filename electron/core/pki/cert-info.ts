/**
 * The few certificate facts export and the handshake check need, from the engine's one reader
 * (`parsedCert`). Node's X509Certificate rides along only for what OpenSSL itself decides in a handshake:
 * host-name and IP matching and issuer/signature checks between the certificates a peer is given.
 */
import { X509Certificate } from 'node:crypto';
import { AppError } from '../../../shared/ipc/error-codes';
import { parsedCert } from './parsed-cert';
import { pemBlocksOf } from './pem';
import { hex } from './der';
import type { KeyUsageName } from './profiles';

export const EKU = { serverAuth: '1.3.6.1.5.5.7.3.1', clientAuth: '1.3.6.1.5.5.7.3.2' } as const;

export interface CertInfo {
  der: Uint8Array;
  x509: X509Certificate;
  cn: string;
  /** upper-case hex without a DER leading 00, as `openssl x509 -serial` prints it */
  serial: string;
  notBefore: Date;
  notAfter: Date;
  /** SHA-256 fingerprint, lower-case hex without colons */
  sha256: string;
  /** null when the certificate has no EKU extension (Go then accepts it for any purpose) */
  ekus: string[] | null;
  /** null when the certificate has no KeyUsage extension */
  keyUsage: KeyUsageName[] | null;
  uris: string[];
  /** the issuer Name exactly as encoded (DER) */
  issuerDer: Uint8Array;
}

export function certInfoFromDer(der: Uint8Array, what: string): CertInfo {
  let x509: X509Certificate;
  let cert: ReturnType<typeof parsedCert>;
  try {
    cert = parsedCert(der);
    x509 = new X509Certificate(der);
  } catch {
    throw new AppError('INVALID_PEM', `${what}: not a valid X.509 certificate`);
  }
  if (cert.raw.timeError) throw new AppError('INVALID_PEM', `${what}: ${cert.raw.timeError}`);
  const serial = hex(cert.raw.serial)
    .replace(/^(00)+(?=.)/, '')
    .toUpperCase();
  return {
    der,
    x509,
    cn: cert.commonName ?? '',
    serial,
    notBefore: cert.raw.notBefore,
    notAfter: cert.raw.notAfter,
    sha256: cert.sha256,
    ekus: cert.ekus,
    keyUsage: cert.keyUsage,
    uris: cert.sans.filter((s) => s.type === 'uri').map((s) => s.value),
    issuerDer: cert.raw.issuer,
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
