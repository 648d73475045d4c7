import { lintCertificate, verifyChain, viewCertificate, type ChainPurpose, type KnownCa } from '../core/pki';
import type { CertDetail, Profile } from '../../shared/domain/types';
import { copySummary } from './context';
import type { Inventory, InventoryEntry } from './inventory';

export function purposeFor(profile: Profile): ChainPurpose {
  if (profile === 'server') return 'serverAuth';
  if (profile === 'client') return 'clientAuth';
  return 'any';
}

export function knownCas(inventory: Inventory): KnownCa[] {
  return inventory.cas().map((c) => ({ id: c.summary.id, der: c.der }));
}

export function revocationSources(inventory: Inventory): {
  crls: Uint8Array[];
  revokedSerials: Map<string, Set<string>>;
} {
  return {
    crls: [...inventory.crls.values()].map((c) => c.der),
    revokedSerials: inventory.revokedByIssuer(),
  };
}

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
  const chain = verifyChain(entry.der, {
    knownCas: knownCas(inventory),
    now,
    purpose: purposeFor(entry.summary.profile),
    certId: entry.summary.id,
    ...revocationSources(inventory),
  });
  return {
    summary: copySummary(entry.summary),
    view: viewCertificate(entry.der),
    chain: chain.links,
    lint: lintCertificate(entry.der, {
      profile: entry.summary.profile,
      ...(issuer ? { issuerDer: issuer.der } : {}),
    }),
    lineage: lineageOf(inventory, entry),
  };
}
