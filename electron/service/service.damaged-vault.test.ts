import { copyFileSync, existsSync, readdirSync, readFileSync, truncateSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PASSPHRASE, seededFixture, type Fixture } from './testing/service-fixture';

const fixtures: Fixture[] = [];
afterEach(async () => {
  for (const fx of fixtures.splice(0)) await fx.cleanup();
});

/** A seeded vault, locked, with its last acknowledged byte cut off (a lost write, a bad copy). */
async function damagedFixture(): Promise<Fixture & { serverId: string; caId: string }> {
  const fx = await seededFixture();
  fixtures.push(fx);
  await fx.call('vault:lock', {});
  truncateSync(fx.vaultPath, statSync(fx.vaultPath).size - 1);
  return fx;
}

describe('a damaged vault in the app', () => {
  it('is refused with the choices main offers, and the renderer cannot pick one main did not offer', async () => {
    const fx = await damagedFixture();
    const fresh = await fx.restart();
    fixtures.push(fresh);
    // No refusal yet in this process: nothing is offered, so no choice is taken.
    expect((await fresh.fail('vault:unlock', { passphrase: PASSPHRASE, damaged: 'repair' })).code).toBe(
      'INVALID_INPUT',
    );
    const before = readFileSync(fx.vaultPath);
    const refused = await fresh.fail('vault:unlock', { passphrase: PASSPHRASE });
    expect(refused.code).toBe('VAULT_DAMAGED');
    const status = await fresh.call('vault:status', {});
    expect(status).toMatchObject({ state: 'locked', damage: { choices: ['read-only', 'repair'] } });
    expect(status.damage!.message).toMatch(/acknowledged record frame is missing/);
    // Without a previous generation on disk, restoring one is not offered.
    expect(
      (await fresh.fail('vault:unlock', { passphrase: PASSPHRASE, damaged: 'restore-previous' })).code,
    ).toBe('INVALID_INPUT');
    expect(readFileSync(fx.vaultPath)).toEqual(before);
  });

  it('opens read-only to browse, refuses every change, then repairs on confirmation keeping the damaged file (audited)', async () => {
    const fx = await damagedFixture();
    await fx.fail('vault:unlock', { passphrase: PASSPHRASE });
    const damagedBytes = readFileSync(fx.vaultPath);

    const ro = await fx.call('vault:unlock', { passphrase: PASSPHRASE, damaged: 'read-only' });
    expect(ro).toMatchObject({ state: 'unlocked', damage: { choices: ['repair'] } });
    expect(ro.readOnly).toMatch(/damaged.*read-only/);
    expect((await fx.call('certs:list', {})).map((c) => c.id)).toContain(fx.serverId);
    const issue = await fx.fail('certs:issue', {
      caId: fx.caId,
      profile: 'server',
      subject: { cn: 'not-now' },
      sans: [{ type: 'dns', value: 'not-now' }],
    });
    expect(issue.code).toBe('VAULT_DAMAGED');
    expect((await fx.fail('certs:revoke', { id: fx.serverId, reason: 'superseded' })).code).toBe(
      'VAULT_DAMAGED',
    );
    await fx.call('vault:lock', {});
    expect(readFileSync(fx.vaultPath)).toEqual(damagedBytes);
    expect((await fx.call('vault:status', {})).damage?.choices).toEqual(['read-only', 'repair']);

    // Declined: nothing changes.
    expect((await fx.fail('vault:unlock', { passphrase: PASSPHRASE, damaged: 'repair' })).code).toBe(
      'CANCELLED',
    );
    expect(fx.confirmations.at(-1)).toMatch(/^Repair the damaged vault /);
    expect(readFileSync(fx.vaultPath)).toEqual(damagedBytes);

    fx.answers.confirm = true;
    const repaired = await fx.call('vault:unlock', { passphrase: PASSPHRASE, damaged: 'repair' });
    expect(repaired.state).toBe('unlocked');
    expect(repaired.readOnly).toBeUndefined();
    expect(repaired.damage).toBeUndefined();
    const kept = readdirSync(fx.dir).filter((n) => /^vault\.certdesk\.damaged-[0-9a-f]{8}\.bak$/.test(n));
    expect(kept).toHaveLength(1);
    expect(readFileSync(path.join(fx.dir, kept[0]!))).toEqual(damagedBytes);
    const repairs = await fx.call('audit:list', { operation: 'vault.repair' });
    expect(repairs).toHaveLength(1);
    expect(repairs[0]!.detail).toMatch(/dropped 1; damaged file kept as vault\.certdesk\.damaged-/);
    await fx.call('certs:revoke', { id: fx.serverId, reason: 'superseded' });

    const after = await fx.restart();
    fixtures.push(after);
    await after.call('vault:unlock', { passphrase: PASSPHRASE });
    expect((await after.call('certs:list', {})).find((c) => c.id === fx.serverId)?.revoked).toBeDefined();
    expect(existsSync(`${fx.vaultPath}.bak`)).toBe(false);
  });
});

describe('restoring the previous generation of a damaged vault', () => {
  it('is offered when a .bak exists, confirmed by main, and keeps the damaged file as the new .bak (audited)', async () => {
    const fx = await seededFixture();
    fixtures.push(fx);
    // The previous generation, as a compaction keeps it.
    await fx.call('vault:lock', {});
    copyFileSync(fx.vaultPath, `${fx.vaultPath}.bak`);
    await fx.call('vault:unlock', { passphrase: PASSPHRASE });
    await fx.call('certs:revoke', { id: fx.clientId, reason: 'superseded' });
    await fx.call('vault:lock', {});
    truncateSync(fx.vaultPath, statSync(fx.vaultPath).size - 1);
    const damagedBytes = readFileSync(fx.vaultPath);

    await fx.fail('vault:unlock', { passphrase: PASSPHRASE });
    const offer = (await fx.call('vault:status', {})).damage!;
    expect(offer.choices).toEqual(['read-only', 'repair', 'restore-previous']);
    expect(offer.backupPath).toBe(`${fx.vaultPath}.bak`);
    expect(
      (await fx.fail('vault:unlock', { passphrase: PASSPHRASE, damaged: 'restore-previous' })).code,
    ).toBe('CANCELLED');
    expect(fx.confirmations.at(-1)).toMatch(/^Replace the damaged vault .* with its previous generation /);
    expect(readFileSync(fx.vaultPath)).toEqual(damagedBytes);

    fx.answers.confirm = true;
    const restored = await fx.call('vault:unlock', { passphrase: PASSPHRASE, damaged: 'restore-previous' });
    expect(restored).toMatchObject({ state: 'unlocked' });
    expect(restored.damage).toBeUndefined();
    expect(readFileSync(`${fx.vaultPath}.bak`)).toEqual(damagedBytes);
    const certs = await fx.call('certs:list', {});
    expect(certs.map((c) => c.id)).toContain(fx.serverId);
    const restores = await fx.call('audit:list', { operation: 'vault.restore' });
    expect(restores.at(-1)!.detail).toMatch(/^from the previous generation/);
  });
});
