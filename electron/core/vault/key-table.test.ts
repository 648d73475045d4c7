import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVault, openVault } from './index';
import { KEY_TABLE_RECORD, keyTableRecords, KEYS_PER_TABLE, WrappedKeys } from './key-table';
import type { WrappedKeyData } from './keyring';
import { batchPlaintexts, decodePlaintext } from './record-codec';
import { KEY_RECORD, keyRecords, replay } from './replay';
import { FORMAT_VERSION } from './header';
import { codeOf, PASS, TEST_KDF, tempDir } from './test-support/helpers';

const keysOf = (entries: readonly WrappedKeyData[]): WrappedKeys => {
  const keys = new WrappedKeys();
  for (const w of entries) keys.set(w.ref, w);
  return keys;
};

const fakeKey = (i: number, ctBytes = 40): WrappedKeyData => ({
  ref: `key_${i.toString(16).padStart(32, '0')}`,
  iv: new Uint8Array(randomBytes(12)),
  ct: new Uint8Array(randomBytes(ctBytes + (i % 7))),
});

/** What a reader gets back for `records` after they went through a frame of the current format. */
function throughFrame(records: ReturnType<typeof keyRecords>): ReturnType<typeof keyRecords> {
  return batchPlaintexts(records, 1 << 26, FORMAT_VERSION).flatMap((pt, i) =>
    decodePlaintext(pt, FORMAT_VERSION, i),
  );
}

const pkcs8 = (): Buffer =>
  generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'der', type: 'pkcs8' });

describe('key tables', () => {
  it('store every wrapped key of a new generation in tables and give each back byte for byte', () => {
    const keys = keysOf(Array.from({ length: KEYS_PER_TABLE + 5 }, (_, i) => fakeKey(i)));
    const records = throughFrame(keyRecords(keys, ['retired']));
    expect(records.map((r) => r.type)).toEqual(['$audit-key-retired', KEY_TABLE_RECORD, KEY_TABLE_RECORD]);
    const back = replay(records);
    expect(back.keys.size).toBe(KEYS_PER_TABLE + 5);
    const text = (w: WrappedKeyData | undefined): string =>
      w ? `${w.ref} ${Buffer.from(w.iv).toString('hex')} ${Buffer.from(w.ct).toString('hex')}` : 'missing';
    const refs = [...keys].map(([ref]) => ref);
    expect(refs.map((ref) => text(back.keys.get(ref)))).toEqual(refs.map((ref) => text(keys.get(ref))));
    expect(back.keys.has('key_missing')).toBe(false);
  });

  it('let later key records and deletions win over a table, and count what is left', () => {
    const stored = Array.from({ length: 4 }, (_, i) => fakeKey(i));
    const replacement = { ...fakeKey(1), ct: new Uint8Array(randomBytes(50)) };
    const back = replay([
      ...throughFrame(keyTableRecords(keysOf(stored), KEY_RECORD)),
      { type: KEY_RECORD, data: { ...replacement } },
      { type: '$key-del', data: { ref: stored[2]!.ref } },
      { type: KEY_RECORD, data: { ...fakeKey(9) } },
    ]).keys;
    expect(back.size).toBe(4);
    expect(Buffer.from(back.get(stored[1]!.ref)!.ct)).toEqual(Buffer.from(replacement.ct));
    expect(back.has(stored[2]!.ref)).toBe(false);
    expect([...back].map(([ref]) => ref).sort()).toEqual(
      [stored[0]!.ref, stored[1]!.ref, stored[3]!.ref, fakeKey(9).ref].sort(),
    );
  });

  it('keep a key whose ref a table cannot hold as a record of its own', () => {
    const odd = { ...fakeKey(1), ref: 'key\nwith newline' };
    const records = keyTableRecords(keysOf([fakeKey(0), odd]), KEY_RECORD);
    expect(records.map((r) => r.type)).toEqual([KEY_RECORD, KEY_TABLE_RECORD]);
    expect(replay(throughFrame(records)).keys.get(odd.ref)?.ref).toBe(odd.ref);
  });

  it.each([
    ['a ref missing', (d: Record<string, unknown>) => ({ ...d, refs: 'key_a' })],
    ['a nonce short', (d: Record<string, unknown>) => ({ ...d, iv: (d.iv as Uint8Array).subarray(1) })],
    ['a ciphertext cut', (d: Record<string, unknown>) => ({ ...d, ct: (d.ct as Uint8Array).subarray(1) })],
    ['ends out of order', (d: Record<string, unknown>) => ({ ...d, ends: new Uint8Array(8).fill(0xff) })],
    ['refs not text', (d: Record<string, unknown>) => ({ ...d, refs: ['key_a', 'key_b'] })],
  ])('refuse a table with %s as damage', (_what, mangle) => {
    const [table] = keyTableRecords(keysOf([fakeKey(0), fakeKey(1)]), KEY_RECORD);
    const bad = { type: KEY_TABLE_RECORD, data: mangle(table!.data as Record<string, unknown>) };
    expect(() => replay([bad as never])).toThrow(/key table is malformed/);
  });
});

describe('a vault whose keys are in tables', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir('vault-key-table-')));
  afterEach(() => cleanup());

  it('unwraps every key after a compaction and a reopen, through later additions, deletions and a passphrase change', async () => {
    const path = join(dir, 'vault.certdesk');
    const vault = await createVault(path, PASS, { kdf: TEST_KDF });
    const originals = Array.from({ length: 6 }, pkcs8);
    const refs = await vault.appendWithKeys(originals, () => [{ type: 'note', data: {} }]);
    await vault.compact();
    await vault.lock();

    const opened = await openVault(path, PASS);
    expect(opened.vault.info().keys).toBe(6);
    for (const [i, ref] of refs.entries())
      expect(Buffer.from(await opened.vault.DANGEROUS_unwrapKeyBytes(ref))).toEqual(originals[i]);
    await opened.vault.deleteKey(refs[0]!);
    const extra = pkcs8();
    const extraRef = await opened.vault.wrapKey(extra);
    await opened.vault.compact();
    await opened.vault.changePassphrase(PASS, 'another passphrase entirely', { kdf: TEST_KDF });
    await opened.vault.lock();

    const again = await openVault(path, 'another passphrase entirely');
    expect(again.vault.info().keys).toBe(6);
    expect(await codeOf(again.vault.DANGEROUS_unwrapKeyBytes(refs[0]!))).toBe('NOT_FOUND');
    for (const [i, ref] of refs.entries())
      if (i > 0) expect(Buffer.from(await again.vault.DANGEROUS_unwrapKeyBytes(ref))).toEqual(originals[i]);
    expect(Buffer.from(await again.vault.DANGEROUS_unwrapKeyBytes(extraRef))).toEqual(extra);
    await again.vault.lock();
  });
});
