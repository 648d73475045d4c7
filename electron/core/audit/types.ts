import type { AuditEntry } from '../../../shared/domain/types';

/** What the caller supplies for one entry; `seq` and `hash` are assigned by the log. */
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
}

/** The chain's tip: number of entries and the hash of the last one (GENESIS_HASH when empty). */
export interface AuditHead {
  count: number;
  hash: string;
}

export interface AuditListOptions {
  /** only entries with this operation */
  operation?: string;
  /** at most this many, newest last (the tail of the log). Default: all. */
  limit?: number;
}
