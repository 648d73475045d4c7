import type { CertStatus } from '../../../../shared/domain/types';
import { STATUS_LABELS } from '../../components';

const ORDER: CertStatus[] = [
  'valid',
  'expiring',
  'expired',
  'revoked',
  'not-yet-valid',
  'invalid',
  'renewed',
];

export interface StatusCountsProps {
  counts: Record<CertStatus, number>;
  total: number;
  onSelect: (status: CertStatus) => void;
}

export function StatusCounts({ counts, total, onSelect }: StatusCountsProps): React.JSX.Element {
  return (
    <section aria-labelledby="counts-title">
      <h3 id="counts-title" className="visually-hidden">
        Certificates by status
      </h3>
      <ul
        className="stat-cards"
        aria-label={`Certificates by status, ${total.toLocaleString('en')} in total`}
      >
        {ORDER.filter(
          (s) => (s !== 'not-yet-valid' && s !== 'invalid' && s !== 'renewed') || counts[s] > 0,
        ).map((s) => (
          <li key={s} className={`stat-card stat-card-${s}`}>
            <button
              type="button"
              className="stat-button"
              aria-label={`${STATUS_LABELS[s]}: ${counts[s].toLocaleString('en')}`}
              data-testid={`count-${s}`}
              onClick={() => onSelect(s)}
            >
              {/* Label first, as the accessible name reads ("Valid: 7,001", grouped as the urgency bands are);
                  CSS shows the number on top. */}
              <span className="muted">{STATUS_LABELS[s]}</span>{' '}
              <span className="stat-value">{counts[s].toLocaleString('en')}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
