/**
 * Compares what another tool's PKI holds with the vault, before anything is written: which certificates are
 * new, which are already there (same fingerprint: skipped), which are tracked (what a CA CertDesk cannot sign
 * with or a CA tracked in the vault issued, to any depth), which conflict (a CA with the same name and a
 * different key, a serial its issuer already used, what a CA left out for either issued, to any depth), and
 * which CRL numbers come across.
 */
import type { CertFacts, KnownCa } from '../core/pki';
import {
  bytesEqual,
  lintCertificate,
  namesAsIssuer,
  spkiOfCert,
  summarizeCertificate,
  verifiedSigner,
} from '../core/pki';
import { profileOfCertificate, type ImportSource, type SourceCert } from '../core/import';
import type { ImportCounts, ImportItem, ImportPreview, Profile } from '../../shared/domain/types';
import { certId, type Inventory } from './inventory';
import { planCrls, type PlannedCrl } from './import-plan-crls';
import { knownCas } from './verdicts';

export interface PlannedCert {
  src: SourceCert;
  facts: CertFacts;
  id: string;
  profile: Profile;
  item: ImportItem;
  /** why it is left out of the import (action "conflict"), to follow its name in the note of a CRL it signed */
  leftOutBecause?: string;
}

export interface ImportPlan {
  preview: ImportPreview;
  /** the certificates to write (action "import"), CAs first */
  toImport: PlannedCert[];
  crls: PlannedCrl[];
  conflicts: ImportItem[];
}

function planned(src: SourceCert): PlannedCert {
  const facts = summarizeCertificate(src.der);
  const profile = profileOfCertificate(src.der);
  const r = src.revocation;
  return {
    src,
    facts,
    id: certId(facts.sha256),
    profile,
    item: {
      item: src.item,
      label: src.label,
      kind: facts.isCa ? 'ca' : 'leaf',
      subject: facts.subject,
      serial: facts.serial,
      sha256: facts.sha256,
      hasKey: src.key !== null,
      revoked: r
        ? {
            at: r.at.toISOString(),
            reason: r.reason,
            ...(r.invalidityDate ? { invalidityDate: r.invalidityDate.toISOString() } : {}),
          }
        : null,
      action: 'import',
      ...(src.tracked ? { tracked: true } : {}),
      notes: [...src.notes],
      lint: lintCertificate(src.der, { profile }),
    },
  };
}

/**
 * A vault CA with the same name as an imported CA but a different key. Here names are compared as the operator
 * reads them (subject as displayed, or CN), not by their bytes: two such CAs cannot be told apart in the lists or
 * by the CLI's CN argument, and OpenSSL (nginx, curl) matches issuer names after folding string type and case,
 * so a PrintableString and a UTF8String "Corp CA" are one CA name to it.
 */
function caConflict(p: PlannedCert, inventory: Inventory): string | null {
  for (const ca of inventory.cas()) {
    const s = ca.summary;
    if (s.subject !== p.facts.subject && (s.cn === '' || s.cn !== p.facts.cn)) continue;
    if (bytesEqual(spkiOfCert(ca.der), spkiOfCert(p.src.der))) continue;
    return (
      `the vault already has a CA named "${s.cn || s.subject}" (id ${s.id}) with a different key. ` +
      'Choose: import everything else and leave this CA and its certificates out, or cancel and rename or ' +
      'remove the vault CA first.'
    );
  }
  return null;
}

/**
 * The CA certificates of the source and the vault (ids) that issued `p`: the one whose key verifies its
 * signature, as the path validator finds it, and every other certificate of that name and key (a cross-certified
 * or re-issued CA has several, and any of them gives `p` a parent). When none verifies the signature (e.g. a DSA
 * one, which CertDesk cannot verify), those that `p` names as its issuer by name bytes and key identifier.
 */
function issuersOf(p: PlannedCert, candidates: readonly KnownCa[]): string[] {
  const idsOf = (cas: readonly KnownCa[]): string[] => cas.flatMap((ca) => (ca.id === null ? [] : [ca.id]));
  const signer = verifiedSigner(p.src.der, candidates);
  const named = candidates.filter((ca) => namesAsIssuer(p.src.der, ca.der));
  if (signer === undefined) return idsOf(named);
  const signerCa = candidates.find((ca) => ca.id === certId(signer));
  if (!signerCa) return [];
  const key = spkiOfCert(signerCa.der);
  return idsOf(named.filter((ca) => bytesEqual(spkiOfCert(ca.der), key)));
}

/** A CA of the source or the vault at the head of what issuedUnder reaches: its id and subject as displayed. */
interface TopCa {
  id: string;
  subject: string;
}

const topOfSource = (p: PlannedCert): TopCa => ({ id: p.id, subject: p.facts.subject });

/** A certificate reached below the CA `top`, with the CAs of the source and the vault that issued it. */
interface IssuedUnder {
  p: PlannedCert;
  top: TopCa;
  issuers: string[];
}

/**
 * What the CAs `tops` issued, and what that issued in turn, to any depth, by the path validator's signer (see
 * issuersOf), without the certificates that another issuer still gives a parent: an issuer that is neither
 * reached nor `leftOut` (a vault CA, or a certificate of the same CA key signed by a CA that comes across).
 * Issuers that only lead back into what is reached (cross-certified CAs signing each other) do not count. Only
 * certificates whose issuer reads like the name of a CA reached so far are verified (few), against the CAs of
 * the source and the vault.
 */
function issuedUnder(
  all: readonly PlannedCert[],
  tops: readonly TopCa[],
  leftOut: (id: string) => boolean,
  candidates: readonly KnownCa[],
): IssuedUnder[] {
  const topOf = new Map<string, TopCa>(tops.map((ca) => [ca.id, ca]));
  const reached: IssuedUnder[] = [];
  const issuers = new Map<PlannedCert, string[]>();
  // each round looks below the CAs the round before reached; a certificate is reached once, so cycles end
  let frontier: readonly TopCa[] = tops;
  while (frontier.length > 0) {
    const names = new Set(frontier.map((ca) => ca.subject));
    const next: TopCa[] = [];
    for (const p of all) {
      if (p.item.action !== 'import' || p.facts.selfSigned || topOf.has(p.id)) continue;
      if (!names.has(p.facts.issuer)) continue;
      const ids = issuers.get(p) ?? issuersOf(p, candidates);
      issuers.set(p, ids);
      const top = ids.map((id) => topOf.get(id)).find((ca) => ca !== undefined);
      if (!top) continue;
      topOf.set(p.id, top);
      reached.push({ p, top, issuers: ids });
      if (p.facts.isCa) next.push(topOfSource(p));
    }
    frontier = next;
  }
  // what still has a parent: an issuer outside what is left out, or one that itself still has a parent
  const reachedIds = new Set(reached.map((r) => r.p.id));
  const staying = (id: string): boolean => !leftOut(id) && !reachedIds.has(id);
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of reached) {
      if (!reachedIds.has(r.p.id) || !r.issuers.some(staying)) continue;
      reachedIds.delete(r.p.id);
      grew = true;
    }
  }
  return reached.filter((r) => reachedIds.has(r.p.id));
}

/** 'issued by "<its issuer>", <why>', with 'under "<top>"' when that CA is not its own issuer. */
function issuedUnderNote({ p, top, issuers }: IssuedUnder, why: string): string {
  const under = issuers.includes(top.id) ? '' : ` under "${top.subject}"`;
  return `issued by "${p.facts.issuer}"${under}, ${why}`;
}

/**
 * Leaves the source's key of `p`, which comes across tracked, in the source: a tracked certificate never signs,
 * so its key is not copied into the vault (zeroed here, as zeroSourceKeys would). The end of its note: '; its
 * key was left behind' when the source held one, else nothing.
 */
function leaveKeyBehind(p: PlannedCert): string {
  const key = p.src.key;
  if (!key) return '';
  key.DANGEROUS_pkcs8.fill(0);
  p.src.key = null;
  p.item.hasKey = false;
  return '; its key was left behind';
}

/**
 * What a tracked CA of the source or the vault (one the operator tracked with certs:track) issued cannot be
 * revoked or renewed here either, nor sign: it is watched for expiry too, and so is what that issued, to any
 * depth (a CA below a tracked one is no authority, whatever its key, and its key stays in the source). Issued
 * means signed by that CA's key, as the path validator decides (see issuersOf): another CA of the source or the
 * vault may display the same name and be the one that signed it.
 */
function trackIssuedUnderTrackedCas(
  all: readonly PlannedCert[],
  inventory: Inventory,
  candidates: readonly KnownCa[],
): void {
  const tops = all.filter((p) => p.src.tracked && p.facts.isCa).map(topOfSource);
  const inSource = new Set(tops.map((ca) => ca.id));
  const inVault = new Set<string>();
  for (const { summary: s } of inventory.entries.values()) {
    if (s.kind !== 'ca' || !s.tracked || inSource.has(s.id)) continue;
    tops.push({ id: s.id, subject: s.subject });
    inVault.add(s.id);
  }
  const trackedCas = (id: string): boolean => inSource.has(id) || inVault.has(id);
  for (const r of issuedUnder(all, tops, trackedCas, candidates)) {
    // a certificate tracked for its own key keeps that one note
    if (r.p.src.tracked) continue;
    r.p.src.tracked = true;
    r.p.item.tracked = true;
    const why = inVault.has(r.top.id) ? 'a CA tracked in the vault' : 'a CA CertDesk cannot sign with';
    r.p.item.notes.push(issuedUnderNote(r, `${why}: tracked for expiry only${leaveKeyBehind(r.p)}`));
  }
}

/**
 * Leaves out what the CAs `tops` (left out for a reason `why` completes, after their name) issued, to any depth
 * (see issuedUnder): with its issuer left out a certificate would come into the vault without a parent, under
 * a CA the operator chose to leave out.
 */
function leaveOutIssuedUnder(
  all: readonly PlannedCert[],
  tops: readonly PlannedCert[],
  why: string,
  candidates: readonly KnownCa[],
): void {
  const byId = new Map(all.map((p) => [p.id, p]));
  const leftOut = (id: string): boolean => byId.get(id)?.item.action === 'conflict';
  for (const r of issuedUnder(all, tops.map(topOfSource), leftOut, candidates)) {
    r.p.item.action = 'conflict';
    r.p.leftOutBecause = issuedUnderNote(r, why);
    r.p.item.notes.push(r.p.leftOutBecause);
  }
}

export function planImport(source: ImportSource, inventory: Inventory): ImportPlan {
  const seen = new Set<string>();
  const all: PlannedCert[] = [];
  for (const src of source.certs) {
    const p = planned(src);
    if (seen.has(p.id)) continue;
    seen.add(p.id);
    all.push(p);
  }
  const candidates: KnownCa[] = [
    ...all.filter((p) => p.facts.isCa).map((p) => ({ id: p.id, der: p.src.der })),
    ...knownCas(inventory),
  ];
  trackIssuedUnderTrackedCas(all, inventory, candidates);
  const conflictingCas: PlannedCert[] = [];
  for (const p of all) {
    const existing = inventory.entries.get(p.id);
    if (existing) {
      p.item.action = 'duplicate';
      if (p.src.revocation && !existing.summary.revoked)
        p.item.notes.push(
          'revoked in the source but not in the vault: revoke it in CertDesk so it appears on the next CRL',
        );
      continue;
    }
    const clash = p.facts.isCa ? caConflict(p, inventory) : null;
    if (clash) {
      p.item.action = 'conflict';
      p.item.notes.push(clash);
      p.leftOutBecause = 'it conflicts with one in the vault';
      conflictingCas.push(p);
    }
  }
  leaveOutIssuedUnder(all, conflictingCas, 'a CA that conflicts with one in the vault', candidates);
  const reusedSerialCas: PlannedCert[] = [];
  for (const p of all) {
    if (p.item.action !== 'import') continue;
    if (inventory.serialTakenByName(p.facts.issuer, p.facts.serial)) {
      p.item.action = 'conflict';
      p.item.notes.push(
        `serial ${p.facts.serial} is already used by another certificate of "${p.facts.issuer}" in the vault`,
      );
      p.leftOutBecause = 'its serial is already used in the vault';
      if (p.facts.isCa) reusedSerialCas.push(p);
    }
  }
  leaveOutIssuedUnder(all, reusedSerialCas, 'a CA whose serial is already used in the vault', candidates);
  const toImport = all
    .filter((p) => p.item.action === 'import')
    .sort((a, b) => Number(b.facts.isCa) - Number(a.facts.isCa));
  const problems = [...source.problems];
  const crls = planCrls(source, all, inventory, problems);
  const counts: ImportCounts = {
    cas: toImport.filter((p) => p.facts.isCa).length,
    leaves: toImport.filter((p) => !p.facts.isCa).length,
    keys: toImport.filter((p) => p.src.key).length,
    revoked: toImport.filter((p) => p.src.revocation).length,
    crlNumbers: crls.length,
    duplicates: all.filter((p) => p.item.action === 'duplicate').length,
    conflicts: all.filter((p) => p.item.action === 'conflict').length,
  };
  const caName = (id: string): string =>
    all.find((p) => p.id === id)?.facts.subject ?? inventory.entries.get(id)?.summary.subject ?? id;
  return {
    preview: {
      source: source.kind,
      counts,
      items: all.map((p) => p.item),
      crls: crls.map((c) => ({ ca: caName(c.caId), lastNumber: String(c.number) })),
      problems,
    },
    toImport,
    crls,
    conflicts: all.filter((p) => p.item.action === 'conflict').map((p) => p.item),
  };
}
