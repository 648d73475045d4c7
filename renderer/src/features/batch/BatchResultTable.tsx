import type { BatchRowOutcome } from '../../../../shared/domain/types';
import { rowsToShow } from './batch-model';
import { DateTime, HexBytes, MessageText } from '../../components';

const STATUS_TEXT: Record<BatchRowOutcome['status'], string> = {
  issued: 'Issued',
  invalid: 'Invalid row',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export interface BatchResultTableProps {
  rows: readonly BatchRowOutcome[];
}

/** One line per manifest row: what happened to it, and why when it was not issued. */
export function BatchResultTable({ rows }: BatchResultTableProps): React.JSX.Element {
  const { shown, hidden } = rowsToShow(rows, (r) => r.status === 'failed' || r.status === 'invalid');
  return (
    <>
      <table className="data batch-table" aria-label="Batch result">
        <thead>
          <tr>
            <th scope="col">Row</th>
            <th scope="col">Name (CN)</th>
            <th scope="col">Outcome</th>
            <th scope="col">Serial / reason</th>
            <th scope="col">Not after</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.index} className={r.status === 'issued' ? undefined : 'batch-row-bad'}>
              <td className="batch-token">{r.index}</td>
              <td className="mono batch-cn">{r.name}</td>
              <td className="batch-token">
                <span className={`pill batch-pill-${r.status}`}>{STATUS_TEXT[r.status]}</span>
              </td>
              <td>
                {r.status === 'issued' ? (
                  r.serial && <HexBytes hex={r.serial} />
                ) : r.errors.length > 0 ? (
                  <MessageText text={r.errors.join('; ')} />
                ) : (
                  '—'
                )}
              </td>
              <td className="batch-date">{r.notAfter ? <DateTime iso={r.notAfter} dateOnly /> : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {hidden > 0 && (
        <p className="muted">
          {hidden} more issued or cancelled rows are not listed (issued ones are on the Certificates screen).
        </p>
      )}
    </>
  );
}
