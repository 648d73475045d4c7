import { open, readFile, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AuditEntry, AuditVerifyResult } from '../../../shared/domain/types';
import { AppError } from '../../../shared/ipc/error-codes';
import { fsyncDir, readAt } from '../vault/durable-fs';
import { canonicalJson, computeEntryHash, GENESIS_HASH } from './chain';
import { withAuditLock } from './file-lock';
import { checkChain, splitLines } from './verify';
import type { AuditAppendInput, AuditHead, AuditListOptions } from './types';

/** Audit file beside a vault. */
export function auditPathFor(vaultPath: string): string {
  return `${vaultPath}.audit.jsonl`;
}

const TAIL_WINDOW = 64 * 1024;

/** The last complete line and where the complete part of the file ends (a torn tail starts there). */
async function readTail(fh: FileHandle): Promise<{ last: string | null; completeEnd: number; size: number }> {
  const size = (await fh.stat()).size;
  for (let window = TAIL_WINDOW; ; window *= 4) {
    const start = Math.max(0, size - window);
    // Work on bytes: a window may begin in the middle of a UTF-8 sequence.
    const buf = await readAt(fh, start, size - start);
    const lastNl = buf.lastIndexOf(0x0a);
    const prevNl = lastNl <= 0 ? -1 : buf.lastIndexOf(0x0a, lastNl - 1);
    if (start > 0 && prevNl < 0) continue; // the last line starts before the window
    if (lastNl < 0) return { last: null, completeEnd: 0, size };
    return { last: buf.subarray(prevNl + 1, lastNl).toString('utf8'), completeEnd: start + lastNl + 1, size };
  }
}

function headOf(last: string | null, path: string): AuditHead {
  if (last === null) return { count: 0, hash: GENESIS_HASH };
  try {
    const e = JSON.parse(last) as Partial<AuditEntry>;
    if (typeof e.seq === 'number' && typeof e.hash === 'string') return { count: e.seq, hash: e.hash };
  } catch {
    /* reported below */
  }
  throw new AppError('AUDIT_BROKEN', `The last entry of the audit log ${path} is damaged; run audit verify.`);
}

/**
 * One audit file. Appends are durable (fsync before resolving) and cheap (O_APPEND, only the tail is read);
 * a short lock file serialises appends from several processes (app + CLI) so the chain never forks.
 */
export class AuditLog {
  constructor(readonly path: string) {}

  /** Appends one entry, chaining it to the current tip; cuts a torn final line (never acknowledged) first. */
  async append(input: AuditAppendInput): Promise<AuditEntry> {
    return withAuditLock(this.path, async () => {
      const fh = await open(this.path, 'a+', 0o600);
      try {
        const tail = await readTail(fh);
        if (tail.completeEnd < tail.size) await fh.truncate(tail.completeEnd);
        const head = headOf(tail.last, this.path);
        const body: Omit<AuditEntry, 'hash'> = {
          seq: head.count + 1,
          time: input.time.toISOString(),
          operation: input.operation,
          outcome: input.outcome,
          ...(input.subject !== undefined ? { subject: input.subject } : {}),
          ...(input.serial !== undefined ? { serial: input.serial } : {}),
          ...(input.sha256 !== undefined ? { sha256: input.sha256 } : {}),
          ...(input.detail !== undefined ? { detail: input.detail } : {}),
        };
        const entry: AuditEntry = { ...body, hash: computeEntryHash(head.hash, body) };
        await fh.write(`${canonicalJson(entry)}\n`);
        await fh.sync();
        if (tail.size === 0) await fsyncDir(dirname(this.path));
        return entry;
      } finally {
        await fh.close();
      }
    });
  }

  private async text(): Promise<string> {
    try {
      return await readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return '';
      throw e;
    }
  }

  /** Entries in order, filtered and limited to the newest `limit`; a torn final line is skipped. */
  async list(opts?: AuditListOptions): Promise<AuditEntry[]> {
    const { complete } = splitLines(await this.text());
    let entries: AuditEntry[] = [];
    for (const line of complete) {
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

  /** Current tip (count and last hash) of the complete entries. */
  async head(): Promise<AuditHead> {
    let fh: FileHandle;
    try {
      fh = await open(this.path, 'r');
    } catch {
      return { count: 0, hash: GENESIS_HASH };
    }
    try {
      return headOf((await readTail(fh)).last, this.path);
    } finally {
      await fh.close();
    }
  }

  /**
   * Re-checks the whole chain: an edited, removed, reordered or torn entry gives `ok: false` with `brokenAt`
   * = seq of the first entry that does not hold. With `expected` (the head recorded in the vault), a file
   * that ends before it or disagrees with it is reported too (truncation / tail rewrite).
   */
  async verify(expected?: AuditHead): Promise<AuditVerifyResult> {
    return checkChain(await this.text(), expected);
  }
}
