import { generateKeyPairSync, webcrypto, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  backupPathFor,
  createVault,
  lockPathFor,
  openVault,
  readVaultHeader,
  restoreVault,
  type SigningKeyAlgorithm,
} from './index';
import { codeOf, fingerprint, PASS, TEST_KDF, tempDir } from './test-support/helpers';

let dir: string;
let cleanup: () => void;
let vaultPath: string;
beforeEach(() => {
  ({ dir, cleanup } = tempDir('vault-'));
  vaultPath = join(dir, 'pki.vault');
});
afterEach(() => cleanup());

function pkcs8(k: KeyObject): Buffer {
  return k.export({ format: 'der', type: 'pkcs8' });
}

const KEYS: {
  alg: SigningKeyAlgorithm;
  sign: Parameters<typeof webcrypto.subtle.sign>[0];
  make: () => { privateKey: KeyObject; publicKey: KeyObject };
}[] = [
  {
    alg: { name: 'ECDSA', namedCurve: 'P-256' },
    sign: { name: 'ECDSA', hash: 'SHA-256' },
    make: () => generateKeyPairSync('ec', { namedCurve: 'P-256' }),
  },
  {
    alg: { name: 'ECDSA', namedCurve: 'P-384' },
    sign: { name: 'ECDSA', hash: 'SHA-384' },
    make: () => generateKeyPairSync('ec', { namedCurve: 'P-384' }),
  },
  {
    alg: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    sign: { name: 'RSASSA-PKCS1-v1_5' },
    make: () => generateKeyPairSync('rsa', { modulusLength: 2048 }),
  },
  { alg: { name: 'Ed25519' }, sign: { name: 'Ed25519' }, make: () => generateKeyPairSync('ed25519') },
];

describe('vault round trip', () => {
  it('keeps records in order and wrapped keys that still sign after lock and reopen', async () => {
    const v = await createVault(vaultPath, PASS, { kdf: TEST_KDF });
    await v.append([{ type: 'settings', data: { theme: 'dark' } }]);
    const pairs = KEYS.map((k) => ({ ...k, pair: k.make() }));
    const refs: string[] = [];
    for (const p of pairs) refs.push(await v.wrapKey(pkcs8(p.pair.privateKey)));
    const certs = Array.from({ length: 50 }, (_, i) => ({
      type: 'cert',
      data: { id: `c${i}`, cn: `svc-${i}.example`, ünïcode: 'é✓' },
    }));
    await v.append(certs.slice(0, 10));
    for (const c of certs.slice(10)) await v.append([c]);
    expect(v.info()).toMatchObject({ records: 51, keys: 4, generation: 1 });
    await v.lock();
    expect(v.isOpen).toBe(false);
    expect(existsSync(lockPathFor(vaultPath))).toBe(false);
    expect(await codeOf(v.append([{ type: 'cert', data: 1 }]))).toBe('VAULT_LOCKED');
    expect(await codeOf(v.unwrapKey(refs[0]!, KEYS[0]!.alg))).toBe('VAULT_LOCKED');

    const { vault, records, recoveredNote } = await openVault(vaultPath, PASS);
    expect(recoveredNote).toBeUndefined();
    expect(records).toEqual([{ type: 'settings', data: { theme: 'dark' } }, ...certs]);
    const message = Buffer.from('to be signed');
    for (const [i, p] of pairs.entries()) {
      const key = await vault.unwrapKey(refs[i]!, p.alg);
      expect(key.extractable).toBe(false);
      expect(key.type).toBe('private');
      await expect(webcrypto.subtle.exportKey('pkcs8', key)).rejects.toThrow();
      const sig = await webcrypto.subtle.sign(p.sign, key, message);
      const pub = await webcrypto.subtle.importKey(
        'spki',
        p.pair.publicKey.export({ format: 'der', type: 'spki' }),
        p.alg,
        true,
        ['verify'],
      );
      expect(await webcrypto.subtle.verify(p.sign, pub, sig, message)).toBe(true);
      expect(
        Buffer.from(await vault.DANGEROUS_unwrapKeyBytes(refs[i]!)).equals(pkcs8(p.pair.privateKey)),
      ).toBe(true);
    }
    await vault.lock();
  });

  it('refuses unknown refs, wrong algorithms, non-keys, reserved record types and non-JSON data', async () => {
    const v = await createVault(vaultPath, PASS, { kdf: TEST_KDF });
    const ref = await v.wrapKey(pkcs8(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey));
    expect(await codeOf(v.unwrapKey('key_nope', { name: 'Ed25519' }))).toBe('NOT_FOUND');
    expect(await codeOf(v.unwrapKey(ref, { name: 'Ed25519' }))).toBe('INVALID_KEY');
    expect(await codeOf(v.wrapKey(Buffer.from('not a key')))).toBe('INVALID_KEY');
    expect(await codeOf(v.append([{ type: '$key', data: {} }]))).toBe('INVALID_INPUT');
    expect(await codeOf(v.append([{ type: 'x', data: { n: 1n } as never }]))).toBe('INVALID_INPUT');
    await v.deleteKey(ref);
    expect(v.hasKey(ref)).toBe(false);
    await v.lock();
    const { vault } = await openVault(vaultPath, PASS);
    expect(vault.hasKey(ref)).toBe(false);
    await vault.lock();
  });

  it('records the default KDF (scrypt N=2^17, r=8, p=1) unless told otherwise, and refuses out-of-bounds costs', async () => {
    const v = await createVault(vaultPath, PASS);
    expect(v.info().kdf).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    await v.lock();
    expect((await readVaultHeader(vaultPath)).kdf).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    expect(await codeOf(createVault(join(dir, 'b.vault'), PASS, { kdf: { N: 2 ** 23 } }))).toBe(
      'INVALID_INPUT',
    );
    expect(await codeOf(createVault(join(dir, 'c.vault'), PASS, { kdf: { N: 3000 } }))).toBe('INVALID_INPUT');
  });

  it('refuses weak passphrases, existing paths and missing vaults', async () => {
    expect(await codeOf(createVault(vaultPath, 'short pass', { kdf: TEST_KDF }))).toBe('WEAK_PASSPHRASE');
    expect(existsSync(vaultPath)).toBe(false);
    writeFileSync(vaultPath, 'something else');
    expect(await codeOf(createVault(vaultPath, PASS, { kdf: TEST_KDF }))).toBe('VAULT_EXISTS');
    expect(readFileSync(vaultPath, 'utf8')).toBe('something else');
    expect(await codeOf(openVault(join(dir, 'missing.vault'), PASS))).toBe('NO_VAULT');
    expect(await codeOf(createVault(join(dir, 'no-such-folder', 'x.vault'), PASS, { kdf: TEST_KDF }))).toBe(
      'INVALID_INPUT',
    );
  });

  it('answers WRONG_PASSPHRASE without touching the file or leaving a lock', async () => {
    const v = await createVault(vaultPath, PASS, { kdf: TEST_KDF });
    await v.append([{ type: 'cert', data: { id: 1 } }]);
    await v.lock();
    const before = fingerprint(vaultPath);
    expect(await codeOf(openVault(vaultPath, 'correct horse battery stapler'))).toBe('WRONG_PASSPHRASE');
    expect(await codeOf(openVault(vaultPath, 'correct horse battery stapler', { readOnly: true }))).toBe(
      'WRONG_PASSPHRASE',
    );
    expect(fingerprint(vaultPath)).toEqual(before);
    expect(existsSync(lockPathFor(vaultPath))).toBe(false);
  });
});

describe('compaction, passphrase change, backup and restore', () => {
  it('compacts automatically to the live snapshot the service supplies once the log has grown', async () => {
    await (await createVault(vaultPath, PASS, { kdf: TEST_KDF })).lock();
    let live: { type: string; data: number }[] = [];
    const { vault: v } = await openVault(vaultPath, PASS, {
      autoCompactFrames: 20,
      liveSnapshot: () => live.slice(-3),
    });
    for (let i = 0; i < 25; i++) {
      await v.append([{ type: 'n', data: i }]);
      live.push({ type: 'n', data: i }); // as the service does: applied once the append is acknowledged
    }
    expect(v.info().generation).toBe(2);
    await v.lock();
    const { vault, records } = await openVault(vaultPath, PASS);
    expect(records.map((r) => r.data)).toEqual([17, 18, 19, 20, 21, 22, 23, 24]);
    live = [];
    await vault.lock();
  });

  it('keeps the append after which a compaction fell due, when the caller applies appends once acknowledged', async () => {
    await (await createVault(vaultPath, PASS, { kdf: TEST_KDF })).lock();
    const live: { type: string; data: number }[] = [];
    const { vault: v } = await openVault(vaultPath, PASS, {
      autoCompactFrames: 3,
      liveSnapshot: () => [...live],
    });
    for (let i = 0; i < 7; i++) {
      await v.append([{ type: 'n', data: i }]);
      live.push({ type: 'n', data: i });
    }
    expect(v.info().generation).toBe(3);
    await v.lock();
    const { vault, records } = await openVault(vaultPath, PASS, { readOnly: true });
    expect(records.map((r) => r.data)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    await vault.lock();
  });

  it('compacts to the live snapshot atomically and keeps the previous generation as .bak', async () => {
    const v = await createVault(vaultPath, PASS, { kdf: TEST_KDF });
    const ref = await v.wrapKey(pkcs8(generateKeyPairSync('ed25519').privateKey));
    for (let i = 0; i < 30; i++) await v.append([{ type: 'cert', data: { i } }]);
    const framesBefore = v.info().frames;
    await v.compact([{ type: 'cert', data: { i: 29 } }]);
    expect(v.info()).toMatchObject({ records: 1, generation: 2, keys: 1 });
    expect(v.info().frames).toBeLessThan(framesBefore);
    await v.append([{ type: 'cert', data: { i: 30 } }]);
    await v.compact();
    expect(v.info()).toMatchObject({ records: 2, generation: 3 });
    await v.lock();
    const { vault, records } = await openVault(vaultPath, PASS);
    expect(records.map((r) => (r.data as { i: number }).i)).toEqual([29, 30]);
    await vault.unwrapKey(ref, { name: 'Ed25519' });
    await vault.lock();
    // .bak is the generation the last compaction replaced: the snapshot plus the append after it.
    const bak = await openVault(backupPathFor(vaultPath), PASS, { readOnly: true });
    expect(bak.records.map((r) => (r.data as { i: number }).i)).toEqual([29, 30]);
    expect(bak.vault.info().generation).toBe(2);
    await bak.vault.lock();
  });

  it('re-batches a log of many small appends on its own once it grows past the frame threshold', async () => {
    await (await createVault(vaultPath, PASS, { kdf: TEST_KDF })).lock();
    const { vault: v } = await openVault(vaultPath, PASS, { autoCompactFrames: 100 });
    for (let i = 0; i < 250; i++) await v.append([{ type: 'n', data: i }]);
    expect(v.info().generation).toBe(3);
    expect(v.info().frames).toBeLessThan(60);
    await v.lock();
    const { vault, records } = await openVault(vaultPath, PASS, { readOnly: true });
    expect(records.map((r) => r.data)).toEqual(Array.from({ length: 250 }, (_, i) => i));
    await vault.lock();
  });

  it('changes the passphrase: old one refused, records and keys intact, no .bak under the old passphrase', async () => {
    const v = await createVault(vaultPath, PASS, { kdf: TEST_KDF });
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const ref = await v.wrapKey(pkcs8(pair.privateKey));
    await v.append([{ type: 'cert', data: { a: 1 } }]);
    await v.compact(); // creates a .bak under the old passphrase
    expect(
      await codeOf(v.changePassphrase('not the passphrase', 'a brand new passphrase', { kdf: TEST_KDF })),
    ).toBe('WRONG_PASSPHRASE');
    expect(await codeOf(v.changePassphrase(PASS, 'too short', { kdf: TEST_KDF }))).toBe('WEAK_PASSPHRASE');
    await v.changePassphrase(PASS, 'a brand new passphrase', { kdf: TEST_KDF });
    expect(existsSync(backupPathFor(vaultPath))).toBe(false);
    await v.append([{ type: 'cert', data: { a: 2 } }]);
    await v.lock();
    expect(await codeOf(openVault(vaultPath, PASS))).toBe('WRONG_PASSPHRASE');
    const { vault, records } = await openVault(vaultPath, 'a brand new passphrase');
    expect(records).toEqual([
      { type: 'cert', data: { a: 1 } },
      { type: 'cert', data: { a: 2 } },
    ]);
    const key = await vault.unwrapKey(ref, { name: 'ECDSA', namedCurve: 'P-256' });
    const sig = await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, Buffer.from('m'));
    expect(sig.byteLength).toBe(64);
    await vault.lock();
  });

  it('backs up to a verified encrypted copy and restores it only with the right passphrase', async () => {
    const v = await createVault(vaultPath, PASS, { kdf: TEST_KDF });
    const ref = await v.wrapKey(pkcs8(generateKeyPairSync('ed25519').privateKey));
    await v.append([{ type: 'cert', data: { a: 1 } }]);
    const target = join(dir, 'backup.vault');
    const result = await v.backup(target);
    expect(result.path).toBe(target);
    expect(result.bytes).toBe(readFileSync(target).length);
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await codeOf(v.backup(target))).toBe('EXPORT_TARGET_EXISTS');
    await v.append([{ type: 'cert', data: { a: 2 } }]);
    await v.lock();

    const before = fingerprint(vaultPath);
    expect(await codeOf(restoreVault(target, 'wrong passphrase here', vaultPath))).toBe('WRONG_PASSPHRASE');
    expect(fingerprint(vaultPath)).toEqual(before);
    chmodSync(target, 0o644); // a backup copied around by hand: its mode must not follow it back
    await restoreVault(target, PASS, vaultPath);
    expect(statSync(vaultPath).mode & 0o777).toBe(0o600);
    const { vault, records } = await openVault(vaultPath, PASS);
    expect(records).toEqual([{ type: 'cert', data: { a: 1 } }]);
    expect(vault.hasKey(ref)).toBe(true);
    await vault.lock();
    const replaced = await openVault(backupPathFor(vaultPath), PASS, { readOnly: true });
    expect(replaced.records).toHaveLength(2);
    await replaced.vault.lock();
  });

  it('refuses to restore while another writer holds the target', async () => {
    const v = await createVault(vaultPath, PASS, { kdf: TEST_KDF });
    const target = join(dir, 'backup.vault');
    await v.backup(target);
    expect(await codeOf(restoreVault(target, PASS, vaultPath))).toBe('VAULT_BUSY');
    await v.lock();
  });
});

describe('secrets at rest', () => {
  it('never writes a wrapped key DER or its PEM body to the vault, its .bak or a backup', async () => {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const der = pkcs8(pair.privateKey);
    const pemBody = (pair.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string)
      .split('\n')
      .filter((l) => l && !l.startsWith('-----'))
      .join('');
    const v = await createVault(vaultPath, PASS, { kdf: TEST_KDF });
    await v.wrapKey(der);
    await v.append([{ type: 'cert', data: { x: 1 } }]);
    await v.compact();
    await v.backup(join(dir, 'b.vault'));
    await v.lock();
    for (const f of [vaultPath, backupPathFor(vaultPath), join(dir, 'b.vault')]) {
      const bytes = readFileSync(f);
      expect(bytes.includes(der)).toBe(false);
      expect(bytes.includes(der.subarray(40, 72))).toBe(false); // any 32-byte window of the key
      expect(bytes.includes(Buffer.from(pemBody.slice(64, 128)))).toBe(false);
      expect(bytes.toString('latin1').includes(pemBody.slice(100, 140))).toBe(false);
      expect(bytes.includes(Buffer.from(PASS))).toBe(false);
    }
  });
});
