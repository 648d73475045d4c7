import { copyFileSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeFixture, PASSPHRASE, seededFixture, type Fixture } from './testing/service-fixture';

const fixtures: Fixture[] = [];
afterEach(async () => {
  for (const fx of fixtures.splice(0)) await fx.cleanup();
});

/**
 * Locks, keeps a copy of the vault, revokes the seeded server certificate in the live vault, locks again and
 * puts the copy back over it: an older vault that brings the revoked certificate back. Returns the copy's path.
 */
async function putBackCopyFromBeforeRevocation(fx: Fixture & { serverId: string }): Promise<string> {
  await fx.call('vault:lock', {});
  const older = path.join(fx.dir, 'older-copy');
  copyFileSync(fx.vaultPath, older);
  await fx.call('vault:unlock', { passphrase: PASSPHRASE });
  await fx.call('certs:revoke', { id: fx.serverId, reason: 'keyCompromise' });
  await fx.call('vault:lock', {});
  copyFileSync(older, fx.vaultPath);
  return older;
}

describe('rollback witness', () => {
  it('refuses an older copy of the vault put back over the current one, and brings back no revoked certificate unless accepted (audited)', async () => {
    const fx = await seededFixture();
    fixtures.push(fx);
    await putBackCopyFromBeforeRevocation(fx);

    const refused = await fx.fail('vault:unlock', { passphrase: PASSPHRASE });
    expect(refused.code).toBe('VAULT_ROLLED_BACK');
    expect(refused.message).toMatch(/older than the one last opened on this workstation/);
    expect(refused.message).toMatch(/last written \d{4}-\d\d-\d\dT.*newer state was seen \d{4}-\d\d-\d\dT/);
    // The app explains on the gate first; main asks only once the operator chooses to accept.
    expect(fx.confirmations).toEqual([]);
    const status = await fx.call('vault:status', {});
    expect(status).toMatchObject({ state: 'locked' });
    expect(status.rolledBack?.message).toMatch(/older than the one last opened on this workstation/);
    expect(status.rolledBack?.lost).toMatch(/undoes everything the newer state recorded/);
    // Choosing to accept, then declining main's question, opens nothing.
    const declined = await fx.fail('vault:unlock', { passphrase: PASSPHRASE, acceptRollback: true });
    expect(declined.code).toBe('VAULT_ROLLED_BACK');
    expect(fx.confirmations).toEqual([expect.stringMatching(/older than the one last opened/)]);
    expect(await fx.call('vault:status', {})).toMatchObject({ state: 'locked' });

    // The operator accepts (main's confirmation, answered yes).
    const yes = await fx.restart();
    fixtures.push(yes);
    yes.answers.confirm = true;
    expect((await yes.fail('vault:unlock', { passphrase: PASSPHRASE })).code).toBe('VAULT_ROLLED_BACK');
    await yes.call('vault:unlock', { passphrase: PASSPHRASE, acceptRollback: true });
    expect((await yes.call('vault:status', {})).rolledBack).toBeUndefined();
    const certs = await yes.call('certs:list', {});
    expect(certs.find((c) => c.id === fx.serverId)?.revoked).toBeUndefined();
    const accepted = await yes.call('audit:list', { operation: 'vault.rollbackAccepted' });
    expect(accepted).toHaveLength(1);
    expect(accepted[0]!.detail).toMatch(/older than the one last opened/);
    await yes.call('vault:lock', {});
    // Accepted once: this state is now the newest seen, so it opens again without asking.
    const again = await yes.restart();
    fixtures.push(again);
    await again.call('vault:unlock', { passphrase: PASSPHRASE });
  });

  it('asks before opening an older copy cut short to read as damaged: repairing it is not accepting the rollback', async () => {
    const fx = await seededFixture();
    fixtures.push(fx);
    await putBackCopyFromBeforeRevocation(fx);
    truncateSync(fx.vaultPath, statSync(fx.vaultPath).size - 1);
    expect((await fx.fail('vault:unlock', { passphrase: PASSPHRASE })).code).toBe('VAULT_DAMAGED');

    fx.answers.confirm = true;
    await fx.call('vault:unlock', { passphrase: PASSPHRASE, damaged: 'repair' });
    expect(fx.confirmations).toEqual([
      expect.stringMatching(/^Repair the damaged vault /),
      expect.stringMatching(/older than the one last opened on this workstation/),
    ]);
    expect((await fx.call('certs:list', {})).find((c) => c.id === fx.serverId)?.revoked).toBeUndefined();
    const accepted = await fx.call('audit:list', { operation: 'vault.rollbackAccepted' });
    expect(accepted).toHaveLength(1);
    expect(accepted[0]!.detail).toMatch(/older than the one last opened/);
  });

  it('refuses to browse an older copy cut short to read as damaged read-only unless main is answered yes, and learns nothing from it', async () => {
    const fx = await seededFixture();
    fixtures.push(fx);
    await putBackCopyFromBeforeRevocation(fx);
    truncateSync(fx.vaultPath, statSync(fx.vaultPath).size - 1);
    expect((await fx.fail('vault:unlock', { passphrase: PASSPHRASE })).code).toBe('VAULT_DAMAGED');
    const vaultBytes = readFileSync(fx.vaultPath);
    const witnessPath = path.join(fx.dir, 'state', 'vault-witness.json');
    const witnessBytes = readFileSync(witnessPath);

    const refused = await fx.fail('vault:unlock', { passphrase: PASSPHRASE, damaged: 'read-only' });
    expect(refused.code).toBe('VAULT_ROLLED_BACK');
    expect(fx.confirmations).toEqual([
      expect.stringMatching(/older than the one last opened on this workstation/),
    ]);
    const status = await fx.call('vault:status', {});
    expect(status).toMatchObject({ state: 'locked', damage: { choices: ['read-only', 'repair'] } });
    expect(status.rolledBack?.message).toMatch(/older than the one last opened on this workstation/);

    fx.answers.confirm = true;
    const ro = await fx.call('vault:unlock', { passphrase: PASSPHRASE, damaged: 'read-only' });
    expect(ro.state).toBe('unlocked');
    expect(ro.readOnly).toMatch(/damaged.*read-only/);
    expect((await fx.call('certs:list', {})).find((c) => c.id === fx.serverId)?.revoked).toBeUndefined();
    await fx.call('vault:lock', {});
    // Read-only: the file is untouched and the witness still knows the newer state, so the next open asks again.
    expect(readFileSync(fx.vaultPath)).toEqual(vaultBytes);
    expect(readFileSync(witnessPath)).toEqual(witnessBytes);
    fx.answers.confirm = false;
    expect((await fx.fail('vault:unlock', { passphrase: PASSPHRASE, damaged: 'read-only' })).code).toBe(
      'VAULT_ROLLED_BACK',
    );
  });

  it('does not refuse a restore through the app (an accepted rollback by design)', async () => {
    const fx = await seededFixture();
    fixtures.push(fx);
    const backup = path.join(fx.dir, 'backup.certdesk');
    await fx.call('vault:backup', { fileGrant: fx.grant(backup, 'write-file') });
    await fx.call('certs:revoke', { id: fx.clientId, reason: 'superseded' });
    fx.answers.confirm = true; // "replace the vault with this backup?": the restore's own confirmation
    await fx.call('vault:restore', {
      backupGrant: fx.grant(backup, 'restore-vault'),
      passphrase: PASSPHRASE,
    });
    expect(fx.confirmations.filter((m) => /older than/.test(m))).toEqual([]);
    expect(await fx.call('vault:status', {})).toMatchObject({ state: 'unlocked' });
    const restores = await fx.call('audit:list', { operation: 'vault.restore' });
    expect(restores.at(-1)!.detail).toMatch(/older than the one last opened.*Accepted by restoring a backup/);
  });

  it('marks the data key retired on a passphrase change, so a copy made under the old passphrase is refused', async () => {
    const fx = await makeFixture();
    fixtures.push(fx);
    await fx.call('vault:create', { passphrase: PASSPHRASE });
    await fx.call('vault:lock', {});
    const older = readFileSync(fx.vaultPath);
    await fx.call('vault:unlock', { passphrase: PASSPHRASE });
    fx.answers.confirm = true;
    await fx.call('vault:changePassphrase', { current: PASSPHRASE, next: 'another long passphrase' });
    fx.answers.confirm = false;
    await fx.call('vault:lock', {});
    writeFileSync(fx.vaultPath, older);
    expect((await fx.fail('vault:unlock', { passphrase: PASSPHRASE })).code).toBe('VAULT_ROLLED_BACK');
  });

  it('refuses an older copy recovered with shares unless accepted, and retires the pre-recovery data key', async () => {
    const fx = await seededFixture();
    fixtures.push(fx);
    fx.answers.confirm = true; // main's "create recovery shares?"
    const { sheets } = await fx.call('recovery:create', { threshold: 2, shares: 2 });
    const shares = sheets.map((s, i) => ({ label: `share ${i + 1}`, text: s.text }));
    fx.answers.confirm = false;
    const older = await putBackCopyFromBeforeRevocation(fx);
    const untouched = readFileSync(fx.vaultPath);

    const next = 'a passphrase set at recovery';
    const refused = await fx.fail('recovery:restore', { shares, newPassphrase: next });
    expect(refused.code).toBe('VAULT_ROLLED_BACK');
    expect(refused.message).toMatch(/older than the one last opened.*nothing was changed/);
    expect(fx.confirmations.at(-1)).toMatch(/older than the one last opened/);
    expect(readFileSync(fx.vaultPath).equals(untouched)).toBe(true);
    expect(await fx.call('vault:status', {})).toMatchObject({ state: 'locked' });

    fx.answers.confirm = true;
    await fx.call('recovery:restore', { shares, newPassphrase: next });
    expect((await fx.call('certs:list', {})).find((c) => c.id === fx.serverId)?.revoked).toBeUndefined();
    const accepted = await fx.call('audit:list', { operation: 'vault.rollbackAccepted' });
    expect(accepted.at(-1)!.detail).toMatch(/older than the one last opened/);
    await fx.call('vault:lock', {});
    // The copy from before the recovery now counts as older too (its data key was retired).
    copyFileSync(older, fx.vaultPath);
    fx.answers.confirm = false;
    expect((await fx.fail('vault:unlock', { passphrase: PASSPHRASE })).code).toBe('VAULT_ROLLED_BACK');
  });
});
