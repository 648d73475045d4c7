import {
  EXPIRING_URGENCIES,
  type DashboardSummary,
  type ExpiringUrgency,
} from '../../../../shared/domain/dashboard-summary';
import { DateTime, EmptyState } from '../../components';
import { certProfileLabel, daysText } from '../../components/format';
import { WriteButton } from '../vault/WriteButton';

export interface ExpiringListProps {
  /** the most urgent few (main bounds them, so the dashboard stays one screen high) and the count per band */
  expiring: DashboardSummary['expiring'];
  warningDays: number;
  noticeDays: number;
  /** opens Certificates filtered to that status (`later`: the certificates due later, expiry.ts dueLater) */
  onShowAll: (status: 'expiring' | 'expired' | 'later') => void;
  renewing: ReadonlySet<string>;
  onRenew: (id: string) => void;
  onOpen: (id: string) => void;
}

const URGENCY_LABELS: Record<ExpiringUrgency, string> = {
  expired: 'Expired',
  critical: 'Critical',
  warning: 'Warning',
};

/** Rows are tinted by urgency band and also carry the band as text (colour is never the only cue). */
export function ExpiringList({
  expiring: { mostUrgent, byUrgency, later },
  warningDays,
  noticeDays,
  onShowAll,
  renewing,
  onRenew,
  onOpen,
}: ExpiringListProps): React.JSX.Element {
  const expired = byUrgency.expired;
  const expiring = byUrgency.critical + byUrgency.warning;
  return (
    <section className="panel" aria-labelledby="expiring-title">
      <h3 id="expiring-title">Expiring soon</h3>
      {expired + expiring === 0 ? (
        <>
          <EmptyState title="Nothing expires soon">
            Nothing expires in the next {warningDays} days. Thresholds are in Settings.
          </EmptyState>
          <LaterLine count={later} listed={false} noticeDays={noticeDays} onShow={() => onShowAll('later')} />
        </>
      ) : (
        <>
          <ul className="urgency-groups" aria-label="Expiring soon by urgency">
            {EXPIRING_URGENCIES.map((g) => (
              <li key={g} className={`urgency-${g}`}>
                <span className="urgency-badge">{URGENCY_LABELS[g]}</span> {byUrgency[g].toLocaleString('en')}
              </li>
            ))}
          </ul>
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
              {mostUrgent.map(({ cert, daysLeft, urgency }) => (
                <tr key={cert.id} className={`urgency-${urgency}`} data-urgency={urgency}>
                  <td>
                    <span className="urgency-badge">{URGENCY_LABELS[urgency]}</span>
                  </td>
                  <td>
                    {cert.tracked && <span className="kind-tag">Tracked</span>}
                    <button type="button" className="link-button" onClick={() => onOpen(cert.id)}>
                      {cert.cn}
                    </button>
                  </td>
                  <td>{certProfileLabel(cert)}</td>
                  <td>
                    <DateTime iso={cert.notAfter} dateOnly />{' '}
                    <span className="muted">({daysText(daysLeft)})</span>
                  </td>
                  <td>
                    {cert.kind === 'leaf' && !cert.tracked && (
                      <WriteButton
                        small
                        variant="primary"
                        busy={renewing.has(cert.id)}
                        onClick={() => onRenew(cert.id)}
                        aria-label={`Renew ${cert.cn}`}
                      >
                        Renew
                      </WriteButton>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="button-row">
            {expiring > 0 && (
              <button type="button" className="link-button" onClick={() => onShowAll('expiring')}>
                Show all {expiring.toLocaleString('en')} expiring
              </button>
            )}
            {expired > 0 && (
              <button type="button" className="link-button" onClick={() => onShowAll('expired')}>
                Show all {expired.toLocaleString('en')} expired
              </button>
            )}
          </p>
          <LaterLine count={later} listed noticeDays={noticeDays} onShow={() => onShowAll('later')} />
        </>
      )}
    </section>
  );
}

/**
 * The planning horizon beyond the list: certificates still valid that expire within the notice threshold.
 * Nothing when there are none. `listed`: whether rows above it are listed ("more" then reads right).
 */
function LaterLine({
  count,
  listed,
  noticeDays,
  onShow,
}: {
  count: number;
  listed: boolean;
  noticeDays: number;
  onShow: () => void;
}): React.JSX.Element | null {
  if (count === 0) return null;
  const n = count.toLocaleString('en');
  const what = count === 1 ? 'certificate expires' : 'certificates expire';
  return (
    <p className="later-line urgency-notice">
      <span className="urgency-badge">Later:</span> {n} {listed ? 'more ' : ''}
      {what} within {noticeDays.toLocaleString('en')} days.{' '}
      <button type="button" className="link-button" onClick={onShow}>
        Show all {n} expiring later
      </button>
    </p>
  );
}
