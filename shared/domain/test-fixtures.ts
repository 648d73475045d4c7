import type { CertSummary } from './types';

const DAY = 86_400_000;
export const NOW = new Date('2027-01-15T12:00:00Z');

/** A certificate summary expiring `days` days after NOW (fractional days allowed). */
export function cert(id: string, days: number, patch: Partial<CertSummary> = {}): CertSummary {
  return {
    id,
    kind: 'leaf',
    profile: 'server',
    cn: id,
    subject: `CN=${id}`,
    issuer: 'CN=Root',
    issuerId: 'root',
    serial: `0a${id.length.toString(16).padStart(2, '0')}ff`,
    sans: [{ type: 'dns', value: `${id}.internal` }],
    notBefore: new Date(NOW.getTime() - 100 * DAY).toISOString(),
    notAfter: new Date(NOW.getTime() + days * DAY).toISOString(),
    sha256: 'ab'.repeat(32),
    keyAlgorithm: 'ec-p256',
    hasKey: true,
    createdAt: new Date(NOW.getTime() - 100 * DAY).toISOString(),
    ...patch,
  };
}

export const ROOT = cert('root', 3000, {
  kind: 'ca',
  profile: 'root',
  cn: 'Root',
  issuerId: null,
  subject: 'CN=Root',
});
