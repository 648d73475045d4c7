/** Choices and defaults for the mTLS handshake check (product.md §8). */
import type { CertSummary, HandshakeReport } from '../../../../shared/domain/types';

/** Both ends need their private key for a real handshake, so only leaves held with keys are offered. */
export function handshakeCandidates(certs: readonly CertSummary[], role: 'server' | 'client'): CertSummary[] {
  const preferred = role === 'server' ? ['server', 'service'] : ['client', 'service'];
  const usable = certs.filter((c) => c.kind === 'leaf' && c.hasKey && !c.revoked);
  const rank = (c: CertSummary): number => (preferred.includes(c.profile) ? 0 : 1);
  return [...usable].sort((a, b) => rank(a) - rank(b) || a.cn.localeCompare(b.cn));
}

/** The name a client would dial: the first DNS SAN, else the first IP SAN, else the CN. */
export function defaultServerName(cert: CertSummary | undefined): string {
  if (!cert) return '';
  return (
    cert.sans.find((s) => s.type === 'dns')?.value ?? cert.sans.find((s) => s.type === 'ip')?.value ?? cert.cn
  );
}

export const FAILURE_LABELS: Record<NonNullable<HandshakeReport['reason']>, string> = {
  'name-mismatch': 'Server name mismatch',
  'missing-server-eku': 'Server certificate lacks the serverAuth EKU',
  'missing-client-eku': 'Client certificate lacks the clientAuth EKU',
  'server-key-usage': 'Server certificate’s KeyUsage does not allow a TLS server',
  'client-key-usage': 'Client certificate’s KeyUsage does not allow a TLS client',
  expired: 'A certificate has expired',
  'not-yet-valid': 'A certificate is not valid yet',
  'unknown-ca': 'Unknown CA: the chain does not lead to a trusted root',
  revoked: 'A certificate is revoked',
  other: 'Handshake failed',
};
