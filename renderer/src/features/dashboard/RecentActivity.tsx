import type { AuditEntry } from '../../../../shared/domain/types';
import { DateTime } from '../../components';
import { groupActivity } from './activity-groups';

const ACTIVITY_LINES = 8;

/** audit:list returns the newest entries last; shown newest first, repeated operations as one line. */
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
          {groupActivity(entries, ACTIVITY_LINES).map(({ latest: e, text }) => (
            <li key={e.seq}>
              <span className={e.outcome === 'failed' ? 'op-tag op-tag-failed' : 'op-tag'}>
                {e.operation}
              </span>{' '}
              {text && <span>{text}</span>}{' '}
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
