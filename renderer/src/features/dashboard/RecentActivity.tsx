import type { AuditEntry } from '../../../../shared/domain/types';
import { DateTime } from '../../components';

/** audit:list returns the newest entries last; shown newest first. */
export function RecentActivity({
  entries,
  onShowAll,
}: {
  entries: readonly AuditEntry[];
  onShowAll: () => void;
}): React.JSX.Element {
  return (
    <section className="panel" aria-labelledby="recent-title">
      <h3 id="recent-title">Recent activity</h3>
      {entries.length === 0 ? (
        <p className="muted">No activity recorded yet.</p>
      ) : (
        <ul className="activity-list">
          {[...entries].reverse().map((e) => (
            <li key={e.seq}>
              <span className={e.outcome === 'failed' ? 'op-tag op-tag-failed' : 'op-tag'}>
                {e.operation}
              </span>{' '}
              {e.subject && <span>{e.subject}</span>}{' '}
              <span className="muted">
                <DateTime iso={e.time} />
              </span>
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
