import type { AuditEntry, AuditVerifyResult } from '../../../shared/domain/types';
import type { AuditAppendInput, AuditHead, AuditListOptions } from './types';

/** Audit file beside a vault. */
export function auditPathFor(vaultPath: string): string {
  return `${vaultPath}.audit.jsonl`;
}

/**
 * One audit file. Appends are durable (fsync before resolving) and cheap (O_APPEND, only the tail is read);
 * a short lock file serialises appends from several processes (app + CLI) so the chain never forks.
 */
export class AuditLog {
  constructor(readonly path: string) {}

  /** Appends one entry, chaining it to the current tip; repairs a torn final line first. */
  async append(input: AuditAppendInput): Promise<AuditEntry> {
    void input;
    throw new Error('not implemented');
  }

  /** Entries in order (filtered / limited); a torn final line is skipped. */
  async list(opts?: AuditListOptions): Promise<AuditEntry[]> {
    void opts;
    throw new Error('not implemented');
  }

  /** Current tip (count and last hash). */
  async head(): Promise<AuditHead> {
    throw new Error('not implemented');
  }

  /**
   * Re-checks the whole chain: an edited, removed, reordered or torn entry gives `ok: false` with `brokenAt`
   * = seq of the first entry that does not hold. With `expected` (the head recorded in the vault), a file
   * that ends before it or disagrees with it is reported too (truncation / tail rewrite).
   */
  async verify(expected?: AuditHead): Promise<AuditVerifyResult> {
    void expected;
    throw new Error('not implemented');
  }
}
