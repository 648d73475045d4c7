import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeHeader, FORMAT_VERSION } from './header';
import { createVault, openVault, backupPathFor, type VaultRecord } from './index';
import { errorOf, fingerprint, PASS, TEST_KDF, tempDir } from './test-support/helpers';

/** Written by the version-1, -2 and -3 code (electron/service/fixtures/make-old-vault.ts); passphrase PASS. */
const V1_FIXTURE = join(import.meta.dirname, '../../service/fixtures/v1-vault/vault.certdesk');
const V2_FIXTURE = join(import.meta.dirname, '../../service/fixtures/v2-vault/vault.certdesk');
const V3_FIXTURE = join(import.meta.dirname, '../../service/fixtures/v3-vault/vault.certdesk');

/** Relabels a vault's header with another format version and fixes its unkeyed checksum (no recovery slot). */
function relabel(path: string, version: number): void {
  const bytes = readFileSync(path);
  bytes.writeUInt16BE(version, 8);
  createHash('sha256').update(bytes.subarray(0, 132)).digest().copy(bytes, 132);
  writeFileSync(path, bytes);
}

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
  it('opens a version-1 vault without writing, and rewrites it as the current version on the first change', async () => {
    expect(decodeHeader(readFileSync(vaultPath)).formatVersion).toBe(1);
    const before = fingerprint(vaultPath);
    const opened = await openVault(vaultPath, PASS);
    expect(opened.vault.info().formatVersion).toBe(1);
    const types = opened.records.map((r) => r.type);
    expect(types.filter((t) => t === 'cert.v1')).toHaveLength(3);
    expect(types).toContain('revoke.v1');
    expect(fingerprint(vaultPath)).toEqual(before);

    await opened.vault.append([{ type: 'note', data: { after: 'upgrade' } }]);
    expect(opened.vault.info().formatVersion).toBe(FORMAT_VERSION);
    await opened.vault.lock();
    expect(decodeHeader(readFileSync(vaultPath)).formatVersion).toBe(FORMAT_VERSION);
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
    relabel(vaultPath, 1);
    expect((await errorOf(openVault(vaultPath, PASS))).code).toBe('VAULT_CORRUPT');
  });
});

describe.each([
  { version: 2, fixture: V2_FIXTURE, what: 'frames not deflated' },
  { version: 3, fixture: V3_FIXTURE, what: 'deflated frames' },
])('format version $version ($what; certificates as base64 text)', ({ version, fixture }) => {
  beforeEach(() => copyFileSync(fixture, vaultPath));

  it('opens without writing, and rewrites it as the current version on the first change', async () => {
    expect(decodeHeader(readFileSync(vaultPath)).formatVersion).toBe(version);
    const before = fingerprint(vaultPath);
    const opened = await openVault(vaultPath, PASS);
    expect(opened.vault.info().formatVersion).toBe(version);
    const certs = opened.records.filter((r) => r.type === 'cert.v1');
    expect(certs).toHaveLength(3);
    for (const c of certs) expect(typeof (c.data as { der: unknown }).der).toBe('string');
    expect(opened.records.map((r) => r.type)).toContain('revoke.v1');
    expect(fingerprint(vaultPath)).toEqual(before);

    await opened.vault.append([{ type: 'note', data: { after: 'upgrade' } }]);
    expect(opened.vault.info().formatVersion).toBe(FORMAT_VERSION);
    await opened.vault.lock();
    expect(decodeHeader(readFileSync(vaultPath)).formatVersion).toBe(FORMAT_VERSION);
    expect(readFileSync(backupPathFor(vaultPath))).toEqual(before.bytes);
    expect(statSync(vaultPath).mode & 0o777).toBe(0o600);

    // The upgrade re-batches the records as they were read: text stays text, nothing is lost or reinterpreted.
    const again = await openVault(vaultPath, PASS);
    expect(again.records).toEqual([...opened.records, { type: 'note', data: { after: 'upgrade' } }]);
    await again.vault.lock();
    // The kept older generation still opens on its own.
    const previous = await openVault(backupPathFor(vaultPath), PASS, { readOnly: true });
    expect(previous.records).toEqual(opened.records);
    await previous.vault.lock();
  });

  it('opens nothing from a newer header relabelled as this version (the data key is sealed to the version)', async () => {
    const opened = await openVault(vaultPath, PASS);
    await opened.vault.append([{ type: 'note', data: {} }]);
    await opened.vault.lock();
    relabel(vaultPath, version);
    // The checksum was forged to match, so the header reads as intact and the envelope is what refuses it.
    expect((await errorOf(openVault(vaultPath, PASS))).code).toBe('WRONG_PASSPHRASE');
  });
});

describe('the upgrade of an older file by a caller whose live state is not loaded yet', () => {
  it('keeps every record: a live snapshot that answers undefined makes the rewrite re-batch them', async () => {
    copyFileSync(V3_FIXTURE, vaultPath);
    const opened = await openVault(vaultPath, PASS, { liveSnapshot: () => undefined });
    await opened.vault.append([{ type: 'note', data: { before: 'the state was loaded' } }]);
    expect(opened.vault.info().formatVersion).toBe(FORMAT_VERSION);
    await opened.vault.lock();
    const again = await openVault(vaultPath, PASS, { readOnly: true });
    await again.vault.lock();
    expect(again.records).toEqual([
      ...opened.records,
      { type: 'note', data: { before: 'the state was loaded' } },
    ]);
  });
});

describe('deflated frames (version 3 on)', () => {
  it('stores repetitive records in a fraction of their JSON size, and reads them back unchanged', async () => {
    const path = join(dir, 'v3.certdesk');
    const vault = await createVault(path, PASS, { kdf: TEST_KDF });
    const records: VaultRecord[] = Array.from({ length: 400 }, (_, i) => ({
      type: 'cert.v1',
      data: {
        summary: { cn: `host-${i}`, issuer: 'CN=Example Issuing CA', notAfter: '2027-01-01T00:00:00.000Z' },
        der: randomBytes(300).toString('base64'),
      },
    }));
    const json = Buffer.byteLength(JSON.stringify(records));
    const empty = statSync(path).size;
    for (let i = 0; i < records.length; i += 50) await vault.append(records.slice(i, i + 50));
    const appended = statSync(path).size - empty;
    await vault.compact();
    await vault.lock();
    // Random base64 keeps 3/4 of its size at best; the repeated names and keys shrink to almost nothing.
    expect(appended).toBeLessThan(json * 0.75);
    const again = await openVault(path, PASS, { readOnly: true });
    expect(again.records).toEqual(records);
    expect(again.vault.info().formatVersion).toBe(FORMAT_VERSION);
    await again.vault.lock();
  });
});

describe('format version 4 on', () => {
  it('keeps byte fields as bytes and non-ASCII text exact, through appends, compaction and a reopen', async () => {
    const path = join(dir, 'v4.certdesk');
    const vault = await createVault(path, PASS, { kdf: TEST_KDF });
    const der = new Uint8Array(randomBytes(480));
    // A view into a larger buffer: only its own bytes may be stored.
    const big = randomBytes(64);
    const view = new Uint8Array(big.buffer, big.byteOffset + 8, 16);
    const records: VaultRecord[] = [
      {
        type: 'cert.v1',
        data: { summary: { cn: 'Zürich – 東京 😀', o: 'Ørsted' }, der, empty: new Uint8Array(0) },
      },
      { type: 'crl.v1', data: { der: view, number: 2 } },
      { type: 'note', data: ['a list', { nested: 'é' }] },
      { type: 'note', data: 'plain text \u0000 "quoted"' },
    ];
    await vault.append(records.slice(0, 2));
    await vault.append(records.slice(2));
    const appended = await openVault(path, PASS, { readOnly: true });
    expect(appended.records).toEqual(records);
    await appended.vault.lock();

    await vault.compact();
    await vault.lock();
    const again = await openVault(path, PASS, { readOnly: true });
    expect(again.vault.info().formatVersion).toBe(FORMAT_VERSION);
    expect(again.records).toEqual(records);
    const got = again.records[0]!.data as { der: Uint8Array; empty: Uint8Array };
    expect(got.der).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(got.der).equals(Buffer.from(der))).toBe(true);
    expect(got.empty.byteLength).toBe(0);
    expect(Buffer.from((again.records[1]!.data as { der: Uint8Array }).der)).toEqual(Buffer.from(view));
    await again.vault.lock();
  });
});
