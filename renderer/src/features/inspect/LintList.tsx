import type { LintFinding } from '../../../../shared/domain/types';

const ORDER = { error: 0, warning: 1, info: 2 } as const;

export function LintList({ findings }: { findings: readonly LintFinding[] }): React.JSX.Element {
  const sorted = [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  return (
    <section className="panel" aria-labelledby="lint-title">
      <h3 id="lint-title">Lint ({findings.length})</h3>
      {sorted.length === 0 ? (
        <p className="muted">No findings: the certificate follows RFC 5280 and the private-PKI checks.</p>
      ) : (
        <ul className="ext-list">
          {sorted.map((f) => (
            <li key={f.id}>
              <span className={`sev sev-${f.severity}`}>{f.severity}</span> <strong>{f.message}</strong>
              <div className="muted">{f.explanation}</div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
