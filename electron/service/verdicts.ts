/**
 * Verdicts on vault certificates, all from the one path validator: the chain view, the status roll-up
 * of lists and the dashboard, export and the mTLS check read the same result, so they cannot disagree.
 */
import { createHash } from 'node:crypto';
import {
  issuedByCa,
  isSelfSigned,
  revocationsAlong,
  serialValue,
  validatePath,
  verdictInputsDigest,
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

/** The vault's CAs as path building sees them, computed once for a whole list. */
interface VaultCas {
  knownCas: KnownCa[];
  /** the signatures the vault vouches for among its CAs (CertRecord.signedBy) */
  caVouches: Map<Uint8Array, string>;
  /** the CAs' inventory entries (whose DER buffers knownCas carries) */
  caEntries: InventoryEntry[];
}

/** The vault's CAs for path building (its authorities first, then tracked CA certificates) in one pass. */
function vaultCas(inventory: Inventory): VaultCas {
  const authorities: KnownCa[] = [];
  const tracked: KnownCa[] = [];
  const caVouches = new Map<Uint8Array, string>();
  const caEntries: InventoryEntry[] = [];
  for (const e of inventory.entries.values()) {
    if (e.summary.kind !== 'ca') continue;
    // A tracked bundle's intermediates let its leaf's path be built; tracking never makes an anchor.
    if (e.summary.tracked) tracked.push({ id: e.summary.id, der: e.der, trusted: false });
    else authorities.push({ id: e.summary.id, der: e.der });
    if (e.signedBy) caVouches.set(e.der, e.signedBy);
    caEntries.push(e);
  }
  return { knownCas: [...authorities, ...tracked], caVouches, caEntries };
}

export function knownCas(inventory: Inventory): KnownCa[] {
  return vaultCas(inventory).knownCas;
}

/** What the vault vouches for along a path that starts at `entry`'s certificate. */
const vouchOf = (
  entry: InventoryEntry,
  caVouches: ReadonlyMap<Uint8Array, string>,
  der: Uint8Array,
): string | undefined => (der === entry.der ? entry.signedBy : caVouches.get(der));

/**
 * A self-signed certificate (a root): no CA issued it, so no CA's revocation records or CRL carry it, and
 * neither revocation index below files it under itself or a twin of the same key and name. Not every
 * certificate whose issuer reads like its subject: names that display alike can differ in their bytes, and a
 * certificate of a CA's new key signed by its old one (a rollover) is a link of the paths below it. Asked only
 * of revoked certificates, which stay parsed for issuedByCa anyway, and of the few CAs.
 */
const selfSigned = (e: InventoryEntry, caVouches: ReadonlyMap<Uint8Array, string>): boolean =>
  isSelfSigned(e.der, vouchesFrom(e, caVouches));

/**
 * The revoked certificates of the vault that CA `caId` issued (its name, its key verifies them): what its CRL
 * lists. Every one, not only those whose path runs through it: a CA certificate re-issued for the same key
 * and name signs the same CRLs, and the path validator takes whichever of the two is valid at its clock.
 */
export function revokedUnder(inventory: Inventory, caId: string): InventoryEntry[] {
  const ca = inventory.get(caId);
  const { caVouches } = vaultCas(inventory);
  return [...inventory.entries.values()].filter(
    (e) =>
      e.summary.revoked && !selfSigned(e, caVouches) && issuedByCa(e.der, ca.der, vouchesFrom(e, caVouches)),
  );
}

/**
 * The vault's revocation records keyed the way the validator looks them up: issuer SHA-256, serial. Filed under
 * every vault CA that issued the certificate (name and key): two certificates of one CA key and name both did,
 * and the validator takes whichever is valid at its clock.
 */
function revokedByIssuer(inventory: Inventory, cas: VaultCas): Map<string, Map<bigint, RevocationRecord>> {
  const out = new Map<string, Map<bigint, RevocationRecord>>();
  for (const e of inventory.entries.values()) {
    const revoked = e.summary.revoked;
    if (!revoked || selfSigned(e, cas.caVouches)) continue;
    for (const ca of cas.caEntries) {
      if (ca.summary.subject !== e.summary.issuer) continue;
      if (!issuedByCa(e.der, ca.der, vouchesFrom(e, cas.caVouches))) continue;
      let bySerial = out.get(ca.summary.sha256);
      if (!bySerial) out.set(ca.summary.sha256, (bySerial = new Map<bigint, RevocationRecord>()));
      bySerial.set(serialValue(e.summary.serial), { at: revoked.at, reason: revoked.reason });
    }
  }
  return out;
}

function revocationsOf(
  inventory: Inventory,
  cas: VaultCas,
): { crls: Uint8Array[]; revoked: Map<string, Map<bigint, RevocationRecord>> } {
  return {
    crls: [...inventory.crls.values()].map((c) => c.der),
    revoked: revokedByIssuer(inventory, cas),
  };
}

/**
 * The vault's CAs, CRLs and revocation records from one pass over its CAs, without vouches: for a verdict
 * that verifies every signature (the inspector's).
 */
export function vaultPathInputs(inventory: Inventory): {
  knownCas: KnownCa[];
  crls: Uint8Array[];
  revoked: Map<string, Map<bigint, RevocationRecord>>;
} {
  const cas = vaultCas(inventory);
  return { knownCas: cas.knownCas, ...revocationsOf(inventory, cas) };
}

/** Everything the validator needs from the vault, computed once for a whole list. */
export interface VaultTrust {
  knownCas: KnownCa[];
  crls: Uint8Array[];
  revoked: Map<string, Map<bigint, RevocationRecord>>;
  /**
   * The signatures the authenticated vault vouches for among its CAs (CertRecord.signedBy): checked when each
   * certificate was stored, or before a compaction wrote its record, so a list need not verify them again.
   * A certificate's own vouch comes with its inventory entry.
   */
  caVouches: ReadonlyMap<Uint8Array, string>;
  /** verdictInputsDigest of the CAs and CRLs above, with the CA vouches */
  digest: string;
}

export function vaultTrust(inventory: Inventory): VaultTrust {
  const cas = vaultCas(inventory);
  const revocation = revocationsOf(inventory, cas);
  const digest = createHash('sha256').update(
    verdictInputsDigest({ knownCas: cas.knownCas, crls: revocation.crls }),
  );
  for (const k of cas.knownCas) digest.update(` ${cas.caVouches.get(k.der) ?? '-'}`);
  return {
    knownCas: cas.knownCas,
    ...revocation,
    caVouches: cas.caVouches,
    digest: digest.digest('hex'),
  };
}

/** What the vault vouches for along any path from `entry` (see vouchOf), as the validator asks for it. */
function vouchesFrom(entry: InventoryEntry, caVouches: ReadonlyMap<Uint8Array, string>): SignatureVouches {
  return (der) => vouchOf(entry, caVouches, der);
}

export function verdictOf(
  entry: InventoryEntry,
  now: Date,
  trust: VaultTrust,
  purpose: ChainPurpose = purposeFor(entry.summary.profile),
): ChainResult {
  const { knownCas: cas, crls, revoked } = trust;
  return validatePath(entry.der, {
    knownCas: cas,
    crls,
    revoked,
    vouchedSigners: vouchesFrom(entry, trust.caVouches),
    now,
    purpose,
    certId: entry.summary.id,
  });
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

/** What a summary takes from a verdict. */
export type VerdictRollUp = Pick<CertSummary, 'invalidReason' | 'trackedChain' | 'timeUnreadable'>;

/**
 * The rules a roll-up comes from, named by a digest of their sources: the path validator with every module it
 * runs, the roll-up below and verdict-cache.ts. Roll-ups kept from an earlier session (verdict-cache.ts) are
 * used only under the same rules. verdict-rules.test.ts computes the digest, so a change to those sources
 * fails the tests until this is set to the new one: two builds with different rules never share roll-ups.
 */
export const VERDICT_RULES = '267b4b0a1b1ef8bb';

function rollUp(entry: InventoryEntry, verdict: ChainResult): VerdictRollUp {
  if (verdict.timeError !== null) {
    // the reason names the bad time even when another check of the link fails first
    const invalid = { invalidReason: verdict.timeError, timeUnreadable: true } as const;
    return entry.summary.tracked
      ? { ...invalid, trackedChain: { verdict: 'invalid', message: verdict.timeError } }
      : invalid;
  }
  if (entry.summary.tracked) {
    const chain = trackedChain(verdict);
    return { trackedChain: chain, ...(chain.verdict === 'invalid' ? { invalidReason: chain.message } : {}) };
  }
  return verdict.firstFailure !== null ? { invalidReason: verdict.firstFailure } : NOTHING_FAILED;
}

/** The roll-up of every valid certificate: one shared object, since most of 100,000 are valid. */
const NOTHING_FAILED: VerdictRollUp = Object.freeze({});

/** A roll-up read back from storage, as a verdict would have made it (NOTHING_FAILED when nothing failed). */
export function storedRollUp({
  invalidReason,
  trackedChain: chain,
  timeUnreadable,
}: VerdictRollUp): VerdictRollUp {
  if (invalidReason === undefined && chain === undefined && !timeUnreadable) return NOTHING_FAILED;
  return Object.freeze({
    ...(invalidReason !== undefined ? { invalidReason } : {}),
    ...(chain ? { trackedChain: Object.freeze({ ...chain }) } : {}),
    ...(timeUnreadable ? { timeUnreadable: true } : {}),
  });
}

/**
 * Each certificate's last roll-up, so the list that every change triggers does not validate 100,000 chains
 * again. Kept on the certificate's inventory entry (one per unlock) and reused only when nothing it depends on
 * moved: the vault's CAs, CRLs and CA vouches (the digest), the purpose and tracked flag, the certificate's own
 * vouch, the revocation records along the path, and a clock inside the span where no certificate of the path
 * starts or ends. Small, because 100,000 of them stay in memory.
 */
export interface RememberedRollUp {
  digest: string;
  purpose: ChainPurpose;
  tracked: boolean;
  from: number;
  until: number;
  path: readonly Uint8Array[];
  vouch: string | undefined;
  revocations: string;
  rollUp: VerdictRollUp;
}

function verdictRollUp(entry: InventoryEntry, now: Date, trust: VaultTrust): VerdictRollUp {
  const purpose = purposeFor(entry.summary.profile);
  const tracked = entry.summary.tracked === true;
  const at = now.getTime();
  const last = entry.remembered;
  if (
    last?.digest === trust.digest &&
    last.purpose === purpose &&
    last.tracked === tracked &&
    last.from <= at &&
    at <= last.until &&
    last.vouch === entry.signedBy &&
    revocationsAlong(last.path, trust.revoked) === last.revocations
  )
    return last.rollUp;
  const verdict = verdictOf(entry, now, trust, purpose);
  const remembered: RememberedRollUp = {
    digest: trust.digest,
    purpose,
    tracked,
    from: verdict.steady.from,
    until: verdict.steady.until,
    path: verdict.path,
    vouch: entry.signedBy,
    revocations: revocationsAlong(verdict.path, trust.revoked),
    rollUp: rollUp(entry, verdict),
  };
  entry.remembered = remembered;
  return remembered.rollUp;
}

/** Sets a roll-up's fields on `out`, a copy of a stored summary. */
function withRollUp(
  out: CertSummary,
  { invalidReason, trackedChain: chain, timeUnreadable }: VerdictRollUp,
): CertSummary {
  if (chain) out.trackedChain = { ...chain };
  if (invalidReason !== undefined) out.invalidReason = invalidReason;
  if (timeUnreadable) out.timeUnreadable = true;
  return out;
}

/**
 * Sets `selfSigned` on `out`, a copy of CA `entry`'s summary, as the path validator decides it (name bytes and
 * own key; a root's own vouch spares the verification). Asked of CAs only: a list of 100,000 leaves parses none.
 */
function withSelfSigned(out: CertSummary, entry: InventoryEntry, trust: VaultTrust): CertSummary {
  if (entry.summary.kind !== 'ca') return out;
  try {
    if (selfSigned(entry, trust.caVouches)) out.selfSigned = true;
  } catch {
    // unreadable bytes: the verdict already lists it as damaged, and nothing shows it is self-signed
  }
  return out;
}

/**
 * A summary for the front-ends: the stored facts plus the roll-up of the chain's verdict at `now` (and, for a
 * CA, whether it is self-signed).
 */
export function summaryWithVerdict(entry: InventoryEntry, now: Date, trust: VaultTrust): CertSummary {
  return withSelfSigned(
    withRollUp(copySummary(entry.summary), verdictRollUp(entry, now, trust)),
    entry,
    trust,
  );
}

/**
 * Every certificate's summary with its verdict at `now`, for a derivation that reads them and returns none
 * as they are (the dashboard's counts): a leaf nothing failed for is its stored summary itself, not a
 * copy (at 100,000 certificates the copies were a third of the dashboard's time). Whatever the caller hands
 * out must go through copySummary.
 */
export function summariesToRead(inventory: Inventory, now: Date): CertSummary[] {
  const trust = vaultTrust(inventory);
  const out: CertSummary[] = [];
  for (const e of inventory.entries.values()) {
    const rollUp = verdictRollUp(e, now, trust);
    if (e.summary.kind === 'ca') out.push(withSelfSigned(withRollUp({ ...e.summary }, rollUp), e, trust));
    else out.push(rollUp === NOTHING_FAILED ? e.summary : withRollUp({ ...e.summary }, rollUp));
  }
  return out;
}

export function summariesWithVerdicts(
  inventory: Inventory,
  entries: Iterable<InventoryEntry>,
  now: Date,
): CertSummary[] {
  const trust = vaultTrust(inventory);
  const out: CertSummary[] = [];
  for (const e of entries) out.push(summaryWithVerdict(e, now, trust));
  return out;
}

/**
 * The CAs above a certificate, nearest first, as the path validator finds them (by name, key identifier
 * and signature, not by the stored issuer id): what export bundles and trust bundles ship.
 */
export function issuerPath(
  inventory: Inventory,
  entry: InventoryEntry,
  now: Date,
  /** the vault's trust, when the caller already built it for a loop */
  trust: VaultTrust = vaultTrust(inventory),
): InventoryEntry[] {
  const verdict = verdictOf(entry, now, trust, 'any');
  return verdict.links.slice(1).flatMap((l) => {
    const e = l.id ? inventory.entries.get(l.id) : undefined;
    return e ? [e] : [];
  });
}
