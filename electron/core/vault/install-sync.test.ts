import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createVault, openVault } from './index';
import * as durableFs from './durable-fs';
import { codeOf, errorOf, PASS, TEST_KDF, tempDir } from './test-support/helpers';

// The directory fsync is the one step a test cannot make fail on a healthy disk; every other use stays real.
vi.mock('./durable-fs', async (importOriginal) => {
  const real = await importOriginal<typeof durableFs>();
  return { ...real, fsyncDir: vi.fn(real.fsyncDir) };
});

const NEXT = 'a brand new passphrase';

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir('vault-install-sync-')));
afterAll(() => cleanup());

function pkcs8(): Uint8Array {
  return generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' });
}

describe('a new generation whose directory sync fails after the rename', () => {
  it('says the new passphrase is in effect, refuses further changes, and the vault opens only with it', async () => {
    const vaultPath = join(dir, 'passphrase.vault');
    const v = await createVault(vaultPath, PASS, { kdf: TEST_KDF });
    const ref = await v.wrapKey(pkcs8());
    await v.append([{ type: 'cert', data: { a: 1 } }]);
    vi.mocked(durableFs.fsyncDir).mockRejectedValueOnce(new Error('EIO: i/o error, fsync'));

    const err = await errorOf(v.changePassphrase(PASS, NEXT, { kdf: TEST_KDF }));
    expect(err.code).toBe('INTERNAL');
    expect(err.message).toMatch(/^The passphrase was changed: the vault now opens with the new passphrase\./);
    expect(err.message).toContain('EIO: i/o error, fsync');
    expect(err.message).toContain('a power loss now could bring back the previous generation');
    expect(err.message).toContain('Make a backup now');

    // Writes wait for a reopen (fsyncgate), but the session already holds the new keys: a backup works
    // and opens with the new passphrase, and the stored key still unwraps.
    expect(await codeOf(v.append([{ type: 'cert', data: { a: 2 } }]))).toBe('INTERNAL');
    const backupPath = join(dir, 'passphrase-backup.vault');
    await v.backup(backupPath);
    await v.unwrapKey(ref, { name: 'Ed25519' });
    await v.lock();

    expect(await codeOf(openVault(vaultPath, PASS))).toBe('WRONG_PASSPHRASE');
    const reopened = await openVault(vaultPath, NEXT);
    expect(reopened.records).toEqual([{ type: 'cert', data: { a: 1 } }]);
    await reopened.vault.append([{ type: 'cert', data: { a: 2 } }]); // writable again after the reopen
    await reopened.vault.lock();
    expect(await codeOf(openVault(backupPath, PASS))).toBe('WRONG_PASSPHRASE');
    const fromBackup = await openVault(backupPath, NEXT, { readOnly: true });
    expect(fromBackup.records).toEqual([{ type: 'cert', data: { a: 1 } }]);
    await fromBackup.vault.lock();
  });

  it('says a compaction took effect rather than that it failed', async () => {
    const vaultPath = join(dir, 'compact.vault');
    const v = await createVault(vaultPath, PASS, { kdf: TEST_KDF });
    await v.append([{ type: 'cert', data: { a: 1 } }]);
    vi.mocked(durableFs.fsyncDir).mockRejectedValueOnce(new Error('EIO: i/o error, fsync'));
    const err = await errorOf(v.compact());
    expect(err.message).toMatch(/^The vault was compacted\./);
    expect(err.message).not.toContain('new passphrase');
    await v.lock();
    const reopened = await openVault(vaultPath, PASS);
    expect(reopened.vault.info().generation).toBe(2);
    await reopened.vault.lock();
  });
});
