import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  backupPathFor,
  createVault,
  openVault,
  openVaultWithRecoveryKey,
  readVaultHeader,
  recoveryPublicKey,
  verifyRecoveryKey,
  type RecoverySetup,
} from './index';
import { HEADER_BYTES_WITH_RECOVERY } from './header';
import { codeOf, fingerprint, PASS, TEST_KDF, tempDir } from './test-support/helpers';

let dir: string;
let cleanup: () => void;
let vaultPath: string;
beforeEach(() => {
  ({ dir, cleanup } = tempDir('vault-recovery-'));
  vaultPath = join(dir, 'pki.vault');
});
afterEach(() => cleanup());

const NEXT = 'a brand new passphrase for the vault';

function setupFor(recoveryKey: Buffer, vaultId: Buffer = randomBytes(8)): RecoverySetup {
  return {
    threshold: 2,
    shares: 3,
    vaultId,
    ceremonyId: randomBytes(8),
    createdAt: new Date('2026-01-02T03:04:05Z'),
    publicKey: recoveryPublicKey(recoveryKey),
    fingerprints: [randomBytes(8), randomBytes(8), randomBytes(8)],
  };
}

async function vaultWithRecovery(): Promise<{ recoveryKey: Buffer; keyDer: Buffer }> {
  const vault = await createVault(vaultPath, PASS, { kdf: TEST_KDF });
  const keyDer = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
    format: 'der',
    type: 'pkcs8',
  });
  const ref = await vault.wrapKey(keyDer);
  await vault.append([{ type: 'cert', data: { ref } }]);
  const recoveryKey = randomBytes(32);
  await vault.setRecovery(setupFor(recoveryKey));
  await vault.lock();
  return { recoveryKey, keyDer };
}

describe('recovery slot', () => {
  it('either slot opens the vault: the passphrase as before, the recovery key by setting a new passphrase', async () => {
    const { recoveryKey, keyDer } = await vaultWithRecovery();
    const header = await readVaultHeader(vaultPath);
    expect(header.recovery?.threshold).toBe(2);
    expect(header.recovery?.createdAt.toISOString()).toBe('2026-01-02T03:04:05.000Z');
    expect(readFileSync(vaultPath).readUInt16BE(10)).toBe(HEADER_BYTES_WITH_RECOVERY);

    const byPassphrase = await openVault(vaultPath, PASS);
    expect(byPassphrase.records).toHaveLength(1);
    await byPassphrase.vault.lock();

    const recovered = await openVaultWithRecoveryKey(vaultPath, recoveryKey, NEXT, { kdf: TEST_KDF });
    const ref = (recovered.records[0]!.data as { ref: string }).ref;
    expect(Buffer.from(await recovered.vault.DANGEROUS_unwrapKeyBytes(ref)).equals(keyDer)).toBe(true);
    await recovered.vault.lock();

    expect(await codeOf(openVault(vaultPath, PASS))).toBe('WRONG_PASSPHRASE');
    const again = await openVault(vaultPath, NEXT);
    expect(again.vault.info().recovery?.ceremonyId).toEqual(header.recovery?.ceremonyId);
    await again.vault.lock();
    // the recovery slot survives the reset: the same shares still open it
    await verifyRecoveryKey(vaultPath, recoveryKey);
  });

  it('a wrong recovery key opens nothing and leaves the file untouched', async () => {
    await vaultWithRecovery();
    const before = fingerprint(vaultPath);
    expect(await codeOf(openVaultWithRecoveryKey(vaultPath, randomBytes(32), NEXT))).toBe('SHARE_INVALID');
    expect(await codeOf(verifyRecoveryKey(vaultPath, randomBytes(32)))).toBe('SHARE_INVALID');
    expect(fingerprint(vaultPath)).toEqual(before);
  });

  it('passphrase changes and compactions keep the recovery slot valid', async () => {
    const { recoveryKey } = await vaultWithRecovery();
    const { vault } = await openVault(vaultPath, PASS);
    await vault.changePassphrase(PASS, NEXT, { kdf: TEST_KDF });
    await vault.compact();
    await vault.append([{ type: 'cert', data: { n: 2 } }]);
    await vault.lock();
    await verifyRecoveryKey(vaultPath, recoveryKey);
    const recovered = await openVaultWithRecoveryKey(vaultPath, recoveryKey, PASS, { kdf: TEST_KDF });
    expect(recovered.records).toHaveLength(2);
    await recovered.vault.lock();
  });

  it('rotation and removal invalidate the old key, and no .bak keeps the old slot', async () => {
    const { recoveryKey } = await vaultWithRecovery();
    const { vault } = await openVault(vaultPath, PASS);
    const next = randomBytes(32);
    await vault.setRecovery(setupFor(next, vault.info().recovery!.vaultId));
    expect(existsSync(backupPathFor(vaultPath))).toBe(false);
    expect(await codeOf(verifyRecoveryKey(vaultPath, recoveryKey))).toBe('SHARE_INVALID');
    await verifyRecoveryKey(vaultPath, next);
    await vault.setRecovery(null);
    await vault.lock();
    expect(await codeOf(verifyRecoveryKey(vaultPath, next))).toBe('NO_RECOVERY');
    expect((await readVaultHeader(vaultPath)).recovery).toBeNull();
    const reopened = await openVault(vaultPath, PASS);
    expect(reopened.records).toHaveLength(1);
    await reopened.vault.lock();
  });

  it('a flipped bit anywhere in a header with a recovery slot is damage, not a wrong passphrase or key', async () => {
    const { recoveryKey } = await vaultWithRecovery();
    const original = readFileSync(vaultPath);
    for (let offset = 0; offset < HEADER_BYTES_WITH_RECOVERY + 32; offset++) {
      const bytes = Buffer.from(original);
      bytes[offset]! ^= 1 << (offset % 8);
      writeFileSync(vaultPath, bytes);
      const viaKey = offset % 2 === 0;
      const code = viaKey
        ? await codeOf(openVaultWithRecoveryKey(vaultPath, recoveryKey, NEXT, { kdf: TEST_KDF }))
        : await codeOf(openVault(vaultPath, PASS));
      if (code !== 'VAULT_CORRUPT') throw new Error(`bit flip at ${offset} gave ${code}`);
    }
  });
});
