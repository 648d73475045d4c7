import { randomBytes } from 'node:crypto';
import { rename } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  AuditLog,
  auditPathFor,
  GENESIS_HASH,
  UnauthenticatedLog,
  unauthenticatedPathFor,
  type AuditAppendInput,
  type AuditHead,
  type AuditTip,
} from '../core/audit';
import type { VaultRecord } from '../core/vault';
import type { AuditBreak, CertSummary } from '../../shared/domain/types';
import { AppError, isAppError, type ErrorCode } from '../../shared/ipc/error-codes';
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

/** Failures before anything was attempted (nothing to find, nothing to unlock): no audit row for them. */
export function notAttempted(code: ErrorCode): boolean {
  return NOT_ATTEMPTED.includes(code);
}

export function certFields(
  s: Pick<CertSummary, 'subject' | 'serial' | 'sha256'>,
  detail?: string,
): AuditFields {
  return { subject: s.subject, serial: s.serial, sha256: s.sha256, ...(detail ? { detail } : {}) };
}

/**
 * Keeps the keyed audit chain beside the vault honest. At unlock the whole file is verified against the head
 * recorded in the vault; every append then checks the file still holds the verified tip. When either fails,
 * nothing is appended to the damaged chain: the file is kept aside, the break is recorded in the vault and a
 * new segment continues after the last verified entry. The head rides along with the next vault write (or is
 * flushed at lock). While locked (failed unlocks) entries go to the unauthenticated file.
 */
export class AuditRecorder {
  private pendingHead: AuditHead | null = null;
  private keyed: AuditLog | null = null;
  private tip: AuditTip | null = null;

  constructor(
    private readonly session: VaultSession,
    private readonly now: () => Date,
    /** called after each entry is on disk */
    private readonly appended: () => void = () => undefined,
  ) {}

  /** The keyed log of the unlocked vault (null when locked). */
  log(): AuditLog | null {
    return this.keyed;
  }

  private unauthenticated(): UnauthenticatedLog | null {
    const p = this.session.vaultPath;
    return p ? new UnauthenticatedLog(unauthenticatedPathFor(p)) : null;
  }

  /**
   * After unlock or create: verify before extend. `fresh` (a new vault) sets aside an audit file left by an
   * earlier vault at the same path instead of calling it a break.
   */
  async attach(fresh = false): Promise<void> {
    const { vault, inventory } = this.session.unlocked();
    const path = auditPathFor(vault.path);
    if (fresh) await rename(path, `${path}.orphaned-${this.stamp()}`).catch(() => undefined);
    const writable = !vault.readOnly;
    // Format-1 entries (unkeyed) are trusted up to the head the vault recorded before its first keyed entry.
    // A keyed head can never be reached by a SHA-256 chain, so pinning whatever head is there is safe.
    const legacyHead = inventory.auditLegacyHead ?? inventory.auditHead ?? { count: 0, hash: GENESIS_HASH };
    this.keyed = new AuditLog(path, { keys: vault.integrityKeys('audit'), legacyHead });
    if (writable && !inventory.auditLegacyHead)
      await this.persist([record(RECORD.auditLegacyHead, legacyHead)]);
    const check = await this.keyed.check(inventory.auditHead, true);
    if (check.ok) this.tip = check.walk.tip;
    else if (writable) await this.recordBreak(check.message, check.walk.tip);
    else this.tip = null; // read-only: nothing may be appended to a damaged chain here
    if (writable) await this.importUnauthenticated();
  }

  /** Keys changed (passphrase change): the current key signs from now on, older ones still verify. */
  refreshKeys(): void {
    const { vault, inventory } = this.session.unlocked();
    if (!this.keyed) return;
    this.keyed = new AuditLog(this.keyed.path, {
      keys: vault.integrityKeys('audit'),
      legacyHead: inventory.auditLegacyHead ?? null,
    });
  }

  detach(): void {
    this.keyed = null;
    this.tip = null;
    this.pendingHead = null;
  }

  private stamp(): string {
    return this.now().toISOString().replace(/[:.]/g, '-');
  }

  private async persist(records: VaultRecord[]): Promise<void> {
    const { vault, inventory } = this.session.writable();
    await vault.append(records);
    for (const r of records) inventory.apply(r);
  }

  private async recordBreak(reason: string, lastVerified: AuditHead): Promise<void> {
    const log = this.keyed!;
    const stamp = this.stamp();
    const keptAs = `${basename(log.path)}.broken-${stamp}`;
    const after = { count: lastVerified.count, hash: lastVerified.hash };
    const seg = await log.startSegment(
      after,
      {
        time: this.now(),
        operation: 'audit.break',
        outcome: 'failed',
        detail:
          `${reason} The damaged log was kept as ${keptAs}; this segment continues after entry ${after.count}.`.slice(
            0,
            500,
          ),
      },
      stamp,
    );
    const brk: Omit<AuditBreak, 'acknowledged'> = {
      id: `brk_${randomBytes(6).toString('hex')}`,
      at: this.now().toISOString(),
      reason,
      keptAs: seg.keptAs,
      lastVerified: after,
    };
    this.tip = seg.tip;
    this.pendingHead = null;
    await this.persist([
      record(RECORD.auditBreak, brk),
      record(RECORD.auditHead, { count: seg.tip.count, hash: seg.tip.hash }),
    ]);
  }

  /** Failed unlocks recorded without the key enter the keyed chain, marked as unproven, then the file is emptied. */
  private async importUnauthenticated(): Promise<void> {
    const file = this.unauthenticated();
    if (!file) return;
    const entries = await file.read();
    for (const e of entries) {
      await this.append({
        time: new Date(e.time),
        operation: e.operation,
        outcome: e.outcome,
        ...(e.detail !== undefined ? { detail: e.detail } : {}),
        origin: 'unauthenticated',
      });
    }
    if (entries.length > 0) await file.clear();
  }

  /** Appends to the keyed chain; false when nothing was written (no verified tip, damaged read-only chain). */
  private async append(input: AuditAppendInput): Promise<boolean> {
    const log = this.keyed;
    if (!log || !this.tip) return false;
    const writable = !this.session.readOnly && this.session.status().state === 'unlocked';
    try {
      this.tip = (await log.append(input, this.tip)).tip;
    } catch (e) {
      if (!(isAppError(e) && e.code === 'AUDIT_BROKEN')) throw e;
      if (!writable) {
        this.tip = null;
        return false;
      }
      await this.recordBreak(e.message, this.tip);
      this.tip = (await log.append(input, this.tip)).tip;
    }
    if (writable) this.pendingHead = { count: this.tip.count, hash: this.tip.hash };
    return true;
  }

  async record(operation: string, outcome: 'ok' | 'failed', fields: AuditFields = {}): Promise<void> {
    const input: AuditAppendInput = { time: this.now(), operation, outcome, ...fields };
    let wrote: boolean;
    if (this.keyed) wrote = await this.append(input);
    else {
      const file = this.unauthenticated();
      if (file) await file.append(input);
      wrote = file !== null;
    }
    // Only a line that reached disk is worth telling the renderer about (it refetches the log).
    if (wrote) this.appended();
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

  /** The operator has seen a break: recorded in the vault and in the chain; the break stays listed. */
  async acknowledge(id: string): Promise<AuditBreak> {
    const { inventory } = this.session.writable();
    const brk = inventory.auditBreaks.find((b) => b.id === id);
    if (!brk) throw new AppError('NOT_FOUND', `No audit break ${id} is recorded in this vault.`);
    if (brk.acknowledged) return { ...brk };
    await this.persist([record(RECORD.auditBreakAck, { id, at: this.now().toISOString() })]);
    await this.record('audit.acknowledge', 'ok', { detail: `${id}: ${brk.reason}`.slice(0, 500) });
    return { ...inventory.auditBreaks.find((b) => b.id === id)! };
  }

  /** Records to add to the next vault append (the audit head as of the last operation), consumed once. */
  takeHeadRecords(): VaultRecord[] {
    const head = this.pendingHead;
    if (!head) return [];
    this.pendingHead = null;
    return [record(RECORD.auditHead, head)];
  }

  discardPending(): void {
    this.pendingHead = null;
  }
}
