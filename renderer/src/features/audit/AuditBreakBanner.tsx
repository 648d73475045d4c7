import type { AuditBreak } from '../../../../shared/domain/types';
import { DateTime } from '../../components';
import { WriteButton } from '../vault/WriteButton';

export interface AuditBreakBannerProps {
  /** unacknowledged breaks, oldest first */
  breaks: readonly AuditBreak[];
  /** the break being acknowledged (its button shows busy) */
  busyId: string | null;
  onAcknowledge: (id: string) => void;
}

/** What broke, where the log continues and when it was found, until the operator acknowledges each break. */
export function AuditBreakBanner({
  breaks,
  busyId,
  onAcknowledge,
}: AuditBreakBannerProps): React.JSX.Element {
  return (
    <>
      {breaks.map((b) => (
        <section key={b.id} className="alert alert-error break-banner" aria-labelledby={`${b.id}-title`}>
          <h3 id={`${b.id}-title`}>The audit chain is broken</h3>
          <p>
            Found <DateTime iso={b.at} />: {b.reason}
          </p>
          <p>
            Entries up to #{b.lastVerified.count} still verify; the log continues after it in a new segment.
            The damaged log is kept beside the vault as <code>{b.keptAs}</code>.
          </p>
          <p>
            Review the kept file, then acknowledge the break. The acknowledgement is recorded in the audit log
            and the break stays listed by a full verification (break {b.id}).
          </p>
          <WriteButton variant="danger" busy={busyId === b.id} onClick={() => onAcknowledge(b.id)}>
            Acknowledge…
          </WriteButton>
        </section>
      ))}
    </>
  );
}
