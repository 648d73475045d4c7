import { lintCertificate, viewCertificate } from '../core/pki';
import type { CertDetail } from '../../shared/domain/types';
import type { Inventory, InventoryEntry } from './inventory';
import { summaryWithVerdict, vaultTrust, verdictOf } from './verdicts';

/** Oldest first, including the certificate itself; guarded against cycles from a damaged log. */
export function lineageOf(inventory: Inventory, entry: InventoryEntry): string[] {
  const seen = new Set<string>([entry.summary.id]);
  const back: string[] = [];
  for (
    let id = entry.summary.replaces;
    id && !seen.has(id);
    id = inventory.entries.get(id)?.summary.replaces
  ) {
    seen.add(id);
    back.unshift(id);
  }
  const forward: string[] = [];
  for (
    let id = entry.summary.replacedBy;
    id && !seen.has(id);
    id = inventory.entries.get(id)?.summary.replacedBy
  ) {
    seen.add(id);
    forward.push(id);
  }
  return [...back, entry.summary.id, ...forward];
}

export function certDetail(inventory: Inventory, entry: InventoryEntry, now: Date): CertDetail {
  const issuer = entry.summary.issuerId ? inventory.entries.get(entry.summary.issuerId) : undefined;
  const trust = vaultTrust(inventory);
  const chain = verdictOf(entry, now, trust);
  return {
    summary: summaryWithVerdict(entry, now, trust),
    // 'keep': a certificate stored before its times were refused still opens, its chain saying why it is invalid
    view: viewCertificate(entry.der, 'keep'),
    chain: chain.links,
    lint: lintCertificate(entry.der, {
      profile: entry.summary.profile,
      ...(issuer ? { issuerDer: issuer.der } : {}),
    }),
    lineage: lineageOf(inventory, entry),
  };
}
