import type { ImportItem, ImportPreview } from '../../../../shared/domain/types';

const ACTION_LABELS: Record<ImportItem['action'], string> = {
  import: 'Import',
  duplicate: 'Already in vault',
  conflict: 'Conflict',
};

/** What the import would do, before anything is written. */
export function ImportPreviewView({ preview }: { preview: ImportPreview }): React.JSX.Element {
  const c = preview.counts;
  const conflicts = preview.items.filter((i) => i.action === 'conflict');
  const counts: [string, number][] = [
    ['CAs', c.cas],
    ['Leaf certificates', c.leaves],
    ['Private keys', c.keys],
    ['Revoked', c.revoked],
    ['CRL numbers', c.crlNumbers],
    ['Already in vault', c.duplicates],
    ['Conflicts', c.conflicts],
  ];
  return (
    <div className="cd-import-preview">
      <section aria-labelledby="import-counts">
        <h3 id="import-counts">Would import</h3>
        <dl className="cd-import-counts">
          {counts.map(([label, n]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{n}</dd>
            </div>
          ))}
        </dl>
        {preview.crls.map((crl) => (
          <p key={crl.ca} className="muted">
            CRL numbering of {crl.ca} continues after {crl.lastNumber}.
          </p>
        ))}
      </section>
      {conflicts.length > 0 && (
        <section aria-labelledby="import-conflicts" role="alert">
          <h3 id="import-conflicts">Conflicts</h3>
          <ul>
            {conflicts.map((i) => (
              <li key={i.sha256}>
                <strong>{i.subject}</strong>: {i.notes[i.notes.length - 1]}
              </li>
            ))}
          </ul>
        </section>
      )}
      {preview.problems.length > 0 && (
        <section aria-labelledby="import-problems">
          <h3 id="import-problems">Problems</h3>
          <ul>
            {preview.problems.map((pr) => (
              <li key={`${pr.item}:${pr.message}`}>
                {pr.item}: {pr.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      <table className="data" aria-label="Certificates in the source">
        <thead>
          <tr>
            <th scope="col">Subject</th>
            <th scope="col">Kind</th>
            <th scope="col">Key</th>
            <th scope="col">Revoked</th>
            <th scope="col">Action</th>
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {preview.items.map((i) => (
            <tr key={i.sha256}>
              <th scope="row">
                {i.subject}
                {i.label && !i.subject.endsWith(`CN=${i.label}`) && <div className="muted">{i.label}</div>}
              </th>
              <td>{i.kind === 'ca' ? 'CA' : 'Leaf'}</td>
              <td>{i.hasKey ? 'Yes' : 'No'}</td>
              <td>{i.revoked ? i.revoked.reason : ''}</td>
              <td>{i.action === 'import' && i.tracked ? 'Track (expiry only)' : ACTION_LABELS[i.action]}</td>
              <td>
                <ul className="cd-import-notes">
                  {i.notes.map((n) => (
                    <li key={n}>{n}</li>
                  ))}
                  {i.lint
                    .filter((l) => l.severity !== 'info')
                    .map((l) => (
                      <li key={l.id}>
                        Lint {l.severity}: {l.message}
                      </li>
                    ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
