/**
 * Everything the dashboard derives from the certificate list, in one pass that parses each certificate's dates
 * once: at 100,000 certificates, separate passes for the cards, the expiring list and the timeline parsed the
 * same ISO dates five or six times per certificate, and the dashboard waited for all of them.
 */
import { certStatusAt, daysLeftAt, expiryUrgencyAt, type ExpiryUrgency } from '../../../shared/domain/expiry';
import { parseInstant } from '../../../shared/domain/instant';
import { zeroStatusCounts } from '../../../shared/domain/inventory-query';
import type { CertStatus, CertSummary, ExpiryThresholds } from '../../../shared/domain/types';
import { isAuthority } from './selectors';

export interface ExpiringItem {
  cert: CertSummary;
  daysLeft: number;
  urgency: Exclude<ExpiryUrgency, 'ok' | 'notice'>;
}

export interface TimelineMonth {
  /** e.g. "2027-03" */
  key: string;
  /** e.g. "Mar 2027" */
  label: string;
  /** count per issuing CA id ("external" for certificates whose issuer is not in the vault) */
  byCa: Record<string, number>;
  total: number;
}

export interface Timeline {
  months: TimelineMonth[];
  /** CAs that have at least one expiration in the window, in a stable order */
  cas: { id: string; cn: string }[];
  max: number;
}

export interface DashboardSummary {
  /** the status cards: every certificate counted under its certStatus */
  counts: Record<CertStatus, number>;
  /**
   * "Expiring soon": the certificates the Expiring and Expired cards count (the same thresholds, so list and
   * cards agree), soonest first. Revoked and renewed certificates need no action and have their own cards.
   */
  expiring: ExpiringItem[];
  /**
   * Expirations over the next 12 calendar months (UTC, starting with the current month), grouped by issuing
   * CA. A CA's own expiry counts under its issuer (a root under itself). Revoked, renewed and already-expired
   * certificates are left out: they need no renewal planning.
   */
  timeline: Timeline;
  /** the vault's authorities (isAuthority), in list order: what the CA health table shows */
  authorities: CertSummary[];
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const EXTERNAL_CA = 'external';
/** Calendar months the expiry timeline covers, the current one first. */
export const TIMELINE_MONTHS = 12;

/** The timeline's months and where each one starts (epoch ms; one more entry for the end of the last). */
function timelineMonths(now: Date): { months: TimelineMonth[]; starts: number[] } {
  const y0 = now.getUTCFullYear();
  const m0 = now.getUTCMonth();
  const months = Array.from({ length: TIMELINE_MONTHS }, (_, i) => {
    const y = y0 + Math.floor((m0 + i) / 12);
    const m = (m0 + i) % 12;
    return { key: `${y}-${String(m + 1).padStart(2, '0')}`, label: `${MONTHS[m]} ${y}`, byCa: {}, total: 0 };
  });
  const starts = Array.from({ length: TIMELINE_MONTHS + 1 }, (_, i) => Date.UTC(y0, m0 + i, 1));
  return { months, starts };
}

/** The month of `ms` among `starts` (ms inside the window), by bisection instead of a Date per certificate. */
function monthIndex(starts: readonly number[], ms: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (ms >= starts[mid]!) lo = mid;
    else hi = mid;
  }
  return lo;
}

export function dashboardSummary(
  certs: readonly CertSummary[],
  now: Date,
  t: ExpiryThresholds,
): DashboardSummary {
  const nowMs = now.getTime();
  const counts = zeroStatusCounts();
  const expiring: { item: ExpiringItem; notAfterMs: number }[] = [];
  const { months, starts } = timelineMonths(now);
  const endMs = starts[TIMELINE_MONTHS]!;
  const caCn = new Map<string, string>();
  /** each CA id in the timeline, with the issuer DN of its first certificate (named when it is not in the vault) */
  const timelineCas = new Map<string, string>();
  const authorities: CertSummary[] = [];

  for (const cert of certs) {
    if (cert.kind === 'ca') {
      caCn.set(cert.id, cert.cn);
      if (isAuthority(cert)) authorities.push(cert);
    }
    const notAfterMs = parseInstant(cert.notAfter);
    const status = certStatusAt(cert, parseInstant(cert.notBefore), notAfterMs, nowMs, t);
    counts[status]++;
    // Revoked certificates need no planning, and a renewed one's successor is what does: neither is listed.
    if (status === 'revoked' || status === 'renewed') continue;
    if (status === 'expiring' || status === 'expired') {
      const urgency = expiryUrgencyAt(notAfterMs, nowMs, t);
      if (urgency !== 'ok' && urgency !== 'notice')
        expiring.push({ item: { cert, daysLeft: daysLeftAt(notAfterMs, nowMs), urgency }, notAfterMs });
    }
    // The window starts with the current month, so anything after now and before its end is inside it.
    if (notAfterMs <= nowMs || !(notAfterMs < endMs)) continue;
    const month = months[monthIndex(starts, notAfterMs)]!;
    const caId = cert.issuerId ?? (cert.kind === 'ca' ? cert.id : EXTERNAL_CA);
    month.byCa[caId] = (month.byCa[caId] ?? 0) + 1;
    month.total++;
    if (!timelineCas.has(caId)) timelineCas.set(caId, cert.issuer);
  }

  const cas = [...timelineCas]
    .map(([id, issuer]) => ({
      id,
      cn: caCn.get(id) ?? (id === EXTERNAL_CA ? 'External issuers' : issuer),
    }))
    .sort((a, b) => a.cn.localeCompare(b.cn));
  return {
    counts,
    expiring: expiring.sort((a, b) => a.notAfterMs - b.notAfterMs).map((e) => e.item),
    timeline: { months, cas, max: Math.max(0, ...months.map((m) => m.total)) },
    authorities,
  };
}
