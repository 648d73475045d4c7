import { AuditLog, auditPathFor, type AuditHead } from '../core/audit';
import type { VaultRecord } from '../core/vault';
import type { CertSummary } from '../../shared/domain/types';
import { isAppError, type ErrorCode } from '../../shared/ipc/error-codes';
import { record, RECORD } from './records';
import type { VaultSession } from './session';

export interface AuditFields {
  subject?: string;
  serial?: string;
  sha256?: string;
  detail?: string;
}

/** Failures that say "nothing was attempted" (bad id, locked vault): not worth an audit line. */
const NOT_ATTEMPTED: readonly ErrorCode[] = [
  'NOT_FOUND',
  'VAULT_LOCKED',
  'NO_VAULT',
  'INVALID_INPUT',
  'VAULT_BUSY',
];

export function certFields(
  s: Pick<CertSummary, 'subject' | 'serial' | 'sha256'>,
  detail?: string,
): AuditFields {
  return { subject: s.subject, serial: s.serial, sha256: s.sha256, ...(detail ? { detail } : {}) };
}

/**
 * Appends to the hash-chained audit file beside the vault, and keeps the vault's copy of the chain head
 * current: the head rides along with the next vault write (or is flushed at lock), so truncating the audit
 * file is detected against the authenticated vault without an extra fsync per operation.
 */
export class AuditRecorder {
  private pendingHead: AuditHead | null = null;
  private logPath: string | null = null;
  private logObj: AuditLog | null = null;

  constructor(
    private readonly session: VaultSession,
    private readonly now: () => Date,
  ) {}

  log(): AuditLog | null {
    const p = this.session.vaultPath;
    if (!p) return null;
    if (p !== this.logPath) {
      this.logPath = p;
      this.logObj = new AuditLog(auditPathFor(p));
    }
    return this.logObj;
  }

  async record(operation: string, outcome: 'ok' | 'failed', fields: AuditFields = {}): Promise<void> {
    const log = this.log();
    if (!log) return;
    await log.append({ time: this.now(), operation, outcome, ...fields });
    if (this.session.status().state === 'unlocked' && !this.session.readOnly)
      this.pendingHead = await log.head();
  }

  /** Records the outcome of `fn`: ok with the fields it describes, or failed with the error code. */
  async run<T>(
    operation: string,
    fn: () => Promise<T>,
    describe: (result: T) => AuditFields,
    failFields: AuditFields = {},
  ): Promise<T> {
    let result: T;
    try {
      result = await fn();
    } catch (e) {
      const code = isAppError(e) ? e.code : 'INTERNAL';
      if (!NOT_ATTEMPTED.includes(code)) {
        const msg = e instanceof Error ? e.message : String(e);
        await this.record(operation, 'failed', {
          ...failFields,
          detail: `${code}: ${msg}`.slice(0, 500),
        }).catch(() => undefined);
      }
      throw e;
    }
    await this.record(operation, 'ok', describe(result));
    return result;
  }

  /** Records to add to the next vault append (the audit head as of the last operation), consumed once. */
  takeHeadRecords(): VaultRecord[] {
    const head = this.pendingHead;
    if (!head) return [];
    this.pendingHead = null;
    return [record(RECORD.auditHead, head)];
  }

  /** After unlock: the file may have grown while locked (failed unlocks); the vault should learn its head. */
  async syncHeadAfterUnlock(): Promise<void> {
    const log = this.log();
    if (!log || this.session.readOnly) return;
    this.pendingHead = await log.head();
  }

  discardPending(): void {
    this.pendingHead = null;
  }
}
