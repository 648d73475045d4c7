/**
 * Everything the dashboard shows about the certificates, in one pass that parses each certificate's dates once.
 * Main computes it (the `dashboard:summary` channel) so the page receives a few kilobytes instead of the whole
 * list: at 100,000 certificates, carrying every summary into the page took about a second on its own. Its size
 * is bounded by the screen, not by the vault: counts, the most urgent few, twelve months, the authorities.
 */
import { certStatusAt, daysLeftShownAt, dueLaterAt, expiryUrgencyAt } from './expiry';
import { parseInstant } from './instant';
import { isAuthority, zeroStatusCounts } from './inventory-query';
import type { CertStatus, CertSummary, ExpiryThresholds } from './types';

/** The urgency bands "Expiring soon" lists, the most urgent first. */
export const EXPIRING_URGENCIES = ['expired', 'critical', 'warning'] as const;
export type ExpiringUrgency = (typeof EXPIRING_URGENCIES)[number];

export interface ExpiringItem {
  cert: CertSummary;
  /** as the app shows days left (daysLeftShown) */
  daysLeft: number;
  urgency: ExpiringUrgency;
}

export interface TimelineMonth {
  /** e.g. "2027-03" */
  key: string;
  /**
   * e.g. "Mar 2027": a calendar month in UTC, so it does not depend on the time zone of the process that
   * computed it (main), and English like every other label of the app
   */
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
  /** how many certificates the vault holds */
  total: number;
  /** the status cards: every certificate counted under its certStatus */
  counts: Record<CertStatus, number>;
  /**
   * "Expiring soon": the certificates the Expiring and Expired cards count (the same thresholds, so list and
   * cards agree). Revoked and renewed certificates need no action and have their own cards.
   */
  expiring: {
    /** the most urgent ones, soonest first (at most the `expiringRows` asked for) */
    mostUrgent: ExpiringItem[];
    /** how many there are in each band, all of them: the group counts and "Show all N" */
    byUrgency: Record<ExpiringUrgency, number>;
    /**
     * The planning horizon beyond them: valid certificates with Warning ≤ days left < Notice (expiry.ts
     * dueLater, the rule the Certificates filter uses too). The Valid card counts them; none is listed.
     */
    later: number;
  };
  /**
   * Expirations over the next 12 calendar months (UTC, starting with the current month), grouped by issuing
   * CA. A CA's own expiry counts under its issuer (a root under itself). Revoked, renewed and already-expired
   * certificates are left out: they need no renewal planning.
   */
  timeline: Timeline;
  /** the vault's authorities (isAuthority), in list order: what the CA health table shows */
  authorities: CertSummary[];
}

/** Rows "Expiring soon" shows unless asked otherwise: the dashboard stays one screen high at any vault size. */
export const DEFAULT_EXPIRING_ROWS = 8;
/** The most rows `dashboard:summary` answers with, whatever a caller asks for. */
export const MAX_EXPIRING_ROWS = 100;

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

/**
 * Inserts `entry` into `top` (soonest first, at most `limit` long). Equal expiries keep list order, as the
 * stable sort of the whole list did.
 */
function keepMostUrgent(
  top: { item: ExpiringItem; notAfterMs: number }[],
  entry: { item: ExpiringItem; notAfterMs: number },
  limit: number,
): void {
  if (top.length === limit && !(entry.notAfterMs < top[limit - 1]!.notAfterMs)) return;
  let lo = 0;
  let hi = top.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (top[mid]!.notAfterMs <= entry.notAfterMs) lo = mid + 1;
    else hi = mid;
  }
  top.splice(lo, 0, entry);
  if (top.length > limit) top.pop();
}

/**
 * @param expiringRows how many of the most urgent certificates to list; default DEFAULT_EXPIRING_ROWS. The
 *   band counts always cover every one of them.
 */
export function dashboardSummary(
  certs: readonly CertSummary[],
  now: Date,
  t: ExpiryThresholds,
  expiringRows: number = DEFAULT_EXPIRING_ROWS,
): DashboardSummary {
  const nowMs = now.getTime();
  const counts = zeroStatusCounts();
  const mostUrgent: { item: ExpiringItem; notAfterMs: number }[] = [];
  const byUrgency: Record<ExpiringUrgency, number> = { expired: 0, critical: 0, warning: 0 };
  let later = 0;
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
    if (dueLaterAt(status, notAfterMs, nowMs, t)) later++;
    // Revoked certificates need no planning, and a renewed one's successor is what does: neither is listed.
    if (status === 'revoked' || status === 'renewed') continue;
    if (status === 'expiring' || status === 'expired') {
      const urgency = expiryUrgencyAt(notAfterMs, nowMs, t);
      if (urgency !== 'ok' && urgency !== 'notice') {
        byUrgency[urgency]++;
        if (expiringRows > 0)
          keepMostUrgent(
            mostUrgent,
            { item: { cert, daysLeft: daysLeftShownAt(notAfterMs, nowMs), urgency }, notAfterMs },
            expiringRows,
          );
      }
    }
    // The window starts with the current month, so anything after now and before its end is inside it. A
    // notAfter that is no fact (timeUnreadable) plans nothing.
    if (cert.timeUnreadable || notAfterMs <= nowMs || !(notAfterMs < endMs)) continue;
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
    total: certs.length,
    counts,
    expiring: { mostUrgent: mostUrgent.map((e) => e.item), byUrgency, later },
    timeline: { months, cas, max: Math.max(0, ...months.map((m) => m.total)) },
    authorities,
  };
}
