import { open, readFile, rename } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { AuditEntry } from '../../../shared/domain/types';
import { AppError } from '../../../shared/ipc/error-codes';
import { fsyncDir, readAt } from '../vault/durable-fs';
import { canonicalJson, computeEntryMac, type AuditBody } from './chain';
import { withAuditLock } from './file-lock';
import { checkChain, GENESIS_START, walkChain, type ChainCheck } from './verify';
import type { AuditAppendInput, AuditHead, AuditListOptions, AuditTip, AuditTrust } from './types';

/** Audit file beside a vault. */
export function auditPathFor(vaultPath: string): string {
  return `${vaultPath}.audit.jsonl`;
}

function bodyOf(seq: number, input: AuditAppendInput, prev?: string): AuditBody {
  return {
    seq,
    time: input.time.toISOString(),
    operation: input.operation,
    outcome: input.outcome,
    ...(input.subject !== undefined ? { subject: input.subject } : {}),
    ...(input.serial !== undefined ? { serial: input.serial } : {}),
    ...(input.sha256 !== undefined ? { sha256: input.sha256 } : {}),
    ...(input.detail !== undefined ? { detail: input.detail } : {}),
    ...(input.origin !== undefined ? { origin: input.origin } : {}),
    ...(prev !== undefined ? { prev } : {}),
  };
}

async function readAll(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return Buffer.alloc(0);
    throw e;
  }
}

/** Thrown when the file no longer extends the verified tip: nothing was appended. */
export function auditDiverged(message: string): AppError {
  return new AppError('AUDIT_BROKEN', message);
}

/**
 * One audit file, keyed by the vault (HMAC-SHA256 per entry, see FORMAT.md). Appends are durable (fsync
 * before resolving) and verify before they extend: the file must still hold the caller's verified tip, and
 * whatever other processes appended since must verify, else nothing is written (AUDIT_BROKEN). A short lock
 * file serialises appends from several processes (app + CLI) so the chain never forks.
 */
export class AuditLog {
  constructor(
    readonly path: string,
    private readonly trust: AuditTrust,
  ) {}

  /** Whole-file check against the head recorded in the vault; a torn final line is tolerated when asked. */
  async check(expected?: AuditHead | null, tolerateTornTail = false): Promise<ChainCheck> {
    return checkChain(await readAll(this.path), this.trust, expected, tolerateTornTail);
  }

  /** As check, shaped for audit:verify. */
  async verify(expected?: AuditHead | null): Promise<ChainCheck> {
    return this.check(expected);
  }

  /** Appends one entry after `tip` (which must still be in the file); returns it and the new tip. */
  async append(input: AuditAppendInput, tip: AuditTip): Promise<{ entry: AuditEntry; tip: AuditTip }> {
    return withAuditLock(this.path, async () => {
      const fh = await open(this.path, 'a+', 0o600);
      try {
        const size = (await fh.stat()).size;
        const current = await this.extendedTip(await readAt(fh, 0, size), tip);
        if (current.end < size) await fh.truncate(current.end); // a torn final line: never acknowledged
        const body = bodyOf(current.count + 1, input);
        const entry: AuditEntry = { ...body, mac: computeEntryMac(this.trust.keys[0]!, current.hash, body) };
        const line = `${canonicalJson(entry)}\n`;
        await fh.write(line);
        await fh.sync();
        if (size === 0) await fsyncDir(dirname(this.path));
        const next: AuditTip = {
          count: entry.seq,
          hash: entry.mac!,
          lineStart: current.end,
          end: current.end + Buffer.byteLength(line),
        };
        return { entry, tip: next };
      } finally {
        await fh.close();
      }
    });
  }

  /**
   * The tip after entries other processes appended since `tip`, all verified; AUDIT_BROKEN when the file no
   * longer holds `tip` where it was or a later entry does not verify.
   */
  private async extendedTip(buf: Buffer, tip: AuditTip): Promise<AuditTip> {
    if (tip.end > 0) {
      const line = buf.subarray(tip.lineStart, tip.end);
      let e: Partial<AuditEntry> | null = null;
      try {
        if (line.at(-1) === 0x0a) e = JSON.parse(line.toString('utf8')) as AuditEntry;
      } catch {
        e = null;
      }
      if (!e || e.seq !== tip.count || (e.mac ?? e.hash) !== tip.hash) {
        throw auditDiverged(
          `The audit log no longer holds entry ${tip.count} where it was written: it was edited, cut or replaced.`,
        );
      }
    }
    const start =
      tip.end === 0 ? GENESIS_START : { offset: tip.end, prev: tip.hash, seq: tip.count, atFileStart: false };
    const walk = walkChain(buf, start, { keys: this.trust.keys, legacyHead: null });
    if (walk.broken) throw auditDiverged(walk.broken.message);
    return walk.entries === 0 ? { ...tip, end: Math.max(tip.end, start.offset) } : walk.tip;
  }

  /**
   * After a break: keeps the damaged file aside (renamed, never edited) and starts a new file whose first
   * entry continues after `after`, the last verified entry. Returns the kept-aside name and the new tip.
   */
  async startSegment(
    after: AuditHead,
    input: AuditAppendInput,
    stamp: string,
  ): Promise<{ keptAs: string; entry: AuditEntry; tip: AuditTip }> {
    return withAuditLock(this.path, async () => {
      const keptAs = `${this.path}.broken-${stamp}`;
      await rename(this.path, keptAs).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e;
      });
      const body = bodyOf(after.count + 1, input, after.hash);
      const entry: AuditEntry = { ...body, mac: computeEntryMac(this.trust.keys[0]!, after.hash, body) };
      const line = `${canonicalJson(entry)}\n`;
      const fh = await open(this.path, 'wx', 0o600);
      try {
        await fh.write(line);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await fsyncDir(dirname(this.path));
      return {
        keptAs: basename(keptAs),
        entry,
        tip: { count: entry.seq, hash: entry.mac!, lineStart: 0, end: Buffer.byteLength(line) },
      };
    });
  }

  /** Entries in order, filtered and limited to the newest `limit`; damaged and torn lines are skipped. */
  async list(opts?: AuditListOptions): Promise<AuditEntry[]> {
    const text = (await readAll(this.path)).toString('utf8');
    const lines = text.split('\n');
    lines.pop();
    let entries: AuditEntry[] = [];
    for (const line of lines) {
      try {
        entries.push(JSON.parse(line) as AuditEntry);
      } catch {
        /* damaged lines are verify's business */
      }
    }
    if (opts?.operation !== undefined) entries = entries.filter((e) => e.operation === opts.operation);
    if (opts?.limit !== undefined) entries = entries.slice(-opts.limit);
    return entries;
  }
}
