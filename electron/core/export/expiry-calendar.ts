/** iCalendar (RFC 5545) reminders for certificate renewals, written with the maintained `ics` library. */
import { createEvents, type EventAttributes } from 'ics';
import type { CertSummary } from '../../../shared/domain/types';
import { AppError } from '../../../shared/ipc/error-codes';

const DAY_MS = 86_400_000;

export interface ExpiryCalendarOptions {
  /** days before notAfter the renewal event is placed. Default 30. */
  leadDays?: number;
  now: Date;
}

/**
 * One event per certificate at notAfter minus the lead time, with a reminder. The UID is derived from the
 * certificate's fingerprint only, so importing a newer export updates the events instead of adding copies.
 */
export function expiryCalendar(certs: readonly CertSummary[], opts: ExpiryCalendarOptions): string {
  const lead = opts.leadDays ?? 30;
  const events: EventAttributes[] = certs.map((c) => {
    const due = Math.max(Date.parse(c.notAfter) - lead * DAY_MS, opts.now.getTime());
    return {
      uid: `${c.sha256.replace(/:/g, '').toLowerCase()}@certdesk`,
      start: Math.floor(due / 1000) * 1000,
      startInputType: 'utc',
      startOutputType: 'utc',
      duration: { hours: 1 },
      title: `Renew ${c.kind === 'ca' ? 'CA ' : ''}${c.cn}`,
      description: `${c.cn} (serial ${c.serial}, issuer ${c.issuer}) expires ${c.notAfter}. Renew it: certdesk renew ${c.id}`,
      categories: ['CertDesk'],
      alarms: [{ action: 'display', description: `Renew ${c.cn}`, trigger: { hours: 24, before: true } }],
    };
  });
  if (events.length === 0) return 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:certdesk\r\nEND:VCALENDAR\r\n';
  const r = createEvents(events);
  if (r.error || !r.value) throw new AppError('INTERNAL', `Cannot build the calendar: ${String(r.error)}`);
  return r.value;
}
