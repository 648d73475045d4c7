import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openVault } from '../core/vault';
import { lockPathFor } from '../core/vault/paths';
import { record, RECORD } from './records';
import { compactFromLiveState } from './testing/live-compaction';
import { opensslIn, PASSPHRASE, seededFixture, type Fixture } from './testing/service-fixture';

let fixtures: Fixture[] = [];
afterEach(async () => {
  for (const f of fixtures.reverse()) await f.cleanup().catch(() => undefined);
  fixtures = [];
});

/** The record types of the vault as stored. */
async function storedTypes(vaultPath: string): Promise<string[]> {
  const reread = await openVault(vaultPath, PASSPHRASE, { readOnly: true });
  await reread.vault.lock();
  return reread.records.map((r) => r.type);
}

describe('a vault whose compaction stored its certificates in tables (format 6)', () => {
  it('lists, signs, renews and revokes exactly as before the compaction', async () => {
    const fx = await seededFixture();
    fixtures.push(fx);
    const inter = await fx.call('ca:create', { parentId: fx.caId, subject: { cn: 'ops-int' } });
    await fx.call('certs:renew', { id: fx.serverId });
    await fx.call('certs:revoke', { id: fx.clientId, reason: 'keyCompromise' });
    const before = await fx.call('certs:list', {});
    const summaryBefore = await fx.call('dashboard:summary', {});
    await fx.call('vault:lock', {});

    await compactFromLiveState(fx.vaultPath);
    const types = await storedTypes(fx.vaultPath);
    expect(types).toContain(RECORD.certTable);
    expect(types).not.toContain(RECORD.cert);

    await fx.call('vault:unlock', { passphrase: PASSPHRASE });
    expect(await fx.call('certs:list', {})).toEqual(before);
    expect(await fx.call('dashboard:summary', {})).toEqual(summaryBefore);
    // The keys the rows name still sign, lineage still links, revocation still files under the CA.
    const leaf = await fx.call('certs:issue', {
      caId: inter.summary.id,
      profile: 'server',
      subject: { cn: 'after.example' },
      sans: [{ type: 'dns', value: 'after.example' }],
    });
    expect(leaf.summary.issuerId).toBe(inter.summary.id);
    const renewedId = before.find((c) => c.replaces === fx.serverId)!.id;
    const again = await fx.call('certs:renew', { id: renewedId });
    expect((await fx.call('certs:get', { id: renewedId })).summary.replacedBy).toBe(again.summary.id);
    const crl = await fx.call('crl:generate', { caId: fx.caId });
    writeFileSync(path.join(fx.dir, 'root.crl'), crl.pem);
    const listed = opensslIn(fx.dir)(['crl', '-in', 'root.crl', '-noout', '-text']);
    const serial = before
      .find((c) => c.id === fx.clientId)!
      .serial.replace(/^0+/, '')
      .toUpperCase();
    expect(listed).toContain(`Serial Number: ${serial.padStart(serial.length + (serial.length % 2), '0')}`);
  });

  it('refuses a malformed table as VAULT_CORRUPT without keeping the vault held: the next unlock says the same', async () => {
    const fx = await seededFixture();
    fixtures.push(fx);
    await fx.call('vault:lock', {});
    const opened = await openVault(fx.vaultPath, PASSPHRASE);
    // A row of one cell where the layout has twenty.
    await opened.vault.append([record(RECORD.certTable, { dict: [], rows: [[0]], der: new Uint8Array(0) })]);
    await opened.vault.lock();

    for (let attempt = 0; attempt < 2; attempt++) {
      expect(await fx.fail('vault:unlock', { passphrase: PASSPHRASE }), `attempt ${attempt}`).toMatchObject({
        code: 'VAULT_CORRUPT',
        message: expect.stringMatching(/certificate table is malformed/),
      });
      expect(existsSync(lockPathFor(fx.vaultPath)), `writer lock after attempt ${attempt}`).toBe(false);
    }
  });
});
