import { createHash } from 'node:crypto';
import type { AuditHead } from '../core/audit';
import { issuedByCa, isSelfSigned, sameKeyAndName, signerVerifiedSoFar } from '../core/pki';
import type { KeyRef, VaultRecord } from '../core/vault';
import {
  DEFAULT_SETTINGS,
  type AuditBreak,
  type CertSummary,
  type KeyAlgorithm,
  type Settings,
} from '../../shared/domain/types';
import { AppError } from '../../shared/ipc/error-codes';
import {
  record,
  RECORD,
  storedBytes,
  type CertRecord,
  type CrlRecord,
  type RetiredSerial,
  type RevokeRecord,
} from './records';
import { certRecords, entriesOfTable } from './cert-table';
import type { RememberedRollUp } from './verdicts';

export interface InventoryEntry {
  summary: CertSummary;
  der: Uint8Array;
  keyRef: KeyRef | null;
  keyAlg: KeyAlgorithm | null;
  keyUsages?: string[];
  extendedKeyUsages?: string[];
  /** see CertRecord.signedBy */
  signedBy?: string;
  /** the last verdict roll-up (verdicts.ts), on the entry itself: a WeakMap of 100,000 cost more to fill and to collect */
  remembered?: RememberedRollUp;
}

export interface StoredCrl {
  caId: string;
  number: number;
  thisUpdate: string;
  nextUpdate: string;
  der: Uint8Array;
}

/** A SHA-256 fingerprint as lower-case hex without separators, the way CertRecord.signedBy holds it. */
function fingerprintKey(sha256Hex: string): string {
  return sha256Hex.replace(/:/g, '').toLowerCase();
}

/** Stable id of a certificate: the first 16 hex digits of its SHA-256 fingerprint. */
export function certId(sha256Hex: string): string {
  return fingerprintKey(sha256Hex).slice(0, 16);
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function normSerial(serial: string): string {
  return serial
    .replace(/[\s:]/g, '')
    .toLowerCase()
    .replace(/^0+(?=.)/, '');
}

function useSerial(serials: Map<string, Set<string>>, issuer: string, serial: string): void {
  let set = serials.get(issuer);
  if (!set) serials.set(issuer, (set = new Set()));
  set.add(normSerial(serial));
}

/**
 * The first of `candidates` that issued `e` (subject bytes equal to its issuer bytes, key verifies it), as the
 * path validator decides; null when none does, when `e` is self-signed (no CA issued it, even one of the same
 * key and name), or when a certificate cannot be read (the list shows it as damaged).
 */
function verifiedParent(e: InventoryEntry, candidates: readonly InventoryEntry[]): string | null {
  try {
    if (isSelfSigned(e.der)) return null;
    return candidates.find((ca) => issuedByCa(e.der, ca.der))?.summary.id ?? null;
  } catch {
    return null;
  }
}

/** The `cert.v1` record of an entry: what it is stored as outside a certificate table. */
export function certRecordOf(e: InventoryEntry): VaultRecord {
  return record(RECORD.cert, {
    summary: e.summary,
    der: e.der,
    keyRef: e.keyRef,
    keyAlg: e.keyAlg,
    ...(e.keyUsages ? { keyUsages: e.keyUsages } : {}),
    ...(e.extendedKeyUsages ? { extendedKeyUsages: e.extendedKeyUsages } : {}),
    ...(e.signedBy ? { signedBy: e.signedBy } : {}),
  });
}

/**
 * Whether the CA a certificate's stored link names is a twin of the CA the vault vouches signed it (same name
 * bytes, same key: a CA certificate re-issued for its key), so it issued the certificate too. Compares the two
 * CAs only: every leaf issued under a re-issued CA names the older copy as its signer, and verifying each of
 * them again at every unlock would cost a signature apiece. False when either cannot be read.
 */
function twinOfSigner(parent: InventoryEntry | undefined, signer: InventoryEntry | undefined): boolean {
  try {
    return parent !== undefined && signer !== undefined && sameKeyAndName(parent.der, signer.der);
  } catch {
    return false;
  }
}

/**
 * The unlocked vault's contents in memory: id → summary (+ DER bytes, parsed only on demand), latest CRL per
 * CA, settings and the last audit head recorded in the vault. Built by replaying records in log order.
 */
export class Inventory {
  readonly entries = new Map<string, InventoryEntry>();
  readonly crls = new Map<string, StoredCrl>();
  /**
   * issuer DN → serials already used, for per-issuer uniqueness. Built on the first issuance or import, not
   * at unlock (100,000 serials to normalise); serials of untracked certificates stay used.
   */
  private serials: Map<string, Set<string>> | null = null;
  private readonly untrackedSerials: RetiredSerial[] = [];
  settings: Settings = structuredClone(DEFAULT_SETTINGS);
  auditHead: AuditHead | null = null;
  auditLegacyHead: AuditHead | null = null;
  /** audit chain breaks found before appends, in order, with their acknowledgements */
  readonly auditBreaks: AuditBreak[] = [];
  /** records of types a newer CertDesk wrote: not read here, but kept through compactions for it */
  private readonly newer: VaultRecord[] = [];

  static replay(records: readonly VaultRecord[]): Inventory {
    const inv = new Inventory();
    for (const r of records) inv.apply(r);
    inv.relinkOrphans();
    return inv;
  }

  apply(r: VaultRecord): void {
    switch (r.type) {
      case RECORD.cert: {
        const data = r.data as unknown as CertRecord;
        const entry: InventoryEntry = {
          summary: data.summary,
          der: storedBytes(data.der, `certificate record ${data.summary?.id ?? '(no id)'}`),
          keyRef: data.keyRef,
          keyAlg: data.keyAlg,
        };
        if (data.keyUsages) entry.keyUsages = data.keyUsages;
        if (data.extendedKeyUsages) entry.extendedKeyUsages = data.extendedKeyUsages;
        if (data.signedBy) entry.signedBy = data.signedBy;
        this.add(entry);
        break;
      }
      case RECORD.certTable:
        for (const entry of entriesOfTable(r.data)) this.add(entry);
        break;
      case RECORD.revoke: {
        const data = r.data as unknown as RevokeRecord;
        const e = this.entries.get(data.id);
        if (e)
          e.summary.revoked = {
            at: data.at,
            reason: data.reason,
            ...(data.invalidityDate ? { invalidityDate: data.invalidityDate } : {}),
          };
        break;
      }
      case RECORD.crl: {
        const data = r.data as unknown as CrlRecord;
        this.crls.set(data.caId, {
          ...data,
          der: storedBytes(data.der, `the CRL record of CA ${data.caId}`),
        });
        break;
      }
      case RECORD.settings:
        this.settings = { ...structuredClone(DEFAULT_SETTINGS), ...(r.data as unknown as Settings) };
        break;
      case RECORD.auditHead:
        this.auditHead = r.data as unknown as AuditHead;
        break;
      case RECORD.auditLegacyHead:
        this.auditLegacyHead = r.data as unknown as AuditHead;
        break;
      case RECORD.auditBreak:
        this.auditBreaks.push({ ...(r.data as unknown as AuditBreak) });
        break;
      case RECORD.auditBreakAck: {
        const ack = r.data as unknown as { id: string; at: string };
        const b = this.auditBreaks.find((x) => x.id === ack.id);
        if (b) b.acknowledged = { at: ack.at };
        break;
      }
      case RECORD.untrack: {
        const { id } = r.data as unknown as { id: string };
        const s = this.entries.get(id)?.summary;
        if (s?.tracked) {
          this.retireSerial({ issuer: s.issuer, serial: s.serial });
          this.entries.delete(id);
        }
        break;
      }
      case RECORD.retiredSerial:
        this.retireSerial(r.data as unknown as RetiredSerial);
        break;
      default:
        // A record type from a newer CertDesk: ignored here, kept by snapshot().
        this.newer.push(r);
        break;
    }
  }

  /** Keeps `used` counted as used although no certificate in the inventory carries it any more. */
  private retireSerial(used: RetiredSerial): void {
    this.untrackedSerials.push(used);
    if (this.serials) useSerial(this.serials, used.issuer, used.serial);
  }

  add(entry: InventoryEntry): void {
    this.entries.set(entry.summary.id, entry);
    if (this.serials) useSerial(this.serials, entry.summary.issuer, entry.summary.serial);
    if (entry.summary.replaces) {
      const old = this.entries.get(entry.summary.replaces);
      if (old) old.summary.replacedBy = entry.summary.id;
    }
  }

  /**
   * Links certificates stored before their issuer (e.g. an intermediate, then its root) to the vault CA that
   * signed them, and corrects a link an older version made by the issuer's displayed name when the vault
   * vouches another CA signed the certificate. Derived, not stored, so it also applies to older records. Runs
   * at every unlock: a link that agrees with its vouch costs a prefix comparison; the signer the vault vouches
   * for (CertRecord.signedBy) answers without a signature check; certificates without a parent stored before
   * any vault CA verified them are verified against the CAs whose name reads like their issuer's (few: usually
   * none). A link no vouch speaks to stays as stored.
   */
  relinkOrphans(): void {
    let byName: Map<string, InventoryEntry[]> | null = null;
    for (const e of this.entries.values()) {
      const s = e.summary;
      if (s.issuerId !== null) {
        // A link an older version made by the issuer's name, where the vault vouches another CA signed it.
        if (
          e.signedBy &&
          !e.signedBy.startsWith(s.issuerId) &&
          !twinOfSigner(this.entries.get(s.issuerId), this.bySha256(e.signedBy))
        ) {
          // vouched as signed by its own key: a root, which no CA issued
          if (e.signedBy.startsWith(s.id)) s.issuerId = null;
          else s.issuerId = this.authorityThatSigned(e.signedBy, s.id) ?? s.issuerId;
        }
        continue;
      }
      if (e.signedBy && this.bySha256(e.signedBy)) {
        s.issuerId = this.authorityThatSigned(e.signedBy, s.id);
        continue;
      }
      byName ??= this.authoritiesByName();
      const candidates = byName.get(s.issuer)?.filter((ca) => ca !== e);
      if (candidates?.length) s.issuerId = verifiedParent(e, candidates);
    }
  }

  /**
   * The parent of certificate `id` whose signature the vault CA with SHA-256 `signer` verified (see
   * CertRecord.signedBy): that CA's id when it is one of the vault's authorities (see cas()) and not the
   * certificate itself (self-signed), else null.
   */
  authorityThatSigned(signer: string | undefined, id: string): string | null {
    if (!signer) return null;
    const ca = this.bySha256(signer);
    if (!ca || ca.summary.id === id || ca.summary.kind !== 'ca' || ca.summary.tracked) return null;
    return fingerprintKey(ca.summary.sha256) === fingerprintKey(signer) ? ca.summary.id : null;
  }

  /** The authorities by subject as displayed: names that display alike may still differ in their bytes. */
  private authoritiesByName(): Map<string, InventoryEntry[]> {
    const byName = new Map<string, InventoryEntry[]>();
    for (const ca of this.cas()) {
      const same = byName.get(ca.summary.subject);
      if (same) same.push(ca);
      else byName.set(ca.summary.subject, [ca]);
    }
    return byName;
  }

  /** Serials are unique per issuer name (RFC 5280 §4.1.2.2), whoever issued the certificates. */
  private usedSerials(): Map<string, Set<string>> {
    if (!this.serials) {
      const serials = new Map<string, Set<string>>();
      for (const u of this.untrackedSerials) useSerial(serials, u.issuer, u.serial);
      for (const e of this.entries.values()) useSerial(serials, e.summary.issuer, e.summary.serial);
      this.serials = serials;
    }
    return this.serials;
  }

  /** Predicate the PKI engine calls to keep serials unique per issuer. */
  serialTaken(issuerId: string): (serialHex: string) => boolean {
    const serials = this.usedSerials();
    const issuer = this.get(issuerId).summary.subject;
    // Looked up per call: certificates added while a batch runs count too.
    return (hex) => serials.get(issuer)?.has(normSerial(hex)) ?? false;
  }

  /** true when a certificate whose issuer is named `issuerDn` already carries `serialHex` */
  serialTakenByName(issuerDn: string, serialHex: string): boolean {
    return this.usedSerials().get(issuerDn)?.has(normSerial(serialHex)) ?? false;
  }

  get(id: string): InventoryEntry {
    const e = this.entries.get(id);
    if (!e) throw new AppError('NOT_FOUND', `No certificate with id ${id} in the vault`);
    return e;
  }

  ca(id: string): InventoryEntry {
    const e = this.get(id);
    if (e.summary.kind !== 'ca' || e.summary.tracked)
      throw new AppError(
        'NOT_A_CA',
        e.summary.tracked
          ? `${e.summary.cn} (${id}) is a tracked certificate: CertDesk watches its expiry but does not use it as a CA`
          : `${e.summary.cn} (${id}) is not a CA certificate`,
      );
    return e;
  }

  /** The vault's authorities: CAs it created or imported, and trust anchors. Tracked CA certificates are not. */
  cas(): InventoryEntry[] {
    return [...this.entries.values()].filter((e) => e.summary.kind === 'ca' && !e.summary.tracked);
  }

  bySha256(hex: string): InventoryEntry | undefined {
    return this.entries.get(certId(hex));
  }

  /** The live records, for compaction: current state only, superseded settings/CRLs/heads dropped. */
  snapshot(): VaultRecord[] {
    // A signature verified since unlock is vouched for from now on (see CertRecord.signedBy).
    const out = certRecords(
      this.entries.values(),
      (e) => e.signedBy ?? signerVerifiedSoFar(e.der),
      certRecordOf,
    );
    // The untracked certificates' records are dropped here: their serials stay used all the same.
    for (const u of this.untrackedSerials) out.push(record(RECORD.retiredSerial, { ...u }));
    for (const c of this.crls.values()) out.push(record(RECORD.crl, { ...c }));
    out.push(record(RECORD.settings, this.settings));
    if (this.auditHead) out.push(record(RECORD.auditHead, this.auditHead));
    if (this.auditLegacyHead) out.push(record(RECORD.auditLegacyHead, this.auditLegacyHead));
    for (const { acknowledged, ...b } of this.auditBreaks) {
      out.push(record(RECORD.auditBreak, b));
      if (acknowledged) out.push(record(RECORD.auditBreakAck, { id: b.id, at: acknowledged.at }));
    }
    out.push(...this.newer);
    return out;
  }
}
