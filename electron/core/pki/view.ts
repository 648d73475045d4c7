import type { CertificateView } from '../../../shared/domain/types';
import type { CertFacts } from './types';
import { notYet } from './stub';

export function viewCertificate(der: Uint8Array): CertificateView {
  return notYet('viewCertificate');
}
/** Fast: the fields a CertSummary needs, computed once at issuance/import. */
export function summarizeCertificate(der: Uint8Array): CertFacts {
  return notYet('summarizeCertificate');
}
