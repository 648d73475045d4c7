import { certStatus, daysLeftShown, dueLater } from './expiry';
import { parseInstant } from './instant';
import { sanLabel } from './san-text';
import type { CertStatus, CertSummary, ExpiryThresholds, Profile } from './types';

/** Filters the inventory list understands; every field is optional and they combine with AND. */
export interface InventoryFilter {
  /** free text: CN, any SAN value, serial (hex, colons ignored) or SHA-256 fingerprint prefix */
  text?: string;
  statuses?: readonly CertStatus[];
  /** true: only certificates due later (expiry.ts dueLater: valid, Warning ≤ days left < Notice) */
  dueLater?: boolean;
  kind?: 'ca' | 'leaf';
  /** profiles CertDesk issued under; a tracked certificate (issued elsewhere) has none, so never matches */
  profiles?: readonly Profile[];
  /** true: only tracked certificates; false: only the vault's own; absent: both */
  tracked?: boolean;
  /** only certificates issued by this CA id */
  issuerId?: string;
}

export const SORT_KEYS = [
  'cn',
  'notAfter',
  'daysLeft',
  'status',
  'issuer',
  'profile',
  'createdAt',
  'serial',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface InventorySort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

const HEX_SEPARATORS = /[\s:]/g;
/** Sort rank of each status: the most urgent first. */
export const STATUS_ORDER: Record<CertStatus, number> = {
  invalid: 0,
  expired: 1,
  expiring: 2,
  'not-yet-valid': 3,
  valid: 4,
  renewed: 5,
  revoked: 6,
};

function normaliseHex(s: string): string {
  return s.replace(HEX_SEPARATORS, '').toLowerCase();
}

/**
 * A search text, prepared once: `q` trimmed and lower-cased; `hex` the same without colons and spaces when it
 * can name a serial or fingerprint (two or more hex digits), else null. `null` as a whole: matches everything.
 */
export interface TextQuery {
  q: string;
  hex: string | null;
}

export function textQuery(text: string): TextQuery | null {
  const q = text.trim().toLowerCase();
  if (!q) return null;
  const hex = normaliseHex(q);
  return { q, hex: hex.length >= 2 && /^[0-9a-f]+$/.test(hex) ? hex : null };
}

/**
 * What the text search looks at in one certificate, lower-cased once. CN and SAN values are joined with NUL,
 * so a query without NUL matches the join exactly when it matches one of them; `parts` is kept only for the
 * (hostile) certificate whose CN or SAN itself contains NUL.
 */
export interface TextSearchKey {
  text: string;
  parts?: readonly string[];
  serial: string;
  sha256: string;
}

const KEY_SEPARATOR = '\u0000';

export function textSearchKey(cert: Pick<CertSummary, 'cn' | 'sans' | 'serial' | 'sha256'>): TextSearchKey {
  const parts = [cert.cn.toLowerCase(), ...cert.sans.map((s) => s.value.toLowerCase())];
  const text = parts.join(KEY_SEPARATOR);
  const key: TextSearchKey = { text, serial: normaliseHex(cert.serial), sha256: normaliseHex(cert.sha256) };
  if (parts.some((p) => p.includes(KEY_SEPARATOR))) key.parts = parts;
  return key;
}

export function matchesTextKey(key: TextSearchKey, query: TextQuery): boolean {
  const { q, hex } = query;
  if (q.includes(KEY_SEPARATOR) ? (key.parts?.some((p) => p.includes(q)) ?? false) : key.text.includes(q))
    return true;
  return hex !== null && (key.serial.includes(hex) || key.sha256.startsWith(hex));
}

/**
 * True when every certificate matching `next` also matches `prev`, so `next` may be searched within `prev`'s
 * results: `next` extends `prev` at the end (a substring of a serial, a fingerprint prefix and a CN or SAN
 * substring all stay matched by the shorter query), and `prev` was already a hex query if `next` is one.
 */
export function narrowsQuery(prev: TextQuery | null, next: TextQuery | null): boolean {
  if (prev === null) return true;
  if (next === null) return false;
  return next.q.startsWith(prev.q) && (prev.hex !== null || next.hex === null);
}

/**
 * Case-insensitive text match over the fields an operator searches by. Serial and fingerprint match after
 * removing colons, so `0a:1b` finds serial `0a1b…` and a pasted openssl fingerprint finds its certificate.
 */
export function matchesText(cert: CertSummary, text: string): boolean {
  const query = textQuery(text);
  return query === null || matchesTextKey(textSearchKey(cert), query);
}

/** The non-text filters (kind, issuer, profile, tracked, status, due later) as one predicate; the text is ignored. */
export function inventoryPredicate(
  filter: InventoryFilter,
  now: Date,
  thresholds: ExpiryThresholds,
): (c: CertSummary) => boolean {
  const statuses = filter.statuses && filter.statuses.length ? new Set(filter.statuses) : null;
  const profiles = filter.profiles && filter.profiles.length ? new Set(filter.profiles) : null;
  return (c) =>
    (!filter.kind || c.kind === filter.kind) &&
    (!filter.issuerId || c.issuerId === filter.issuerId) &&
    (!profiles || (!c.tracked && profiles.has(c.profile))) &&
    (filter.tracked === undefined || (c.tracked === true) === filter.tracked) &&
    (!statuses || statuses.has(certStatus(c, now, thresholds))) &&
    (!filter.dueLater || dueLater(c, now, thresholds));
}

export function filterInventory(
  list: readonly CertSummary[],
  filter: InventoryFilter,
  now: Date,
  thresholds: ExpiryThresholds,
): CertSummary[] {
  const keep = inventoryPredicate(filter, now, thresholds);
  return list.filter((c) => keep(c) && (!filter.text || matchesText(c, filter.text)));
}

function compareBy(
  key: SortKey,
  now: Date,
  thresholds: ExpiryThresholds,
): (a: CertSummary, b: CertSummary) => number {
  switch (key) {
    case 'cn':
      return (a, b) => a.cn.localeCompare(b.cn);
    case 'issuer':
      return (a, b) => a.issuer.localeCompare(b.issuer);
    case 'profile':
      return (a, b) => a.profile.localeCompare(b.profile);
    case 'serial':
      return (a, b) => normaliseHex(a.serial).localeCompare(normaliseHex(b.serial));
    case 'createdAt':
      return (a, b) => parseInstant(a.createdAt) - parseInstant(b.createdAt);
    case 'notAfter':
      return (a, b) => parseInstant(a.notAfter) - parseInstant(b.notAfter);
    case 'daysLeft':
      return (a, b) => daysLeftShown(a, now) - daysLeftShown(b, now);
    case 'status':
      return (a, b) =>
        STATUS_ORDER[certStatus(a, now, thresholds)] - STATUS_ORDER[certStatus(b, now, thresholds)];
  }
}

/** Stable sort (ties keep CN order then id order), returning a new array. */
export function sortInventory(
  list: readonly CertSummary[],
  sort: InventorySort,
  now: Date,
  thresholds: ExpiryThresholds,
): CertSummary[] {
  return [...list].sort(inventoryComparator(sort, now, thresholds));
}

/** The inventory order as a comparator: the sort key in its direction, ties by CN, then id. */
export function inventoryComparator(
  sort: InventorySort,
  now: Date,
  thresholds: ExpiryThresholds,
): (a: CertSummary, b: CertSummary) => number {
  const cmp = compareBy(sort.key, now, thresholds);
  const sign = sort.dir === 'desc' ? -1 : 1;
  return (a, b) => sign * cmp(a, b) || a.cn.localeCompare(b.cn) || a.id.localeCompare(b.id);
}

export function queryInventory(
  list: readonly CertSummary[],
  filter: InventoryFilter,
  sort: InventorySort,
  now: Date,
  thresholds: ExpiryThresholds,
): CertSummary[] {
  return sortInventory(filterInventory(list, filter, now, thresholds), sort, now, thresholds);
}

/** The vault's authorities: a tracked CA certificate (issued elsewhere, watched for expiry) is not one. */
export function isAuthority(c: Pick<CertSummary, 'kind' | 'tracked'>): boolean {
  return c.kind === 'ca' && !c.tracked;
}

/** Every status at zero: what a count over no certificates says. */
export function zeroStatusCounts(): Record<CertStatus, number> {
  return { valid: 0, expiring: 0, expired: 0, revoked: 0, 'not-yet-valid': 0, invalid: 0, renewed: 0 };
}

export function countByStatus(
  list: readonly CertSummary[],
  now: Date,
  thresholds: ExpiryThresholds,
): Record<CertStatus, number> {
  const counts = zeroStatusCounts();
  for (const c of list) counts[certStatus(c, now, thresholds)]++;
  return counts;
}

/** Short SAN summary for a list row: first entries, then "+N more". */
export function sanSummary(cert: Pick<CertSummary, 'sans'>, max = 2): string {
  // With its type (DNS:, IP:, …): a DNS name made of digits must not read as an IP address.
  const shown = cert.sans.slice(0, max).map(sanLabel);
  const rest = cert.sans.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} +${rest} more` : shown.join(', ');
}
