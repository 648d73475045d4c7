import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog, auditPathFor, canonicalJson, computeEntryHash, GENESIS_HASH } from './index';

let dir: string;
let log: AuditLog;
const t0 = new Date('2026-01-02T03:04:05Z');

async function fill(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await log.append({
      time: new Date(t0.getTime() + i * 1000),
      operation: i % 2 ? 'issue' : 'unlock',
      outcome: i === 3 ? 'failed' : 'ok',
      subject: `CN=svc-${i}`,
      serial: `0${i}`,
      sha256: 'ab'.repeat(32),
    });
  }
}

function lines(): string[] {
  return readFileSync(log.path, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'audit-'));
  log = new AuditLog(auditPathFor(join(dir, 'pki.vault')));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('audit log', () => {
  it('chains appended entries and verifies them', async () => {
    await fill(6);
    const entries = await log.list();
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(entries[0]!.hash).toBe(
      computeEntryHash(GENESIS_HASH, { ...entries[0]!, hash: undefined } as never),
    );
    expect(entries[3]!.outcome).toBe('failed');
    expect(await log.verify()).toMatchObject({ ok: true, entries: 6 });
    expect(await log.head()).toEqual({ count: 6, hash: entries[5]!.hash });
    expect(await log.verify(await log.head())).toMatchObject({ ok: true });
  });

  it('lists by operation and limit, newest last', async () => {
    await fill(6);
    expect((await log.list({ operation: 'issue' })).map((e) => e.seq)).toEqual([2, 4, 6]);
    expect((await log.list({ limit: 2 })).map((e) => e.seq)).toEqual([5, 6]);
  });

  it('reports an edited byte at the edited entry', async () => {
    await fill(5);
    const text = readFileSync(log.path, 'utf8');
    writeFileSync(log.path, text.replace('CN=svc-2', 'CN=svc-X'));
    expect(await log.verify()).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('reports a deleted line', async () => {
    await fill(5);
    const l = lines();
    l.splice(1, 1);
    writeFileSync(log.path, `${l.join('\n')}\n`);
    expect(await log.verify()).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('reports reordered lines', async () => {
    await fill(5);
    const l = lines();
    [l[2], l[3]] = [l[3]!, l[2]!];
    writeFileSync(log.path, `${l.join('\n')}\n`);
    expect(await log.verify()).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('reports an entry re-hashed after editing, because the next one no longer chains', async () => {
    await fill(4);
    const l = lines();
    const e = JSON.parse(l[1]!) as Record<string, unknown>;
    e.subject = 'CN=forged';
    const { hash: _h, ...body } = e;
    void _h;
    e.hash = computeEntryHash(JSON.parse(l[0]!).hash as string, body as never);
    l[1] = canonicalJson(e);
    writeFileSync(log.path, `${l.join('\n')}\n`);
    expect(await log.verify()).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('reports truncation mid-line, and whole-line truncation against the head kept in the vault', async () => {
    await fill(5);
    const head = await log.head();
    const text = readFileSync(log.path, 'utf8');
    writeFileSync(log.path, text.slice(0, text.length - 10));
    expect(await log.verify()).toMatchObject({ ok: false, brokenAt: 5 });
    const l = lines().slice(0, 3);
    writeFileSync(log.path, `${l.join('\n')}\n`);
    expect(await log.verify()).toMatchObject({ ok: true, entries: 3 });
    expect(await log.verify(head)).toMatchObject({ ok: false, brokenAt: 4 });
  });

  it('reports a rewritten tail that disagrees with the head kept in the vault', async () => {
    await fill(3);
    const head = await log.head();
    writeFileSync(log.path, `${lines().slice(0, 2).join('\n')}\n`);
    await log.append({ time: t0, operation: 'issue', outcome: 'ok', subject: 'CN=other' });
    expect(await log.verify()).toMatchObject({ ok: true, entries: 3 });
    expect(await log.verify(head)).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('repairs a torn final line on the next append and keeps the chain', async () => {
    await fill(3);
    writeFileSync(log.path, `${readFileSync(log.path, 'utf8')}{"seq":4,"ti`);
    expect((await log.list()).length).toBe(3);
    const e = await log.append({ time: t0, operation: 'lock', outcome: 'ok' });
    expect(e.seq).toBe(4);
    expect(await log.verify()).toMatchObject({ ok: true, entries: 4 });
  });

  it('keeps one chain when several appends race', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        log.append({ time: t0, operation: 'issue', outcome: 'ok', serial: String(i) }),
      ),
    );
    expect(await log.verify()).toMatchObject({ ok: true, entries: 20 });
  });

  it('treats a missing file as an empty, intact log', async () => {
    expect(await log.verify()).toMatchObject({ ok: true, entries: 0 });
    expect(await log.head()).toEqual({ count: 0, hash: GENESIS_HASH });
  });
});
