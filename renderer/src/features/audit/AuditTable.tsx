import type { AuditEntry } from '../../../../shared/domain/types';
import { DateTime, MessageText, WrapText } from '../../components';
import { HexBytes } from '../../components/HexValue';
import { colonHex } from '../../components/format';

export function AuditTable({ entries }: { entries: readonly AuditEntry[] }): React.JSX.Element {
  return (
    <table className="data audit-table" aria-label="Audit entries">
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Time</th>
          <th scope="col">Operation</th>
          <th scope="col">Outcome</th>
          <th scope="col">Subject</th>
          <th scope="col">Serial / fingerprint</th>
          <th scope="col">Detail</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.seq} className={e.outcome === 'failed' ? 'urgency-warning' : undefined}>
            <td>{e.seq}</td>
            <td className="audit-time">
              <DateTime iso={e.time} />
            </td>
            <td>
              <code>{e.operation}</code>
            </td>
            <td>{e.outcome === 'ok' ? 'OK' : 'Failed'}</td>
            <td>{e.subject ? <WrapText text={e.subject} /> : ''}</td>
            <td className="mono">
              {e.serial ? <HexBytes hex={e.serial} /> : ''}
              {e.sha256 && (
                <div className="muted" title={colonHex(e.sha256)}>
                  <HexBytes hex={e.sha256.slice(0, 16)} />…
                </div>
              )}
            </td>
            <td className="audit-detail">{e.detail ? <MessageText text={e.detail} /> : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
