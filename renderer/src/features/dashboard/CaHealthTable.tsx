import { DateTime, StatusPill } from '../../components';
import type { CaHealthRow, CrlHealth } from '../../store/selectors';
import { daysText } from '../../components/format';
import { WriteButton } from '../vault/WriteButton';

const CRL_TEXT: Record<CrlHealth, string> = {
  none: 'No CRL yet',
  ok: 'Current',
  'due-soon': 'Due soon',
  overdue: 'Overdue',
};

export interface CaHealthTableProps {
  rows: readonly CaHealthRow[];
  onOpen: (id: string) => void;
  /** publish a fresh CRL for a CA whose CRL is missing, due or overdue */
  onGenerateCrl: (caId: string) => void;
  generating: ReadonlySet<string>;
}

export function CaHealthTable({
  rows,
  onOpen,
  onGenerateCrl,
  generating,
}: CaHealthTableProps): React.JSX.Element {
  return (
    <section className="panel" aria-labelledby="ca-health-title">
      <h3 id="ca-health-title">CA health</h3>
      {rows.length === 0 ? (
        <p className="muted">No certificate authority yet. Create or import one under Authorities.</p>
      ) : (
        <table className="data" aria-labelledby="ca-health-title">
          <thead>
            <tr>
              <th scope="col">CA</th>
              <th scope="col">Status</th>
              <th scope="col">CA expires</th>
              <th scope="col">CRL next update</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={r.ca.id}
                className={
                  r.crlHealth === 'overdue'
                    ? 'urgency-critical'
                    : r.crlHealth === 'due-soon'
                      ? 'urgency-warning'
                      : undefined
                }
              >
                <td>
                  <button type="button" className="link-button" onClick={() => onOpen(r.ca.id)}>
                    {r.ca.cn}
                  </button>
                  {!r.ca.hasKey && <span className="muted"> (trust anchor)</span>}
                </td>
                <td>
                  <StatusPill status={r.status} />
                </td>
                <td>
                  <DateTime iso={r.ca.notAfter} dateOnly />{' '}
                  <span className="muted">({daysText(r.daysLeft)})</span>
                </td>
                <td>
                  {r.crl ? (
                    <>
                      <span className="urgency-badge">{CRL_TEXT[r.crlHealth]}</span>{' '}
                      <DateTime iso={r.crl.nextUpdate} dateOnly />
                      {r.crlDaysLeft !== null && <span className="muted"> ({daysText(r.crlDaysLeft)})</span>}
                    </>
                  ) : (
                    <span className="muted">{r.ca.hasKey ? CRL_TEXT.none : '—'}</span>
                  )}
                  {r.ca.hasKey && r.crlHealth !== 'ok' && (
                    <div>
                      <WriteButton
                        small
                        busy={generating.has(r.ca.id)}
                        onClick={() => onGenerateCrl(r.ca.id)}
                        aria-label={`Generate CRL for ${r.ca.cn}`}
                      >
                        Generate CRL
                      </WriteButton>
                    </div>
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
