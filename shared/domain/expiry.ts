import { parseInstant } from './instant';
import type { CertStatus, CertSummary, ExpiryThresholds } from './types';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** smallstep renews once two thirds of the lifetime is used; we hint at the same point. */
export const RENEW_AT_LIFETIME_FRACTION = 2 / 3;

type Dated = Pick<CertSummary, 'notBefore' | 'notAfter'>;
type Classifiable = Dated & Pick<CertSummary, 'revoked' | 'invalidReason' | 'replacedBy' | 'timeUnreadable'>;

/**
 * Whole days until notAfter, rounded down (a certificate expiring in 23 h has 0 days left);
 * negative once expired (-1 the day after).
 */
export function daysLeft(cert: Pick<CertSummary, 'notAfter'>, now: Date): number {
  return daysLeftAt(parseInstant(cert.notAfter), now.getTime());
}

/** daysLeft on a notAfter already parsed to epoch milliseconds (a list parses each date once). */
export function daysLeftAt(notAfterMs: number, nowMs: number): number {
  return Math.floor((notAfterMs - nowMs) / DAY_MS);
}

/**
 * Days left as the app shows them: the time left rounded up to the whole minute, then counted in whole days as
 * daysLeft does. The page judges what main sends against its clock read when the data arrives, moments after
 * a certificate was made; counted to the millisecond, a certificate issued for 200 days would read 199 from
 * then on (its notAfter is cut to whole seconds, and time has passed since). To the minute, it reads 200 in
 * the minute it was made. The CLI keeps daysLeft's exact count: its --json output is a contract.
 */
export function daysLeftShown(cert: Pick<CertSummary, 'notAfter'>, now: Date): number {
  return daysLeftShownAt(parseInstant(cert.notAfter), now.getTime());
}

/** daysLeftShown on a notAfter already parsed to epoch milliseconds. */
export function daysLeftShownAt(notAfterMs: number, nowMs: number): number {
  const minutesLeft = Math.ceil((notAfterMs - nowMs) / MINUTE_MS);
  // + 0 turns the -0 of the minute a certificate expires into 0
  return Math.floor((minutesLeft * MINUTE_MS) / DAY_MS) + 0;
}

/** Fraction of the validity period already elapsed, clamped to [0, 1]. */
export function lifetimeUsed(cert: Dated, now: Date): number {
  const start = parseInstant(cert.notBefore);
  const end = parseInstant(cert.notAfter);
  if (!(end > start)) return 1;
  const f = (now.getTime() - start) / (end - start);
  return Math.min(1, Math.max(0, f));
}

/**
 * Status pill for a certificate. Revocation wins over dates, dates over a failing chain (`invalidReason`,
 * e.g. a revoked issuer), except dates that are no facts (`timeUnreadable`); a certificate is "expiring" when
 * fewer than `thresholds.warning` whole days remain.
 */
export function certStatus(cert: Classifiable, now: Date, thresholds: ExpiryThresholds): CertStatus {
  if (cert.revoked) return 'revoked';
  if (cert.replacedBy) return 'renewed';
  return certStatusAt(
    cert,
    parseInstant(cert.notBefore),
    parseInstant(cert.notAfter),
    now.getTime(),
    thresholds,
  );
}

/** certStatus on validity dates already parsed to epoch milliseconds (a list parses each date once). */
export function certStatusAt(
  cert: Pick<CertSummary, 'revoked' | 'invalidReason' | 'replacedBy' | 'timeUnreadable'>,
  notBeforeMs: number,
  notAfterMs: number,
  nowMs: number,
  thresholds: ExpiryThresholds,
): CertStatus {
  if (cert.revoked) return 'revoked';
  if (cert.replacedBy) return 'renewed';
  if (cert.timeUnreadable) return 'invalid';
  if (nowMs < notBeforeMs) return 'not-yet-valid';
  if (nowMs >= notAfterMs) return 'expired';
  if (cert.invalidReason !== undefined) return 'invalid';
  if (daysLeftAt(notAfterMs, nowMs) < thresholds.warning) return 'expiring';
  return 'valid';
}

export type ExpiryUrgency = 'expired' | 'critical' | 'warning' | 'notice' | 'ok';

/** Colour band for the dashboard: critical (red), warning (amber), notice (listed), ok. */
export function expiryUrgency(cert: Dated, now: Date, thresholds: ExpiryThresholds): ExpiryUrgency {
  return expiryUrgencyAt(parseInstant(cert.notAfter), now.getTime(), thresholds);
}

/** expiryUrgency on a notAfter already parsed to epoch milliseconds. */
export function expiryUrgencyAt(
  notAfterMs: number,
  nowMs: number,
  thresholds: ExpiryThresholds,
): ExpiryUrgency {
  if (nowMs >= notAfterMs) return 'expired';
  const d = daysLeftAt(notAfterMs, nowMs);
  if (d < thresholds.critical) return 'critical';
  if (d < thresholds.warning) return 'warning';
  if (d < thresholds.notice) return 'notice';
  return 'ok';
}

/**
 * Due later: a valid certificate (not revoked, renewed, expired, expiring, invalid or not yet valid) whose days
 * left reach the notice threshold but not the warning one (Warning ≤ days left < Notice) — the planning horizon
 * beyond "expiring". One rule for the dashboard's count (main) and the Certificates filter (the page), so the
 * number shown and the rows listed agree.
 */
export function dueLater(cert: Classifiable, now: Date, thresholds: ExpiryThresholds): boolean {
  return dueLaterAt(
    certStatus(cert, now, thresholds),
    parseInstant(cert.notAfter),
    now.getTime(),
    thresholds,
  );
}

/** dueLater on a status already derived and a notAfter already parsed to epoch milliseconds. */
export function dueLaterAt(
  status: CertStatus,
  notAfterMs: number,
  nowMs: number,
  thresholds: ExpiryThresholds,
): boolean {
  return status === 'valid' && expiryUrgencyAt(notAfterMs, nowMs, thresholds) === 'notice';
}

/** Renew hint: by lifetime used (smallstep's 66 %) or by entering the warning window, whichever comes first. */
export function shouldRenew(cert: Classifiable, now: Date, thresholds: ExpiryThresholds): boolean {
  if (cert.revoked) return false;
  return lifetimeUsed(cert, now) >= RENEW_AT_LIFETIME_FRACTION || daysLeft(cert, now) < thresholds.warning;
}

/** True when notAfter falls inside [now, now + days] or already passed (used by `certdesk expiring`). */
export function expiresWithin(cert: Pick<CertSummary, 'notAfter'>, now: Date, days: number): boolean {
  return parseInstant(cert.notAfter) <= now.getTime() + days * DAY_MS;
}

/**
 * Certificates someone still has to renew: not revoked, not already replaced by a successor, and with a
 * notAfter that is a fact (not `timeUnreadable`: such a certificate is invalid now, whatever its stored date
 * says). What the `expiring` list and the expiry calendar are made of.
 */
export function awaitsRenewal(cert: Pick<CertSummary, 'revoked' | 'replacedBy' | 'timeUnreadable'>): boolean {
  return !cert.revoked && !cert.replacedBy && !cert.timeUnreadable;
}
