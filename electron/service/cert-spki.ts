import { X509Certificate } from 'node:crypto';

/** SubjectPublicKeyInfo DER of a certificate (renewal that keeps the key re-certifies this public key). */
export function spkiOfCertificate(der: Uint8Array): Uint8Array {
  const cert = new X509Certificate(der);
  return new Uint8Array(cert.publicKey.export({ type: 'spki', format: 'der' }));
}
