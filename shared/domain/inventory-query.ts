import { certStatus, daysLeft } from './expiry';
import { sanLabel } from './san-text';
import type { CertStatus, CertSummary, ExpiryThresholds, Profile } from './types';

/** Filters the inventory list understands; every field is optional and they combine with AND. */
export interface InventoryFilter {
  /** free text: CN, any SAN value, serial (hex, colons ignored) or SHA-256 fingerprint prefix */
  text?: string;
  statuses?: readonly CertStatus[];
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
const STATUS_ORDER: Record<CertStatus, number> = {
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
 * Case-insensitive text match over the fields an operator searches by. Serial and fingerprint match after
 * removing colons, so `0a:1b` finds serial `0a1b…` and a pasted openssl fingerprint finds its certificate.
 */
export function matchesText(cert: CertSummary, text: string): boolean {
  const q = text.trim().toLowerCase();
  if (!q) return true;
  if (cert.cn.toLowerCase().includes(q)) return true;
  if (cert.sans.some((s) => s.value.toLowerCase().includes(q))) return true;
  const hex = normaliseHex(q);
  if (hex.length >= 2 && /^[0-9a-f]+$/.test(hex)) {
    if (normaliseHex(cert.serial).includes(hex)) return true;
    if (normaliseHex(cert.sha256).startsWith(hex)) return true;
  }
  return false;
}

export function filterInventory(
  list: readonly CertSummary[],
  filter: InventoryFilter,
  now: Date,
  thresholds: ExpiryThresholds,
): CertSummary[] {
  const statuses = filter.statuses && filter.statuses.length ? new Set(filter.statuses) : null;
  const profiles = filter.profiles && filter.profiles.length ? new Set(filter.profiles) : null;
  return list.filter(
    (c) =>
      (!filter.kind || c.kind === filter.kind) &&
      (!filter.issuerId || c.issuerId === filter.issuerId) &&
      (!profiles || (!c.tracked && profiles.has(c.profile))) &&
      (filter.tracked === undefined || (c.tracked === true) === filter.tracked) &&
      (!statuses || statuses.has(certStatus(c, now, thresholds))) &&
      (!filter.text || matchesText(c, filter.text)),
  );
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
      return (a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt);
    case 'notAfter':
      return (a, b) => Date.parse(a.notAfter) - Date.parse(b.notAfter);
    case 'daysLeft':
      return (a, b) => daysLeft(a, now) - daysLeft(b, now);
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
  const cmp = compareBy(sort.key, now, thresholds);
  const sign = sort.dir === 'desc' ? -1 : 1;
  return [...list].sort((a, b) => sign * cmp(a, b) || a.cn.localeCompare(b.cn) || a.id.localeCompare(b.id));
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

export function countByStatus(
  list: readonly CertSummary[],
  now: Date,
  thresholds: ExpiryThresholds,
): Record<CertStatus, number> {
  const counts: Record<CertStatus, number> = {
    valid: 0,
    expiring: 0,
    expired: 0,
    revoked: 0,
    'not-yet-valid': 0,
    invalid: 0,
    renewed: 0,
  };
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
