import type { LintFinding } from '../../../../shared/domain/types';

const SEVERITY_LABEL = { error: 'Error', warning: 'Warning', info: 'Note' } as const;

export function LintList({ findings }: { findings: readonly LintFinding[] }): React.JSX.Element {
  if (findings.length === 0) return <p className="cd-ok">No lint findings.</p>;
  return (
    <ul className="cd-lint" aria-label="Lint findings">
      {findings.map((f) => (
        <li key={f.id} className={`cd-lint-${f.severity}`}>
          <span className={`cd-sev cd-sev-${f.severity}`}>{SEVERITY_LABEL[f.severity]}</span>{' '}
          <strong>{f.message}</strong>
          <div className="muted">{f.explanation}</div>
        </li>
      ))}
    </ul>
  );
}
