import { Button, DateTime, EmptyState } from '../../components';
import type { ExpiringItem } from '../../store/selectors';
import { daysText, profileLabel } from '../../components/format';

export interface ExpiringListProps {
  items: readonly ExpiringItem[];
  noticeDays: number;
  renewing: ReadonlySet<string>;
  onRenew: (id: string) => void;
  onOpen: (id: string) => void;
}

const URGENCY_LABELS: Record<ExpiringItem['urgency'], string> = {
  expired: 'Expired',
  critical: 'Critical',
  warning: 'Warning',
  notice: 'Notice',
};

/** Rows are tinted by urgency band and also carry the band as text (colour is never the only cue). */
export function ExpiringList({
  items,
  noticeDays,
  renewing,
  onRenew,
  onOpen,
}: ExpiringListProps): React.JSX.Element {
  return (
    <section className="panel" aria-labelledby="expiring-title">
      <h3 id="expiring-title">Expiring soon</h3>
      {items.length === 0 ? (
        <EmptyState title="Nothing expires soon">
          Nothing expires in the next {noticeDays} days. Thresholds are in Settings.
        </EmptyState>
      ) : (
        <table className="data" aria-labelledby="expiring-title">
          <thead>
            <tr>
              <th scope="col">Urgency</th>
              <th scope="col">Common name</th>
              <th scope="col">Profile</th>
              <th scope="col">Expires</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map(({ cert, daysLeft, urgency }) => (
              <tr key={cert.id} className={`urgency-${urgency}`} data-urgency={urgency}>
                <td>
                  <span className="urgency-badge">{URGENCY_LABELS[urgency]}</span>
                </td>
                <td>
                  <button type="button" className="link-button" onClick={() => onOpen(cert.id)}>
                    {cert.cn}
                  </button>
                </td>
                <td>{profileLabel(cert.profile)}</td>
                <td>
                  <DateTime iso={cert.notAfter} dateOnly />{' '}
                  <span className="muted">({daysText(daysLeft)})</span>
                </td>
                <td>
                  {cert.kind === 'leaf' && (
                    <Button
                      small
                      variant="primary"
                      busy={renewing.has(cert.id)}
                      onClick={() => onRenew(cert.id)}
                      aria-label={`Renew ${cert.cn}`}
                    >
                      Renew
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
