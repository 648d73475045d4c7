/**
 * Derived data for pages: pure functions of cached state, called inside useMemo so a 10,000-row list is
 * derived once per change of its inputs, never per row or per render.
 */
import { certStatus, daysLeftShown } from '../../../shared/domain/expiry';
import { isAuthority, type InventoryFilter } from '../../../shared/domain/inventory-query';
import type { CertStatus, CertSummary, CrlInfo, ExpiryThresholds } from '../../../shared/domain/types';
import { inventorySearch } from './inventory-search';
import type { InventoryView } from './ui-slice';

const DAY_MS = 86_400_000;

export function inventoryFilter(view: InventoryView): InventoryFilter {
  return {
    text: view.text || undefined,
    statuses: view.status && view.status !== 'later' ? [view.status] : undefined,
    dueLater: view.status === 'later' || undefined,
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
      return {
        ca,
        status: certStatus(ca, now, t),
        daysLeft: daysLeftShown(ca, now),
        crl,
        crlHealth,
        crlDaysLeft,
      };
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
