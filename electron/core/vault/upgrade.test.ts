import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeHeader } from './header';
import { openVault, backupPathFor } from './index';
import { errorOf, fingerprint, PASS, tempDir } from './test-support/helpers';

/** Written by the version-1 code (electron/service/fixtures/make-v1-vault.ts); same passphrase as PASS. */
const V1_FIXTURE = join(import.meta.dirname, '../../service/fixtures/v1-vault/vault.certdesk');

let dir: string;
let cleanup: () => void;
let vaultPath: string;
beforeEach(() => {
  ({ dir, cleanup } = tempDir('vault-upgrade-'));
  vaultPath = join(dir, 'vault.certdesk');
  copyFileSync(V1_FIXTURE, vaultPath);
});
afterEach(() => cleanup());

describe('format version 1', () => {
  it('opens a version-1 vault without writing, and rewrites it as version 2 on the first change', async () => {
    expect(decodeHeader(readFileSync(vaultPath)).formatVersion).toBe(1);
    const before = fingerprint(vaultPath);
    const opened = await openVault(vaultPath, PASS);
    expect(opened.vault.info().formatVersion).toBe(1);
    const types = opened.records.map((r) => r.type);
    expect(types.filter((t) => t === 'cert.v1')).toHaveLength(3);
    expect(types).toContain('revoke.v1');
    expect(fingerprint(vaultPath)).toEqual(before);

    await opened.vault.append([{ type: 'note', data: { after: 'upgrade' } }]);
    expect(opened.vault.info().formatVersion).toBe(2);
    await opened.vault.lock();
    expect(decodeHeader(readFileSync(vaultPath)).formatVersion).toBe(2);
    // The version-1 generation is kept as the .bak, byte for byte.
    expect(readFileSync(backupPathFor(vaultPath))).toEqual(before.bytes);
    expect(statSync(vaultPath).mode & 0o777).toBe(0o600);

    const again = await openVault(vaultPath, PASS);
    expect(again.records.map((r) => r.type)).toEqual([...types, 'note']);
    await again.vault.lock();
  });

  it('refuses a version-2 header relabelled as version 1 (a downgrade cannot strip the keyed pointer)', async () => {
    const opened = await openVault(vaultPath, PASS);
    await opened.vault.append([{ type: 'note', data: {} }]);
    await opened.vault.lock();
    const bytes = readFileSync(vaultPath);
    bytes.writeUInt16BE(1, 8);
    createHash('sha256').update(bytes.subarray(0, 132)).digest().copy(bytes, 132);
    writeFileSync(vaultPath, bytes);
    expect((await errorOf(openVault(vaultPath, PASS))).code).toBe('VAULT_CORRUPT');
  });
});
