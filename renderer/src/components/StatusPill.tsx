import type { CertStatus } from '../../../shared/domain/types';

export const STATUS_LABELS: Record<CertStatus, string> = {
  valid: 'Valid',
  expiring: 'Expiring',
  expired: 'Expired',
  revoked: 'Revoked',
  'not-yet-valid': 'Not yet valid',
  invalid: 'Invalid chain',
  renewed: 'Renewed',
};

/** Status as text plus colour: colour alone is never the only signal (WCAG 1.4.1). */
export function StatusPill({ status }: { status: CertStatus }): React.JSX.Element {
  return <span className={`pill pill-${status}`}>{STATUS_LABELS[status]}</span>;
}
