import type { BatchProgress } from '../../../../shared/domain/types';
import { progressPercent } from './batch-model';

export interface BatchProgressBarProps {
  progress: BatchProgress | null;
  /** rows that will be issued, known before the first progress event */
  expected: number;
}

/** Determinate progress from `batch:progress` events: aria-valuenow is certificates processed so far. */
export function BatchProgressBar({ progress, expected }: BatchProgressBarProps): React.JSX.Element {
  const total = progress?.total ?? expected;
  const done = progress?.done ?? 0;
  return (
    <div className="batch-progress">
      <div
        className="batch-progress-track"
        role="progressbar"
        aria-label="Issuing batch"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={`${done} of ${total} certificates`}
      >
        <div className="batch-progress-bar" style={{ width: `${progressPercent({ done, total })}%` }} />
      </div>
      <p className="muted" aria-live="polite">
        {done} of {total} certificates processed
      </p>
    </div>
  );
}
