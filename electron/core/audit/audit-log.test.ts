import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AuditLog,
  auditPathFor,
  canonicalJson,
  computeEntryHash,
  computeEntryMac,
  GENESIS_HASH,
  type AuditTip,
} from './index';

const KEY = randomBytes(32);
const EMPTY: AuditTip = { count: 0, hash: GENESIS_HASH, lineStart: 0, end: 0 };
let dir: string;
let log: AuditLog;
let tip: AuditTip;
const t0 = new Date('2026-01-02T03:04:05Z');

async function fill(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    tip = (
      await log.append(
        {
          time: new Date(t0.getTime() + i * 1000),
          operation: i % 2 ? 'issue' : 'unlock',
          outcome: i === 3 ? 'failed' : 'ok',
          subject: `CN=svc-${i}`,
          serial: `0${i}`,
        },
        tip,
      )
    ).tip;
  }
}

function lines(): string[] {
  return readFileSync(log.path, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0);
}
function write(l: string[]): void {
  writeFileSync(log.path, `${l.join('\n')}\n`);
}
const head = () => ({ count: tip.count, hash: tip.hash });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'audit-'));
  log = new AuditLog(auditPathFor(join(dir, 'pki.vault')), { keys: [KEY] });
  tip = EMPTY;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('keyed audit log', () => {
  it('chains entries with an HMAC under the vault key and verifies them against the recorded head', async () => {
    await fill(6);
    const entries = await log.list();
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    const { mac, ...body } = entries[0]!;
    expect(mac).toBe(computeEntryMac(KEY, GENESIS_HASH, body));
    expect(entries[0]!.hash).toBeUndefined();
    expect(await log.verify(head())).toMatchObject({ ok: true, entries: 6 });
    expect((await log.list({ operation: 'issue' })).map((e) => e.seq)).toEqual([2, 4, 6]);
    expect((await log.list({ limit: 2 })).map((e) => e.seq)).toEqual([5, 6]);
  });

  it('refuses an entry appended with the documented unkeyed recipe', async () => {
    await fill(3);
    const last = JSON.parse(lines().at(-1)!) as { mac: string };
    const body = {
      seq: 4,
      time: t0.toISOString(),
      operation: 'issue',
      outcome: 'ok' as const,
      subject: 'CN=forged',
    };
    write([...lines(), canonicalJson({ ...body, hash: computeEntryHash(last.mac, body) })]);
    expect(await log.verify()).toMatchObject({ ok: false, brokenAt: 4 });
    expect((await log.verify()).message).toMatch(/no MAC/);
  });

  it('refuses a whole chain rewritten without the key (re-MACed under another key, or re-hashed)', async () => {
    await fill(4);
    const other = randomBytes(32);
    let prev = GENESIS_HASH;
    let prevHash = GENESIS_HASH;
    const remac: string[] = [];
    const rehash: string[] = [];
    for (const line of lines()) {
      const { mac: _m, ...body } = JSON.parse(line) as Record<string, unknown>;
      void _m;
      const b = { ...body, subject: 'CN=rewritten' } as never;
      const m = computeEntryMac(other, prev, b);
      remac.push(canonicalJson({ ...(b as object), mac: m }));
      prev = m;
      const h = computeEntryHash(prevHash, b);
      rehash.push(canonicalJson({ ...(b as object), hash: h }));
      prevHash = h;
    }
    for (const forged of [remac, rehash]) {
      write(forged);
      expect(await log.verify()).toMatchObject({ ok: false, brokenAt: 1 });
    }
  });

  it('reports an edited byte, a deleted line, reordered lines, and a cut against the recorded head', async () => {
    await fill(5);
    const original = lines();
    write(original.map((l) => l.replace('CN=svc-2', 'CN=svc-X')));
    expect(await log.verify()).toMatchObject({ ok: false, brokenAt: 3 });
    write(original.filter((_, i) => i !== 1));
    expect(await log.verify()).toMatchObject({ ok: false, brokenAt: 2 });
    write([original[0]!, original[2]!, original[1]!, ...original.slice(3)]);
    expect(await log.verify()).toMatchObject({ ok: false, brokenAt: 2 });
    write(original.slice(0, 3));
    expect(await log.verify()).toMatchObject({ ok: true, entries: 3 });
    expect(await log.verify(head())).toMatchObject({ ok: false, brokenAt: 4 });
  });

  it('verifies before it extends: a file that lost the verified tip gets nothing appended', async () => {
    await fill(3);
    write(lines().slice(0, 2));
    const before = readFileSync(log.path);
    await expect(log.append({ time: t0, operation: 'issue', outcome: 'ok' }, tip)).rejects.toMatchObject({
      code: 'AUDIT_BROKEN',
    });
    expect(readFileSync(log.path)).toEqual(before);
  });

  it('extends past entries another process appended with the key, and cuts a torn final line', async () => {
    await fill(2);
    const other = new AuditLog(log.path, { keys: [KEY] });
    await other.append({ time: t0, operation: 'export', outcome: 'ok' }, tip);
    writeFileSync(log.path, `${readFileSync(log.path, 'utf8')}{"seq":4,"ti`);
    tip = (await log.append({ time: t0, operation: 'lock', outcome: 'ok' }, tip)).tip;
    expect(tip.count).toBe(4);
    expect(await log.verify(head())).toMatchObject({ ok: true, entries: 4 });
  });

  it('starts a new segment after a break: the damaged file is kept aside and the chain continues after the last verified entry', async () => {
    await fill(4);
    const original = readFileSync(log.path);
    write(lines().slice(0, 3));
    const seg = await log.startSegment(
      { count: 3, hash: JSON.parse(lines()[2]!).mac as string },
      { time: t0, operation: 'audit.break', outcome: 'failed', detail: 'entry 4 missing' },
      'stamp',
    );
    expect(seg.keptAs).toBe('pki.vault.audit.jsonl.broken-stamp');
    expect(existsSync(join(dir, seg.keptAs))).toBe(true);
    expect(readFileSync(join(dir, seg.keptAs))).not.toEqual(original);
    expect(seg.entry).toMatchObject({ seq: 4, operation: 'audit.break' });
    tip = seg.tip;
    await fill(1);
    expect(await log.verify(head())).toMatchObject({ ok: true, entries: 2 });
    // A segment start cannot be forged without the key either.
    const forged = JSON.parse(lines()[0]!) as Record<string, unknown>;
    forged.detail = 'nothing happened';
    write([canonicalJson(forged), ...lines().slice(1)]);
    expect(await log.verify()).toMatchObject({ ok: false, brokenAt: 4 });
  });

  it('accepts format-1 (unkeyed) entries only up to the head the vault recorded before the upgrade', async () => {
    let prev = GENESIS_HASH;
    const legacy: string[] = [];
    for (let seq = 1; seq <= 3; seq++) {
      const body = { seq, time: t0.toISOString(), operation: 'issue', outcome: 'ok' as const };
      prev = computeEntryHash(prev, body);
      legacy.push(canonicalJson({ ...body, hash: prev }));
    }
    write(legacy);
    const pinned = { count: 2, hash: JSON.parse(legacy[1]!).hash as string };
    const upgraded = new AuditLog(log.path, { keys: [KEY], legacyHead: pinned });
    expect(await upgraded.verify()).toMatchObject({ ok: false, brokenAt: 3 });
    write(legacy.slice(0, 2));
    expect(await upgraded.verify(pinned)).toMatchObject({ ok: true, entries: 2 });
    const check = await upgraded.check(pinned);
    await upgraded.append({ time: t0, operation: 'issue', outcome: 'ok' }, check.walk.tip);
    expect(await upgraded.verify()).toMatchObject({ ok: true, entries: 3 });
  });

  it('treats a missing file as an empty, intact log', async () => {
    expect(await log.verify()).toMatchObject({ ok: true, entries: 0 });
  });
});
