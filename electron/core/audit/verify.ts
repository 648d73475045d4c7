import { timingSafeEqual } from 'node:crypto';
import type { AuditEntry, AuditVerifyResult } from '../../../shared/domain/types';
import { computeEntryHash, computeEntryMac, GENESIS_HASH, linkOf } from './chain';
import type { AuditHead, AuditTip, AuditTrust } from './types';

const HEX64 = /^[0-9a-f]{64}$/;

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** Where a walk over the file's bytes starts: after the entry `seq` whose chain value is `prev`. */
interface WalkStart {
  offset: number;
  prev: string;
  seq: number;
  /** the file's first line may start a segment (`prev` field) */
  atFileStart: boolean;
}

export interface ChainWalk {
  /** complete lines that verified */
  entries: number;
  /** the last entry that verified (the start when none did) */
  tip: AuditTip;
  /** chain value by seq, for the comparison with the head recorded in the vault */
  links: Map<number, string>;
  broken?: { seq: number; message: string };
  /** a final line without its newline (crash mid-append, or a cut) */
  torn: boolean;
}

/** Verifies complete lines from `start`; stops at the first entry that does not hold. */
export function walkChain(buf: Buffer, start: WalkStart, trust: AuditTrust): ChainWalk {
  let pos = start.offset;
  let prev = start.prev;
  let seq = start.seq;
  let keyed = false;
  const tip: AuditTip = { count: start.seq, hash: start.prev, lineStart: start.offset, end: start.offset };
  const links = new Map<number, string>();
  let entries = 0;
  const fail = (at: number, message: string): ChainWalk => ({
    entries,
    tip,
    links,
    broken: { seq: at, message },
    torn: false,
  });
  while (pos < buf.length) {
    const nl = buf.indexOf(0x0a, pos);
    if (nl < 0) return { entries, tip, links, torn: true };
    const expectedSeq = seq + 1;
    let e: AuditEntry;
    try {
      e = JSON.parse(buf.subarray(pos, nl).toString('utf8')) as AuditEntry;
    } catch {
      return fail(expectedSeq, `Audit entry ${expectedSeq} is not valid JSON: it was edited or damaged.`);
    }
    if (typeof e !== 'object' || e === null)
      return fail(expectedSeq, `Audit entry ${expectedSeq} is not an entry: it was edited or damaged.`);
    if (pos === 0 && start.atFileStart && e.prev !== undefined) {
      // A segment started after a break continues from the last verified entry of the kept-aside file.
      if (typeof e.prev !== 'string' || !HEX64.test(e.prev) || typeof e.seq !== 'number' || e.seq < 1)
        return fail(expectedSeq, 'The first audit entry names an invalid previous entry.');
      prev = e.prev;
      seq = e.seq - 1;
    } else if (e.prev !== undefined) {
      return fail(
        expectedSeq,
        `Audit entry ${expectedSeq} claims to start a segment in the middle of the log.`,
      );
    }
    const want = seq + 1;
    if (e.seq !== want) {
      return fail(
        want,
        `Audit entry at position ${want} carries seq ${String(e.seq)}: an entry was removed, inserted or reordered.`,
      );
    }
    if (typeof e.mac === 'string' && HEX64.test(e.mac)) {
      const mac = e.mac;
      if (!trust.keys.some((k) => sameHex(computeEntryMac(k, prev, e), mac))) {
        return fail(
          want,
          `Audit entry ${want} does not verify under this vault's audit key: it was edited or forged without the key, or an earlier entry was removed or replaced.`,
        );
      }
      keyed = true;
    } else if (typeof e.hash === 'string' && HEX64.test(e.hash) && e.mac === undefined) {
      const legacy = trust.legacyHead;
      if (keyed || !legacy || want > legacy.count) {
        return fail(
          want,
          `Audit entry ${want} has no MAC (unkeyed format 1): such entries are accepted only up to the head the vault recorded before its upgrade${legacy ? ` (entry ${legacy.count})` : ''}; it may be forged.`,
        );
      }
      if (computeEntryHash(prev, e) !== e.hash || (want === legacy.count && e.hash !== legacy.hash)) {
        return fail(
          want,
          `Audit entry ${want} does not chain to the one before: it was edited, or an earlier entry was removed or replaced.`,
        );
      }
    } else {
      return fail(want, `Audit entry ${want} has no valid MAC: it was edited or damaged.`);
    }
    const link = linkOf(e)!;
    links.set(want, link);
    seq = want;
    prev = link;
    entries++;
    tip.count = want;
    tip.hash = link;
    tip.lineStart = pos;
    tip.end = nl + 1;
    pos = nl + 1;
  }
  return { entries, tip, links, torn: false };
}

export const GENESIS_START: WalkStart = { offset: 0, prev: GENESIS_HASH, seq: 0, atFileStart: true };

export interface ChainCheck extends AuditVerifyResult {
  walk: ChainWalk;
}

/**
 * Whole-file check (AuditLog.verify). With `expected` (the head recorded in the authenticated vault), a file
 * that ends before it or disagrees with it is reported too (truncation / rewritten tail). With
 * `tolerateTornTail`, a final line without its newline is not a break (the next append cuts it).
 */
export function checkChain(
  buf: Buffer,
  trust: AuditTrust,
  expected?: AuditHead | null,
  tolerateTornTail = false,
): ChainCheck {
  const walk = walkChain(buf, GENESIS_START, trust);
  const broken = (seq: number, message: string): ChainCheck => ({
    ok: false,
    entries: walk.entries,
    brokenAt: seq,
    message,
    walk,
  });
  if (walk.broken) return broken(walk.broken.seq, walk.broken.message);
  if (walk.torn && !tolerateTornTail) {
    return broken(
      walk.tip.count + 1,
      `Audit entry ${walk.tip.count + 1} is incomplete: the file ends mid-line (truncated, or a write was interrupted).`,
    );
  }
  if (expected && expected.count > 0) {
    if (walk.tip.count < expected.count) {
      return broken(
        walk.tip.count + 1,
        `The audit log ends after entry ${walk.tip.count}, but the vault recorded ${expected.count} entries: entries were removed from the end.`,
      );
    }
    const link = walk.links.get(expected.count);
    if (link !== undefined && link !== expected.hash) {
      return broken(
        expected.count,
        `Audit entry ${expected.count} differs from the head recorded in the vault: the log was rewritten.`,
      );
    }
  }
  return {
    ok: true,
    entries: walk.entries,
    message: `${walk.entries} audit entries, chain intact.`,
    walk,
  };
}
