export interface ProgressBarProps {
  /** Accessible name, e.g. "Issuing certificate". */
  label: string;
  /** Visible explanation under the bar. */
  children?: React.ReactNode;
}

/** Indeterminate progress: key generation has no measurable steps, so no aria-valuenow (WAI-ARIA progressbar). */
export function ProgressBar({ label, children }: ProgressBarProps): React.JSX.Element {
  return (
    <div className="cd-progress">
      <div className="cd-progress-track" role="progressbar" aria-label={label} aria-busy="true">
        <div className="cd-progress-bar" />
      </div>
      {children && <p className="muted cd-progress-text">{children}</p>}
    </div>
  );
}
