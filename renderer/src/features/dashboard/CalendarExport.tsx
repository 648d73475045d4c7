import { useState } from 'react';
import { Button } from '../../components';

export interface CalendarExportProps {
  /** exports with this lead time; resolves to an error message, or null when saved or cancelled */
  onExport: (leadDays: number) => Promise<string | null>;
}

/** Default renewal lead time: the reminder lands a month before notAfter. */
const DEFAULT_LEAD_DAYS = 30;

/**
 * "Export to calendar (.ics)…": one renewal event per certificate, placed the lead time before it expires, so
 * the team's calendar reminds whoever renews. The file goes where main's save dialog says.
 */
export function CalendarExport({ onExport }: CalendarExportProps): React.JSX.Element {
  const [lead, setLead] = useState(String(DEFAULT_LEAD_DAYS));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const days = Number(lead);
  const valid = /^\d{1,4}$/.test(lead.trim()) && days <= 3650;
  const run = async (): Promise<void> => {
    if (!valid) return;
    setBusy(true);
    setError(null);
    setError(await onExport(days));
    setBusy(false);
  };
  return (
    <div className="calendar-export" role="group" aria-label="Expiry calendar">
      <label className="inline-field">
        Renewal lead time (days)
        <input
          className="input"
          type="number"
          min={0}
          max={3650}
          value={lead}
          onChange={(e) => setLead(e.target.value)}
          aria-invalid={!valid}
        />
      </label>
      <Button busy={busy} disabled={!valid} onClick={() => void run()}>
        Export to calendar (.ics)…
      </Button>
      {!valid && (
        <p className="form-error" role="alert">
          The lead time is a whole number of days, 0 to 3650.
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
