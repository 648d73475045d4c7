import { afterEach, describe, expect, it } from 'vitest';
import { readVaultHeader } from '../core/vault';
import { PASSPHRASE, seededFixture, type Fixture } from './testing/service-fixture';

const fixtures: Fixture[] = [];
afterEach(async () => {
  for (const fx of fixtures.splice(0)) await fx.cleanup();
});

// The fixture's vaults use N=2^10; a policy of N=2^11 makes them "below policy" at a test's cost.
const POLICY = { N: 2 ** 11, r: 8, p: 1 };

describe('KDF policy', () => {
  it('warns when a vault below the policy is opened read-only, and re-seals it at the next writable unlock (audited)', async () => {
    const fx = await seededFixture();
    fixtures.push(fx);
    await fx.call('vault:lock', {});
    const ro = await fx.restart({ kdf: POLICY, readOnly: true });
    fixtures.push(ro);
    const status = await ro.call('vault:unlock', { passphrase: PASSPHRASE });
    expect(status.kdfWarning).toMatch(/scrypt N=2\^10, r=8, below the policy N=2\^11/);
    expect((await readVaultHeader(fx.vaultPath)).kdf.N).toBe(2 ** 10);
    await ro.call('vault:lock', {});

    const rw = await ro.restart({ kdf: POLICY, readOnly: false });
    fixtures.push(rw);
    const after = await rw.call('vault:unlock', { passphrase: PASSPHRASE });
    expect(after.kdfWarning).toBeUndefined();
    expect((await readVaultHeader(fx.vaultPath)).kdf).toEqual(POLICY);
    const audit = await rw.call('audit:list', { operation: 'vault.kdfUpgrade' });
    expect(audit).toEqual([
      expect.objectContaining({ outcome: 'ok', detail: 'scrypt N=2^10, r=8 → N=2^11, r=8' }),
    ]);
    // Same data key: the CA's wrapped key still signs, the audit chain still verifies.
    await rw.call('certs:issue', {
      caId: fx.caId,
      profile: 'client',
      subject: { cn: 'after-upgrade' },
      sans: [],
    });
    expect((await rw.call('audit:verify', {})).ok).toBe(true);
    await rw.call('vault:lock', {});
    const again = await rw.restart({ kdf: POLICY });
    fixtures.push(again);
    await again.call('vault:unlock', { passphrase: PASSPHRASE });
    expect((await again.call('certs:list', {})).some((c) => c.cn === 'after-upgrade')).toBe(true);
  });
});
