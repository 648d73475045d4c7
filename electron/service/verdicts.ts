/**
 * Verdicts on vault certificates, all from the one path validator: the chain view, the status roll-up
 * of lists and the dashboard, export and the mTLS check read the same result, so they cannot disagree.
 */
import {
  serialValue,
  validatePath,
  type ChainPurpose,
  type ChainResult,
  type KnownCa,
  type RevocationRecord,
  type SignatureVouches,
} from '../core/pki';
import type { CertSummary, Profile, TrackedChain } from '../../shared/domain/types';
import { copySummary } from './context';
import type { Inventory, InventoryEntry } from './inventory';

export function purposeFor(profile: Profile): ChainPurpose {
  if (profile === 'server') return 'serverAuth';
  if (profile === 'client') return 'clientAuth';
  return 'any';
}

export function knownCas(inventory: Inventory): KnownCa[] {
  return [
    ...inventory.cas().map((c) => ({ id: c.summary.id, der: c.der })),
    // A tracked bundle's intermediates let its leaf's path be built; tracking never makes an anchor.
    ...inventory.trackedCas().map((c) => ({ id: c.summary.id, der: c.der, trusted: false })),
  ];
}

/** The vault's revocation records keyed the way the validator looks them up: issuer SHA-256, serial. */
export function revokedByIssuer(inventory: Inventory): Map<string, Map<bigint, RevocationRecord>> {
  const out = new Map<string, Map<bigint, RevocationRecord>>();
  for (const e of inventory.entries.values()) {
    const revoked = e.summary.revoked;
    const issuer = revoked && e.summary.issuerId ? inventory.entries.get(e.summary.issuerId) : undefined;
    if (!revoked || !issuer) continue;
    let bySerial = out.get(issuer.summary.sha256);
    if (!bySerial) out.set(issuer.summary.sha256, (bySerial = new Map<bigint, RevocationRecord>()));
    bySerial.set(serialValue(e.summary.serial), { at: revoked.at, reason: revoked.reason });
  }
  return out;
}

export function revocationSources(inventory: Inventory): {
  crls: Uint8Array[];
  revoked: Map<string, Map<bigint, RevocationRecord>>;
} {
  return {
    crls: [...inventory.crls.values()].map((c) => c.der),
    revoked: revokedByIssuer(inventory),
  };
}

/**
 * The signatures the authenticated vault vouches for (CertRecord.signedBy): checked when each certificate
 * was stored, or before a compaction wrote the record, so a list after unlock need not verify them again.
 */
export function vaultVouches(inventory: Inventory): SignatureVouches {
  const signerByDer = new Map<Uint8Array, string>();
  for (const e of inventory.entries.values()) if (e.signedBy) signerByDer.set(e.der, e.signedBy);
  return (der) => signerByDer.get(der);
}

/** Everything the validator needs from the vault, computed once for a whole list. */
export interface VaultTrust {
  knownCas: KnownCa[];
  crls: Uint8Array[];
  revoked: Map<string, Map<bigint, RevocationRecord>>;
  vouchedSigners: SignatureVouches;
}

export function vaultTrust(inventory: Inventory): VaultTrust {
  return {
    knownCas: knownCas(inventory),
    ...revocationSources(inventory),
    vouchedSigners: vaultVouches(inventory),
  };
}

export function verdictOf(
  entry: InventoryEntry,
  now: Date,
  trust: VaultTrust,
  purpose: ChainPurpose = purposeFor(entry.summary.profile),
): ChainResult {
  return validatePath(entry.der, { ...trust, now, purpose, certId: entry.summary.id });
}

/**
 * The chain verdict of a tracked certificate. A chain that reaches no anchor in the vault says nothing
 * about the certificate (its issuer is simply elsewhere), so it is "issuer unknown", not invalid.
 */
export function trackedChain(verdict: ChainResult): TrackedChain {
  const last = verdict.links[verdict.links.length - 1];
  const anchored = last?.checks.some((c) => c.check === 'trust' && c.ok) ?? false;
  if (!last || !anchored) {
    const top = last?.subject ?? '';
    const selfSigned = last?.checks.some((c) => c.check === 'signature' && c.ok) ?? false;
    return {
      verdict: 'issuer-unknown',
      message: selfSigned
        ? `issuer unknown: the chain ends at the self-signed "${top}", which is not a trust anchor in the vault`
        : `issuer unknown: the CA that issued "${top}" is not in the vault`,
    };
  }
  if (verdict.firstFailure !== null) return { verdict: 'invalid', message: verdict.firstFailure };
  return { verdict: 'valid', message: `chain valid up to "${last.subject}"` };
}

/** A summary for the front-ends: the stored facts plus the roll-up of the chain's verdict at `now`. */
export function summaryWithVerdict(entry: InventoryEntry, now: Date, trust: VaultTrust): CertSummary {
  const out = copySummary(entry.summary);
  const verdict = verdictOf(entry, now, trust);
  if (entry.summary.tracked) {
    out.trackedChain = trackedChain(verdict);
    if (out.trackedChain.verdict === 'invalid') out.invalidReason = out.trackedChain.message;
    return out;
  }
  if (verdict.firstFailure !== null) out.invalidReason = verdict.firstFailure;
  return out;
}

export function summariesWithVerdicts(
  inventory: Inventory,
  entries: Iterable<InventoryEntry>,
  now: Date,
): CertSummary[] {
  const trust = vaultTrust(inventory);
  return [...entries].map((e) => summaryWithVerdict(e, now, trust));
}

/**
 * The CAs above a certificate, nearest first, as the path validator finds them (by name, key identifier
 * and signature, not by the stored issuer id): what export bundles and trust bundles ship.
 */
export function issuerPath(inventory: Inventory, entry: InventoryEntry, now: Date): InventoryEntry[] {
  const verdict = verdictOf(entry, now, vaultTrust(inventory), 'any');
  return verdict.links.slice(1).flatMap((l) => {
    const e = l.id ? inventory.entries.get(l.id) : undefined;
    return e ? [e] : [];
  });
}
