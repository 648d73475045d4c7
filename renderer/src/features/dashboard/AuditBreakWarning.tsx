import type { AuditBreak } from '../../../../shared/domain/types';
import { Button, DateTime } from '../../components';

/** The dashboard's pointer to unacknowledged audit chain breaks; the details and the action live on the Audit page. */
export function AuditBreakWarning({
  breaks,
  onReview,
}: {
  breaks: readonly AuditBreak[];
  onReview: () => void;
}): React.JSX.Element {
  const first = breaks[0];
  return (
    <section className="alert alert-warn break-warning" aria-labelledby="break-warning-title">
      <h3 id="break-warning-title">Audit log needs review</h3>
      <p>
        {breaks.length === 1
          ? 'The audit chain was found broken'
          : `${breaks.length} audit chain breaks are unacknowledged; the first was found`}
        {first && (
          <>
            {' '}
            <DateTime iso={first.at} />
          </>
        )}
        . Entries may have been removed or changed outside CertDesk.
      </p>
      <Button onClick={onReview}>Review in the audit log</Button>
    </section>
  );
}
