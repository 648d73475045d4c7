import type { AuditEntry } from '../../../../shared/domain/types';
import { formatDateTime } from '../../components/format';

export function RecentActivity({ entries, onShowAll }: { entries: readonly AuditEntry[]; onShowAll: () => void }): React.JSX.Element {
  return (
    <section className="panel" aria-labelledby="recent-title">
      <h3 id="recent-title">Recent activity</h3>
      {entries.length === 0 ? (
        <p className="muted">No activity recorded yet.</p>
      ) : (
        <ul className="activity-list">
          {entries.map((e) => (
            <li key={e.seq}>
              <span className={e.outcome === 'failed' ? 'sev sev-error' : 'sev sev-info'}>{e.operation}</span>{' '}
              {e.subject && <span>{e.subject}</span>} <span className="muted">{formatDateTime(e.time)}</span>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="link-button" onClick={onShowAll}>
        Open the audit log
      </button>
    </section>
  );
}
