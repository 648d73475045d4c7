import { Fragment } from 'react';
import { rowsToShow, sanSegments, type BatchPreview } from './batch-model';

export interface BatchPreviewTableProps {
  preview: BatchPreview;
}

/** Every manifest row with its verdict, before anything is issued. Bad rows stay visible with their reasons. */
export function BatchPreviewTable({ preview }: BatchPreviewTableProps): React.JSX.Element {
  const { shown, hidden } = rowsToShow(preview.rows, (r) => r.errors.length > 0);
  return (
    <>
      <table className="data batch-table" aria-label="Manifest preview">
        <thead>
          <tr>
            <th scope="col">Row</th>
            <th scope="col">Name (CN)</th>
            <th scope="col">Profile</th>
            <th scope="col">SANs</th>
            <th scope="col">Key</th>
            <th scope="col">Days</th>
            <th scope="col">Check</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.index} className={r.errors.length ? 'batch-row-bad' : undefined}>
              <td className="batch-token">{r.index}</td>
              <td className="mono batch-cn">{r.name || <span className="muted">(empty)</span>}</td>
              <td className="batch-token">{r.profile}</td>
              <td className="mono">
                <SanList sans={r.sans} />
              </td>
              <td className="batch-token">{r.key}</td>
              <td className="batch-token">{r.days}</td>
              <td>
                {r.errors.length === 0 ? (
                  <span className="batch-ok">Ready</span>
                ) : (
                  <ul className="batch-errors" aria-label={`Problems in row ${r.index}`}>
                    {r.errors.map((e) => (
                      <li key={e}>{e}</li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {hidden > 0 && <p className="muted">{hidden} more ready rows are not listed.</p>}
    </>
  );
}

/**
 * SANs separated by ", ": a line breaks after a comma or, inside a URI, after a path "/" (the <wbr> between
 * pieces), never inside a host name, an address or a path segment.
 */
function SanList({ sans }: { sans: readonly string[] }): React.JSX.Element {
  return (
    <>
      {sans.map((san, i) => (
        <Fragment key={i}>
          {i > 0 && ', '}
          {sanSegments(san).map((piece, j) => (
            <Fragment key={j}>
              {j > 0 && <wbr />}
              <span className="batch-nobreak">{piece}</span>
            </Fragment>
          ))}
        </Fragment>
      ))}
    </>
  );
}
