import { afterEach, describe, expect, it } from 'vitest';
import { openVault, type VaultRecord } from '../core/vault';
import { Inventory } from './inventory';
import { compactFromLiveState } from './testing/live-compaction';
import { makeFixture, PASSPHRASE, type Fixture } from './testing/service-fixture';

let fixtures: Fixture[] = [];
afterEach(async () => {
  for (const f of fixtures.reverse()) await f.cleanup().catch(() => undefined);
  fixtures = [];
});

describe('records written by a newer CertDesk', () => {
  it('survive an automatic compaction by this version, which keeps them though it does not read them', async () => {
    const fx = await makeFixture();
    fixtures.push(fx);
    await fx.call('vault:create', { passphrase: PASSPHRASE });
    await fx.call('ca:create', { subject: { cn: 'root' } });
    await fx.call('vault:lock', {});
    // what a newer version appended: a record type this one does not know
    const newer: VaultRecord = { type: 'note.v1', data: { text: 'rotate after the freeze' } };
    const writtenByNewer = await openVault(fx.vaultPath, PASSPHRASE);
    await writtenByNewer.vault.append([newer]);
    await writtenByNewer.vault.lock();

    // this version opens it as the app does and compacts on its next write, from its live state
    await compactFromLiveState(fx.vaultPath, 3);

    const after = await openVault(fx.vaultPath, PASSPHRASE, { readOnly: true });
    await after.vault.lock();
    expect(after.records.filter((r) => r.type === 'note.v1')).toEqual([newer]);
    expect(Inventory.replay(after.records).settings.crlNextUpdateDays).toBe(3);
  });
});
