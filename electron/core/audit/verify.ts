import type { AuditEntry, AuditVerifyResult } from '../../../shared/domain/types';
import { computeEntryHash, GENESIS_HASH } from './chain';
import type { AuditHead } from './types';

export function splitLines(text: string): { complete: string[]; torn: string } {
  const parts = text.split('\n');
  const torn = parts.pop() ?? '';
  return { complete: parts, torn };
}

const HEX64 = /^[0-9a-f]{64}$/;

/** Pure chain check over the file's text (see AuditLog.verify). */
export function checkChain(text: string, expected?: AuditHead): AuditVerifyResult {
  const { complete, torn } = splitLines(text);
  let prev = GENESIS_HASH;
  const hashes: string[] = [];
  const broken = (seq: number, message: string): AuditVerifyResult => ({
    ok: false,
    entries: hashes.length,
    brokenAt: seq,
    message,
  });
  for (const [i, line] of complete.entries()) {
    const seq = i + 1;
    let e: AuditEntry;
    try {
      e = JSON.parse(line) as AuditEntry;
    } catch {
      return broken(seq, `Audit entry ${seq} is not valid JSON: it was edited or damaged.`);
    }
    if (typeof e !== 'object' || e === null || typeof e.hash !== 'string' || !HEX64.test(e.hash)) {
      return broken(seq, `Audit entry ${seq} has no valid hash: it was edited or damaged.`);
    }
    if (e.seq !== seq) {
      return broken(
        seq,
        `Audit entry at position ${seq} carries seq ${String(e.seq)}: an entry was removed, inserted or reordered.`,
      );
    }
    const { hash, ...body } = e;
    if (computeEntryHash(prev, body) !== hash) {
      return broken(
        seq,
        `Audit entry ${seq} does not chain to the one before: it was edited, or an earlier entry was removed or replaced.`,
      );
    }
    hashes.push(hash);
    prev = hash;
  }
  if (torn.length > 0) {
    return broken(
      hashes.length + 1,
      `Audit entry ${hashes.length + 1} is incomplete: the file ends mid-line (truncated, or a write was interrupted).`,
    );
  }
  if (expected && expected.count > 0) {
    if (hashes.length < expected.count) {
      return broken(
        hashes.length + 1,
        `The audit log ends after entry ${hashes.length}, but the vault recorded ${expected.count} entries: entries were removed from the end.`,
      );
    }
    if (hashes[expected.count - 1] !== expected.hash) {
      return broken(
        expected.count,
        `Audit entry ${expected.count} differs from the head recorded in the vault: the log was rewritten.`,
      );
    }
  }
  return { ok: true, entries: hashes.length, message: `${hashes.length} audit entries, chain intact.` };
}
