/**
 * Derived data for pages: pure functions of cached state, called inside useMemo so a 10,000-row list is
 * derived once per change of its inputs, never per row or per render.
 */
import { certStatus, daysLeft, expiryUrgency, type ExpiryUrgency } from '../../../shared/domain/expiry';
import { countByStatus, type InventoryFilter } from '../../../shared/domain/inventory-query';
import type { CertStatus, CertSummary, CrlInfo, ExpiryThresholds } from '../../../shared/domain/types';
import { inventorySearch } from './inventory-search';
import type { InventoryView } from './ui-slice';

const DAY_MS = 86_400_000;

export function statusCounts(
  certs: readonly CertSummary[],
  now: Date,
  t: ExpiryThresholds,
): Record<CertStatus, number> {
  return countByStatus(certs, now, t);
}

export function inventoryFilter(view: InventoryView): InventoryFilter {
  return {
    text: view.text || undefined,
    statuses: view.status ? [view.status] : undefined,
    issuerId: view.issuerId || undefined,
    profiles: view.profile && view.profile !== 'tracked' ? [view.profile] : undefined,
    tracked: view.profile === 'tracked' ? true : undefined,
  };
}

/**
 * The Certificates list: exactly inventory-query's queryInventory, derived through the list's InventorySearch
 * (search keys built once, a longer query refined from the previous matches, the full order sorted once).
 */
export function inventoryRows(
  certs: readonly CertSummary[],
  view: InventoryView,
  now: Date,
  t: ExpiryThresholds,
): CertSummary[] {
  return inventorySearch(certs).rows(inventoryFilter(view), view.sort, now, t);
}

export interface ExpiringItem {
  cert: CertSummary;
  daysLeft: number;
  urgency: Exclude<ExpiryUrgency, 'ok' | 'notice'>;
}

/**
 * The dashboard's "expiring soon" list: the certificates whose status card is Expiring or Expired (the same
 * thresholds, so list and cards agree), soonest first. Revoked certificates and ones already renewed
 * (replacedBy) need no action, so they are left out.
 */
export function expiringSoon(certs: readonly CertSummary[], now: Date, t: ExpiryThresholds): ExpiringItem[] {
  const out: ExpiringItem[] = [];
  for (const cert of certs) {
    if (cert.revoked || cert.replacedBy) continue;
    const status = certStatus(cert, now, t);
    if (status !== 'expiring' && status !== 'expired') continue;
    const urgency = expiryUrgency(cert, now, t);
    if (urgency === 'ok' || urgency === 'notice') continue;
    out.push({ cert, daysLeft: daysLeft(cert, now), urgency });
  }
  return out.sort((a, b) => Date.parse(a.cert.notAfter) - Date.parse(b.cert.notAfter));
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

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const EXTERNAL_CA = 'external';

/**
 * Expirations over the next `count` calendar months (UTC, starting with the current month), grouped by
 * issuing CA. A CA's own expiry counts under its issuer (a root under itself). Revoked, renewed and
 * already-expired certificates are left out: they need no renewal planning.
 */
export function expiryTimeline(certs: readonly CertSummary[], now: Date, count = 12): Timeline {
  const y0 = now.getUTCFullYear();
  const m0 = now.getUTCMonth();
  const months: TimelineMonth[] = Array.from({ length: count }, (_, i) => {
    const y = y0 + Math.floor((m0 + i) / 12);
    const m = (m0 + i) % 12;
    return { key: `${y}-${String(m + 1).padStart(2, '0')}`, label: `${MONTHS[m]} ${y}`, byCa: {}, total: 0 };
  });
  const cnById = new Map(certs.filter((c) => c.kind === 'ca').map((c) => [c.id, c.cn]));
  const used = new Map<string, string>();
  for (const cert of certs) {
    // A renewed certificate's successor is what needs planning, so only the successor is counted.
    if (cert.revoked || cert.replacedBy) continue;
    const end = new Date(cert.notAfter);
    if (end.getTime() <= now.getTime()) continue;
    const index = (end.getUTCFullYear() - y0) * 12 + (end.getUTCMonth() - m0);
    const month = months[index];
    if (!month) continue;
    const caId = cert.issuerId ?? (cert.kind === 'ca' ? cert.id : EXTERNAL_CA);
    month.byCa[caId] = (month.byCa[caId] ?? 0) + 1;
    month.total++;
    if (!used.has(caId))
      used.set(caId, cnById.get(caId) ?? (caId === EXTERNAL_CA ? 'External issuers' : cert.issuer));
  }
  const cas = [...used].map(([id, cn]) => ({ id, cn })).sort((a, b) => a.cn.localeCompare(b.cn));
  return { months, cas, max: Math.max(0, ...months.map((m) => m.total)) };
}

export type CrlHealth = 'none' | 'ok' | 'due-soon' | 'overdue';

export interface CaHealthRow {
  ca: CertSummary;
  status: CertStatus;
  daysLeft: number;
  crl: CrlInfo | null;
  crlHealth: CrlHealth;
  /** days until the CRL's nextUpdate (negative when overdue) */
  crlDaysLeft: number | null;
}

/** A CRL is "due soon" inside this many days of its nextUpdate: time to publish the next one. */
export const CRL_DUE_SOON_DAYS = 2;

/** The vault's authorities: a tracked CA certificate (issued elsewhere, watched for expiry) is not one. */
export function isAuthority(c: CertSummary): boolean {
  return c.kind === 'ca' && !c.tracked;
}

export function caHealth(
  certs: readonly CertSummary[],
  crls: Readonly<Record<string, CrlInfo | null>>,
  now: Date,
  t: ExpiryThresholds,
): CaHealthRow[] {
  return certs
    .filter(isAuthority)
    .map((ca) => {
      const crl = crls[ca.id] ?? null;
      const crlDaysLeft = crl ? Math.floor((Date.parse(crl.nextUpdate) - now.getTime()) / DAY_MS) : null;
      let crlHealth: CrlHealth = 'none';
      if (crl) {
        if (Date.parse(crl.nextUpdate) <= now.getTime()) crlHealth = 'overdue';
        else if ((crlDaysLeft ?? 0) < CRL_DUE_SOON_DAYS) crlHealth = 'due-soon';
        else crlHealth = 'ok';
      }
      return { ca, status: certStatus(ca, now, t), daysLeft: daysLeft(ca, now), crl, crlHealth, crlDaysLeft };
    })
    .sort((a, b) => Date.parse(a.ca.notAfter) - Date.parse(b.ca.notAfter));
}

export interface TreeNode {
  cert: CertSummary;
  children: TreeNode[];
}

/**
 * Hierarchy by issuer: roots (and certificates whose issuer is not in the vault) at the top, each CA's
 * issued certificates under it, CAs before leaves, then by CN.
 */
export function hierarchy(certs: readonly CertSummary[]): TreeNode[] {
  const nodes = new Map(certs.map((c) => [c.id, { cert: c, children: [] as TreeNode[] }]));
  const roots: TreeNode[] = [];
  for (const node of nodes.values()) {
    const parent =
      node.cert.issuerId && node.cert.issuerId !== node.cert.id ? nodes.get(node.cert.issuerId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const order = (a: TreeNode, b: TreeNode): number =>
    (a.cert.kind === b.cert.kind ? 0 : a.cert.kind === 'ca' ? -1 : 1) || a.cert.cn.localeCompare(b.cert.cn);
  const sortDeep = (list: TreeNode[]): TreeNode[] => {
    list.sort(order);
    for (const n of list) sortDeep(n.children);
    return list;
  };
  return sortDeep(roots);
}

/** Issuer choices for the inventory filter: every CA in the vault, by CN. */
export function issuerOptions(certs: readonly CertSummary[]): { id: string; cn: string }[] {
  return certs
    .filter(isAuthority)
    .map((c) => ({ id: c.id, cn: c.cn }))
    .sort((a, b) => a.cn.localeCompare(b.cn));
}
