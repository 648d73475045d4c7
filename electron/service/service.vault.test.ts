import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeFixture, PASSPHRASE, seededFixture, type Fixture } from './testing/service-fixture';

let fixtures: Fixture[] = [];
afterEach(async () => {
  for (const f of fixtures.reverse()) await f.cleanup().catch(() => undefined);
  fixtures = [];
});

describe('vault operations through the service', () => {
  it('changes the passphrase: the old one stops working, the new one opens everything', async () => {
    const fx = await seededFixture();
    fixtures.push(fx);
    const before = await fx.call('certs:list', {});
    const declined = await fx.fail('vault:changePassphrase', {
      current: PASSPHRASE,
      next: 'declined passphrase',
    });
    expect(declined.code).toBe('CANCELLED');
    expect(fx.confirmations).toEqual([`Change the passphrase of the vault ${fx.vaultPath}?`]);
    fx.answers.confirm = true;
    const wrong = await fx.fail('vault:changePassphrase', {
      current: 'not the passphrase',
      next: 'a brand new passphrase',
    });
    expect(wrong.code).toBe('WRONG_PASSPHRASE');
    await fx.call('vault:changePassphrase', { current: PASSPHRASE, next: 'a brand new passphrase' });
    await fx.call('vault:lock', {});
    expect((await fx.fail('vault:unlock', { passphrase: PASSPHRASE })).code).toBe('WRONG_PASSPHRASE');
    await fx.call('vault:unlock', { passphrase: 'a brand new passphrase' });
    expect(await fx.call('certs:list', {})).toEqual(before);
    const audit = await fx.call('audit:list', { operation: 'vault.changePassphrase' });
    expect(audit.map((a) => a.outcome)).toEqual(['failed', 'ok']);
  });

  it('backs up, then restores the backup over later changes', async () => {
    const fx = await seededFixture();
    fixtures.push(fx);
    const backupPath = path.join(fx.dir, 'usb-backup.certdesk');
    const b = await fx.call('vault:backup', { fileGrant: fx.grant(backupPath, 'write-file') });
    expect(b.path).toBe(backupPath);
    expect(b.bytes).toBeGreaterThan(0);
    expect(b.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await fx.fail('vault:backup', { fileGrant: fx.grant(backupPath, 'write-file') })).code).toBe(
      'EXPORT_TARGET_EXISTS',
    );
    const snapshot = await fx.call('certs:list', {});

    await fx.call('certs:issue', {
      caId: fx.caId,
      profile: 'client',
      subject: { cn: 'after-backup' },
      sans: [],
    });
    expect(await fx.call('certs:list', {})).toHaveLength(snapshot.length + 1);

    const grant = (): string => fx.grant(backupPath, 'restore-vault');
    const declined = await fx.fail('vault:restore', { backupGrant: grant(), passphrase: PASSPHRASE });
    expect(declined.code).toBe('CANCELLED');
    expect(fx.confirmations.at(-1)).toBe(
      `Replace the contents of the vault ${fx.vaultPath} with the backup ${backupPath}?`,
    );
    expect(await fx.call('certs:list', {})).toHaveLength(snapshot.length + 1);
    fx.answers.confirm = true;
    const status = await fx.call('vault:restore', { backupGrant: grant(), passphrase: PASSPHRASE });
    expect(status).toMatchObject({ state: 'unlocked', path: fx.vaultPath });
    expect(await fx.call('certs:list', {})).toEqual(snapshot);
    const ops = (await fx.call('audit:list', {})).map((a) => a.operation);
    expect(ops).toContain('vault.backup');
    expect(ops).toContain('vault.restore');
  });

  it('opens another vault file locked, and refuses a file that is not a vault', async () => {
    const a = await seededFixture();
    fixtures.push(a);
    const b = await makeFixture();
    fixtures.push(b);
    await b.call('vault:create', { passphrase: 'second vault passphrase' });
    expect(await b.call('certs:list', {})).toEqual([]);
    await a.call('vault:lock', {}); // releases the writer lock, as closing the other window would
    expect(await b.call('vault:open', { fileGrant: b.grant(a.vaultPath, 'open-vault') })).toEqual({
      state: 'locked',
      path: a.vaultPath,
    });
    await b.call('vault:unlock', { passphrase: PASSPHRASE });
    expect(await b.call('certs:list', {})).toHaveLength(3);
    const notVault = await b.fail('vault:open', {
      fileGrant: b.grant(path.join(a.dir, 'vault.certdesk.audit.jsonl'), 'open-vault'),
    });
    expect(notVault.code).toBe('VAULT_CORRUPT');
    expect((await b.call('vault:status', {})).state).toBe('unlocked');
  });

  it('refuses to create over an existing vault', async () => {
    const fx = await seededFixture();
    fixtures.push(fx);
    expect(existsSync(fx.vaultPath)).toBe(true);
    const err = await fx.fail('vault:create', { passphrase: 'some other passphrase' });
    expect(err.code).toBe('VAULT_EXISTS');
    expect((await fx.call('vault:status', {})).state).toBe('unlocked');
  });
});
