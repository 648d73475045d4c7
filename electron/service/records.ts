/**
 * The service's vault records. The vault engine stores an ordered log of `{ type, data }` JSON records; their
 * meaning is defined here. Replay (inventory.ts) folds them into memory on unlock, so the list and dashboard
 * never parse DER. Types are versioned by name: add new types, never change the shape of an existing one.
 */
import type { AuditHead } from '../core/audit';
import type { KeyRef, RecordData, VaultRecord } from '../core/vault';
import { AppError } from '../../shared/ipc/error-codes';
import type { CertTableData } from './cert-table';
import type {
  AuditBreak,
  CertSummary,
  KeyAlgorithm,
  RevocationReason,
  Settings,
} from '../../shared/domain/types';

export const RECORD = {
  cert: 'cert.v1',
  revoke: 'revoke.v1',
  crl: 'crl.v1',
  settings: 'settings.v1',
  auditHead: 'audit-head.v1',
  /** head of the unkeyed (format 1) audit entries, pinned once: they are trusted up to here, none after */
  auditLegacyHead: 'audit-legacy-head.v1',
  auditBreak: 'audit-break.v1',
  auditBreakAck: 'audit-break-ack.v1',
  /** a tracked certificate removed from the inventory (its cert record is dropped at the next compaction) */
  untrack: 'untrack.v1',
  /**
   * a serial an issuer name used on a certificate no longer in the inventory (an untracked one): written by
   * compactions in place of the dropped cert and untrack records, so the serial is never used again under that
   * name. Older CertDesk versions keep it unread.
   */
  retiredSerial: 'retired-serial.v1',
  /** certificates stored by a compaction, up to 1,024 a record (cert-table.ts); vault format 6 on */
  certTable: 'cert-table.v1',
} as const;

export interface CertRecord {
  summary: CertSummary;
  /** certificate DER: written as bytes; base64 text when read from a vault written before format version 4 */
  der: StoredBytes;
  /** the wrapped private key, when the vault holds it */
  keyRef: KeyRef | null;
  keyAlg: KeyAlgorithm | null;
  /** custom profile only: what was requested, so renewal repeats it */
  keyUsages?: string[];
  extendedKeyUsages?: string[];
  /**
   * SHA-256 (lower-case hex) of the certificate whose key verified this certificate's signature: written
   * when the certificate is stored, or by a compaction after a verification. The vault is authenticated, so
   * verdicts take it instead of verifying again. An optional field added to cert.v1 without a new type:
   * older CertDesk versions ignore it (and drop it when they compact), and without it the signature is
   * verified as before.
   */
  signedBy?: string;
}

export interface RevokeRecord {
  id: string;
  at: string;
  reason: RevocationReason;
  /** ISO date; set when imported from a tool that recorded it */
  invalidityDate?: string;
}

export interface CrlRecord {
  caId: string;
  number: number;
  thisUpdate: string;
  nextUpdate: string;
  /** CRL DER: written as bytes; base64 text when read from a vault written before format version 4 */
  der: StoredBytes;
}

export interface RecordPayloads {
  [RECORD.cert]: CertRecord;
  [RECORD.revoke]: RevokeRecord;
  [RECORD.crl]: CrlRecord;
  [RECORD.settings]: Settings;
  [RECORD.auditHead]: AuditHead;
  [RECORD.auditLegacyHead]: AuditHead;
  [RECORD.auditBreak]: Omit<AuditBreak, 'acknowledged'>;
  [RECORD.auditBreakAck]: { id: string; at: string };
  [RECORD.untrack]: { id: string; at: string };
  [RECORD.retiredSerial]: RetiredSerial;
  [RECORD.certTable]: CertTableData;
}

export interface RetiredSerial {
  /** the issuer name as CertSummary.issuer displays it */
  issuer: string;
  serial: string;
}
export type RecordType = keyof RecordPayloads;

/** Our payloads are plain JSON objects (top-level bytes allowed) by construction; the engine re-checks on append. */
export function record<T extends RecordType>(type: T, data: RecordPayloads[T]): VaultRecord {
  return { type, data: data as unknown as RecordData };
}

/** A byte field as the vault returns it: bytes from format version 4, base64 text from older files. */
export type StoredBytes = Uint8Array | string;

/** The bytes of a stored field; VAULT_CORRUPT naming `what` when the record holds anything else. */
export function storedBytes(v: StoredBytes, what = 'a stored certificate'): Uint8Array {
  if (typeof v === 'string') return new Uint8Array(Buffer.from(v, 'base64'));
  if (v instanceof Uint8Array) return v;
  throw new AppError('VAULT_CORRUPT', `The vault is damaged: ${what} holds neither bytes nor base64 text.`);
}
