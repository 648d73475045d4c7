import type { LintFinding } from '../../../shared/domain/types';

const ORDER = { error: 0, warning: 1, info: 2 } as const;
const SEVERITY_LABEL = { error: 'Error', warning: 'Warning', info: 'Note' } as const;

export interface LintFindingsProps {
  findings: readonly LintFinding[];
  /** what to say when there is nothing to report */
  empty?: string;
}

/**
 * Lint findings, errors first: the one list the review step, the issue result and the certificate details
 * show, so a finding reads the same wherever it appears.
 */
export function LintFindings({
  findings,
  empty = 'No lint findings.',
}: LintFindingsProps): React.JSX.Element {
  if (findings.length === 0) return <p className="muted">{empty}</p>;
  const sorted = [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  return (
    <ul className="lint-list" aria-label="Lint findings">
      {sorted.map((f) => (
        <li key={f.id}>
          <span className={`sev sev-${f.severity}`}>{SEVERITY_LABEL[f.severity]}</span>{' '}
          <strong>{f.message}</strong>
          <div className="muted">{f.explanation}</div>
        </li>
      ))}
    </ul>
  );
}
