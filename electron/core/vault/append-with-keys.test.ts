import { generateKeyPairSync, webcrypto } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVault, openVault } from './index';
import { PASS, TEST_KDF, tempDir } from './test-support/helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir('vault-batch-')));
afterEach(() => cleanup());

describe('appendWithKeys (batch issuance)', () => {
  it('stores many wrapped keys and the records naming them in one frame, and they survive reopen', async () => {
    const path = join(dir, 'pki.vault');
    const v = await createVault(path, PASS, { kdf: TEST_KDF });
    const pairs = Array.from({ length: 20 }, () => generateKeyPairSync('ec', { namedCurve: 'P-256' }));
    const framesBefore = v.info().frames;
    const refs = await v.appendWithKeys(
      pairs.map((p) => p.privateKey.export({ format: 'der', type: 'pkcs8' })),
      (r) => r.map((ref, i) => ({ type: 'cert', data: { i, ref } })),
    );
    expect(refs).toHaveLength(20);
    expect(new Set(refs).size).toBe(20);
    expect(v.info()).toMatchObject({ keys: 20, records: 20, frames: framesBefore + 1 });
    await v.lock();

    const { vault, records } = await openVault(path, PASS);
    expect(records.map((r) => (r.data as { ref: string }).ref)).toEqual(refs);
    const data = new TextEncoder().encode('batch');
    for (const [i, ref] of refs.entries()) {
      const key = await vault.unwrapKey(ref, { name: 'ECDSA', namedCurve: 'P-256' });
      const sig = await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, data);
      const pub = await webcrypto.subtle.importKey(
        'spki',
        pairs[i]!.publicKey.export({ format: 'der', type: 'spki' }),
        { name: 'ECDSA', namedCurve: 'P-256' },
        false,
        ['verify'],
      );
      expect(await webcrypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, pub, sig, data)).toBe(true);
    }
    await vault.lock();
  });

  it('refuses reserved record types without storing any key', async () => {
    const v = await createVault(join(dir, 'pki.vault'), PASS, { kdf: TEST_KDF });
    const key = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
      format: 'der',
      type: 'pkcs8',
    });
    await expect(v.appendWithKeys([key], () => [{ type: '$key', data: {} }])).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(v.info().keys).toBe(0);
    await v.lock();
  });
});
