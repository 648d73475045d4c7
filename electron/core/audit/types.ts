import type { AuditEntry } from '../../../shared/domain/types';

/** What the caller supplies for one entry; `seq` and `mac` are assigned by the log. */
export interface AuditAppendInput {
  /** time of the operation (passed in: core never reads the clock) */
  time: Date;
  operation: string;
  outcome: AuditEntry['outcome'];
  subject?: string;
  serial?: string;
  sha256?: string;
  /** short, secret-free context (e.g. the error code of a failed operation) */
  detail?: string;
  origin?: AuditEntry['origin'];
}

/** The chain's tip: number of entries and the chain value (mac, or hash for format 1) of the last one. */
export interface AuditHead {
  count: number;
  hash: string;
}

/** A verified position in the file: the head plus where its line starts and ends (bytes). */
export interface AuditTip extends AuditHead {
  lineStart: number;
  end: number;
}

/** What makes entries verifiable: the vault's audit keys, and the pre-upgrade head for format-1 entries. */
export interface AuditTrust {
  /** current audit key first, then keys of earlier data keys */
  keys: readonly Buffer[];
  /** format-1 (unkeyed) entries are accepted up to this head, recorded in the vault; none after it */
  legacyHead?: AuditHead | null;
}

export interface AuditListOptions {
  /** only entries with this operation */
  operation?: string;
  /** at most this many, newest last (the tail of the log). Default: all. */
  limit?: number;
}
