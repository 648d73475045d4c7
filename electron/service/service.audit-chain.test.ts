import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { canonicalJson, computeEntryHash } from '../core/audit';
import { openVault, readVaultHeader } from '../core/vault';
import { FORMAT_VERSION } from '../core/vault/header';
import { VaultImpl } from '../core/vault/vault-impl';
import { GrantStore } from './grants';
import { RECORD } from './records';
import { makeFixture, PASSPHRASE, seededFixture, type Fixture } from './testing/service-fixture';

const fixtures: Fixture[] = [];
afterEach(async () => {
  for (const fx of fixtures.splice(0)) await fx.cleanup();
});

function auditLines(fx: Fixture): string[] {
  return readFileSync(`${fx.vaultPath}.audit.jsonl`, 'utf8').trimEnd().split('\n');
}

async function issue(fx: Fixture, caId: string, cn: string): Promise<void> {
  await fx.call('certs:issue', {
    caId,
    profile: 'server',
    subject: { cn },
    sans: [{ type: 'dns', value: cn }],
  });
}

describe('keyed audit chain', () => {
  it('keeps a deleted last line visible after the next issuance: break recorded, damaged file kept aside, acknowledged only by the operator', async () => {
    const fx = await seededFixture();
    fixtures.push(fx);
    await fx.call('vault:lock', {});
    const lines = auditLines(fx);
    const removed = lines.at(-1)!;
    writeFileSync(`${fx.vaultPath}.audit.jsonl`, `${lines.slice(0, -1).join('\n')}\n`);

    const next = await fx.restart();
    fixtures.push(next);
    await next.call('vault:unlock', { passphrase: PASSPHRASE });
    await issue(next, fx.caId, 'after-the-cut');

    const v = await next.call('audit:verify', {});
    expect(v.ok).toBe(false);
    expect(v.message).toMatch(/broken.*entries were removed from the end/);
    expect(v.breaks).toHaveLength(1);
    const brk = v.breaks![0]!;
    expect(brk.lastVerified.count).toBe(lines.length - 1);
    // The damaged file is kept as it was found; nothing was appended to it.
    expect(readFileSync(path.join(fx.dir, brk.keptAs), 'utf8')).toBe(`${lines.slice(0, -1).join('\n')}\n`);
    expect(readFileSync(path.join(fx.dir, brk.keptAs), 'utf8')).not.toContain(removed);
    const current = await next.call('audit:list', {});
    expect(current[0]).toMatchObject({ seq: lines.length, operation: 'audit.break', outcome: 'failed' });
    expect(current.at(-1)).toMatchObject({ operation: 'certs.issue', subject: 'CN=after-the-cut' });

    // Still broken after another restart, until acknowledged; the acknowledgement is audited, the break stays listed.
    const third = await next.restart();
    fixtures.push(third);
    await third.call('vault:unlock', { passphrase: PASSPHRASE });
    expect((await third.call('audit:verify', {})).ok).toBe(false);
    expect((await third.fail('audit:acknowledge', { id: 'brk_nope' })).code).toBe('NOT_FOUND');
    expect(await third.call('audit:breaks', {})).toEqual([expect.objectContaining({ id: brk.id })]);
    // main asks first; a "no" leaves the break reported and records nothing.
    expect((await third.fail('audit:acknowledge', { id: brk.id })).code).toBe('CANCELLED');
    expect(third.confirmations.at(-1)).toMatch(/^Acknowledge the audit chain break found /);
    expect(await third.call('audit:list', { operation: 'audit.acknowledge' })).toHaveLength(0);
    third.answers.confirm = true;
    const acked = await third.call('audit:acknowledge', { id: brk.id });
    expect(acked.acknowledged).toBeDefined();
    const after = await third.call('audit:verify', {});
    expect(after.ok).toBe(true);
    expect(after.breaks).toEqual([expect.objectContaining({ id: brk.id, acknowledged: expect.any(Object) })]);
    expect(await third.call('audit:list', { operation: 'audit.acknowledge' })).toHaveLength(1);
  });

  it('finds a line removed while the app runs before the next append, and appends nothing to the damaged chain', async () => {
    const fx = await seededFixture();
    fixtures.push(fx);
    const lines = auditLines(fx);
    const damaged = `${lines.slice(0, -1).join('\n')}\n`;
    writeFileSync(`${fx.vaultPath}.audit.jsonl`, damaged);
    await issue(fx, fx.caId, 'next');
    const v = await fx.call('audit:verify', {});
    expect(v.ok).toBe(false);
    expect(v.breaks![0]!.reason).toMatch(/no longer holds entry/);
    expect(readFileSync(path.join(fx.dir, v.breaks![0]!.keptAs), 'utf8')).toBe(damaged);
  });

  it('records a break an export finds only once a change in flight is complete, never between its vault write and its in-memory update', async () => {
    const fx = await seededFixture();
    fixtures.push(fx);
    const auditPath = `${fx.vaultPath}.audit.jsonl`;
    const damaged = `${auditLines(fx).slice(0, -1).join('\n')}\n`;
    // A vault write that starts in this gap would compact (when one is due) from a live inventory that lacks
    // the revocation already acknowledged on disk.
    const writesInGap: string[] = [];
    let inGap = false;
    const realAppend = Reflect.get(VaultImpl.prototype, 'append');
    const exportStarted = vi.spyOn(GrantStore.prototype, 'take');
    let exported: Promise<unknown> | undefined;
    let gapWrite: Promise<void> | undefined;
    const append = vi.spyOn(VaultImpl.prototype, 'append').mockImplementation(async function (
      this: VaultImpl,
      records,
    ) {
      const kinds = records.map((r) => r.type).join(',');
      if (inGap) writesInGap.push(kinds);
      const written = realAppend.call(this, records);
      if (inGap) gapWrite = written.catch(() => undefined);
      await written;
      if (exported || !records.some((r) => r.type === RECORD.revoke)) return;
      // The revocation is acknowledged; the caller has not applied it yet. An export finds the audit log cut.
      inGap = true;
      writeFileSync(auditPath, damaged);
      exported = fx.dispatch('export:calendar', {
        fileGrant: fx.grant(path.join(fx.dir, 'renewals.ics'), 'write-file'),
      });
      await new Promise((resolve) => setImmediate(resolve));
      // Only when the export was let in: wait until its break reached the vault (or it gave up).
      while (exportStarted.mock.calls.length > 0 && !gapWrite) {
        const settled = await Promise.race([
          exported.then(() => true),
          new Promise((resolve) => setImmediate(() => resolve(false))),
        ]);
        if (settled) break;
      }
      await gapWrite;
      inGap = false;
    });
    try {
      await fx.call('certs:revoke', { id: fx.serverId, reason: 'keyCompromise' });
      expect(await exported).toMatchObject({ ok: true });
    } finally {
      append.mockRestore();
      exportStarted.mockRestore();
    }
    expect(writesInGap).toEqual([]);
    const v = await fx.call('audit:verify', {});
    expect(v.breaks).toHaveLength(1);
    await fx.call('vault:lock', {});
    await fx.call('vault:unlock', { passphrase: PASSPHRASE });
    expect((await fx.call('certs:get', { id: fx.serverId })).summary.revoked).toBeDefined();
  });

  it('refuses an entry forged with the unkeyed recipe', async () => {
    const fx = await seededFixture();
    fixtures.push(fx);
    const lines = auditLines(fx);
    const last = JSON.parse(lines.at(-1)!) as { seq: number; mac: string };
    const body = {
      seq: last.seq + 1,
      time: new Date().toISOString(),
      operation: 'certs.revoke',
      outcome: 'ok' as const,
    };
    writeFileSync(
      `${fx.vaultPath}.audit.jsonl`,
      `${[...lines, canonicalJson({ ...body, hash: computeEntryHash(last.mac, body) })].join('\n')}\n`,
    );
    const v = await fx.call('audit:verify', {});
    expect(v).toMatchObject({ ok: false, brokenAt: last.seq + 1 });
  });

  it('records failed unlocks without the key in a separate file and moves them into the keyed chain at the next unlock', async () => {
    const fx = await makeFixture();
    fixtures.push(fx);
    await fx.call('vault:create', { passphrase: PASSPHRASE });
    await fx.call('vault:lock', {});
    const before = readFileSync(`${fx.vaultPath}.audit.jsonl`);
    expect((await fx.fail('vault:unlock', { passphrase: 'not the passphrase' })).code).toBe(
      'WRONG_PASSPHRASE',
    );
    expect(readFileSync(`${fx.vaultPath}.audit.jsonl`)).toEqual(before);
    expect(readFileSync(`${fx.vaultPath}.audit-unauthenticated.jsonl`, 'utf8')).toContain('WRONG_PASSPHRASE');
    await fx.call('vault:unlock', { passphrase: PASSPHRASE });
    const failed = await fx.call('audit:list', { operation: 'vault.unlock' });
    expect(failed).toEqual([expect.objectContaining({ outcome: 'failed', origin: 'unauthenticated' })]);
    expect(readFileSync(`${fx.vaultPath}.audit-unauthenticated.jsonl`, 'utf8')).toBe('');
    expect((await fx.call('audit:verify', {})).ok).toBe(true);
  });
});

describe('a version-1 vault and audit log', () => {
  it('opens, verifies its unkeyed entries against the vault, and upgrades both on the next write', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'certdesk-v1-'));
    const src = path.join(import.meta.dirname, 'fixtures', 'v1-vault');
    for (const f of readdirSync(src)) copyFileSync(path.join(src, f), path.join(dir, f));
    const fx = await makeFixture({ dir });
    fixtures.push(fx);
    await fx.call('vault:unlock', { passphrase: PASSPHRASE });
    const certs = await fx.call('certs:list', {});
    expect(certs.map((c) => c.cn).sort()).toEqual(['kept.example', 'revoked-client', 'v1-root']);
    expect(certs.find((c) => c.cn === 'revoked-client')?.revoked?.reason).toBe('keyCompromise');
    expect(await fx.call('audit:verify', {})).toMatchObject({ ok: true });
    expect((await readVaultHeader(fx.vaultPath)).formatVersion).toBe(FORMAT_VERSION);
    const ca = certs.find((c) => c.cn === 'v1-root')!;
    await issue(fx, ca.id, 'new.example');
    const v = await fx.call('audit:verify', {});
    expect(v).toMatchObject({ ok: true });
    const entries = await fx.call('audit:list', {});
    expect(entries.slice(0, 5).every((e) => e.hash && !e.mac)).toBe(true);
    expect(entries.at(-1)).toMatchObject({ operation: 'certs.issue', mac: expect.any(String) });
    expect(existsSync(`${fx.vaultPath}.bak`)).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe.each([
  { version: 2, what: 'frames not deflated' },
  { version: 3, what: 'certificates and keys as base64 text' },
  { version: 4, what: 'one record per private key' },
  { version: 5, what: 'one record per certificate' },
])('a version-$version vault ($what)', ({ version }) => {
  it('opens with its certificates and keyed audit chain, and keeps both verifying after the rewrite', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), `certdesk-v${version}-`));
    const src = path.join(import.meta.dirname, 'fixtures', `v${version}-vault`);
    for (const f of readdirSync(src)) copyFileSync(path.join(src, f), path.join(dir, f));
    const fx = await makeFixture({ dir });
    fixtures.push(fx);
    expect((await readVaultHeader(fx.vaultPath)).formatVersion).toBe(version);
    await fx.call('vault:unlock', { passphrase: PASSPHRASE });
    const certs = await fx.call('certs:list', {});
    const root = `v${version}-root`;
    expect(certs.map((c) => c.cn).sort()).toEqual(['kept.example', 'revoked-client', root]);
    expect(certs.find((c) => c.cn === 'revoked-client')?.revoked?.reason).toBe('keyCompromise');
    expect(certs.find((c) => c.cn === 'kept.example')?.hasKey).toBe(true);
    // The stored certificates still verify under the stored root (signatures read from the older encoding).
    expect(certs.filter((c) => !c.revoked).map((c) => c.invalidReason)).toEqual([undefined, undefined]);
    expect(await fx.call('audit:verify', {})).toMatchObject({ ok: true });
    expect((await readVaultHeader(fx.vaultPath)).formatVersion).toBe(version);
    const ca = certs.find((c) => c.cn === root)!;
    // Signing needs the CA key stored by the older version.
    await issue(fx, ca.id, 'new.example');
    // The first change rewrote the vault in the current version; the older file is its .bak.
    expect((await readVaultHeader(fx.vaultPath)).formatVersion).toBe(FORMAT_VERSION);
    expect((await readVaultHeader(`${fx.vaultPath}.bak`)).formatVersion).toBe(version);
    // ...from the live state: the certificates it had are in tables now (only the new one has its own record).
    const rewritten = await openVault(fx.vaultPath, PASSPHRASE, { readOnly: true });
    await rewritten.vault.lock();
    const types = rewritten.records.map((r) => r.type);
    expect(types.filter((t) => t === RECORD.certTable)).toHaveLength(1);
    expect(types.filter((t) => t === RECORD.cert)).toHaveLength(1);
    expect(await fx.call('audit:verify', {})).toMatchObject({ ok: true });
    await fx.call('vault:lock', {});
    await fx.call('vault:unlock', { passphrase: PASSPHRASE });
    const after = await fx.call('certs:list', {});
    expect(after.map((c) => c.cn).sort()).toEqual(['kept.example', 'new.example', 'revoked-client', root]);
    expect(after.filter((c) => !c.revoked).map((c) => c.invalidReason)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    // The rewritten generation holds the keys in its own encoding: the CA still signs from it.
    await issue(fx, ca.id, 'after-reopen.example');
    const v = await fx.call('audit:verify', {});
    expect(v).toMatchObject({ ok: true });
    expect((await fx.call('audit:list', {})).every((e) => e.mac)).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });
});
