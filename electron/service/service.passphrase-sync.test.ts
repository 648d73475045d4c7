import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as durableFs from '../core/vault/durable-fs';
import { makeFixture, PASSPHRASE, type Fixture } from './testing/service-fixture';

// The directory fsync is the one step a test cannot make fail on a healthy disk; every other use stays real.
vi.mock('../core/vault/durable-fs', async (importOriginal) => {
  const real = await importOriginal<typeof durableFs>();
  return { ...real, fsyncDir: vi.fn(real.fsyncDir) };
});

const NEXT = 'another long passphrase';

const fixtures: Fixture[] = [];
afterEach(async () => {
  for (const fx of fixtures.splice(0)) await fx.cleanup();
});

describe('vault:changePassphrase when the vault folder cannot be synced after the new file is in place', () => {
  it('tells the operator the new passphrase is in effect, and the vault opens with it and not the old one', async () => {
    const fx = await makeFixture();
    fixtures.push(fx);
    await fx.call('vault:create', { passphrase: PASSPHRASE });
    await fx.call('vault:lock', {});
    const older = readFileSync(fx.vaultPath);
    await fx.call('vault:unlock', { passphrase: PASSPHRASE });
    fx.answers.confirm = true;
    vi.mocked(durableFs.fsyncDir).mockRejectedValueOnce(new Error('EIO: i/o error, fsync'));

    const err = await fx.fail('vault:changePassphrase', { current: PASSPHRASE, next: NEXT });
    expect(err.code).toBe('INTERNAL');
    expect(err.message).toMatch(/^The passphrase was changed: the vault now opens with the new passphrase\./);
    expect(err.message).toMatch(/could not be synced to disk \(EIO: i\/o error, fsync\)/);
    expect(err.message).toMatch(/Make a backup now/);
    const audited = await fx.call('audit:list', { operation: 'vault.changePassphrase' });
    expect(audited.at(-1)!.detail).toMatch(/the vault now opens with the new passphrase/);

    fx.answers.confirm = false;
    await fx.call('vault:lock', {});
    expect((await fx.fail('vault:unlock', { passphrase: PASSPHRASE })).code).toBe('WRONG_PASSPHRASE');
    await fx.call('vault:unlock', { passphrase: NEXT });
    expect(await fx.call('vault:status', {})).toMatchObject({ state: 'unlocked' });
    await fx.call('vault:lock', {});
    // The old data key was retired all the same: a copy made under the old passphrase is an older vault.
    writeFileSync(fx.vaultPath, older);
    expect((await fx.fail('vault:unlock', { passphrase: PASSPHRASE })).code).toBe('VAULT_ROLLED_BACK');
  });
});
