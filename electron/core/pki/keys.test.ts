/** Key generation, signing-key import and key file import (PKCS#1, SEC1, PKCS#8, encrypted PKCS#8, PKCS#12). */
import { generateKeyPair as nodeGenerateKeyPair, webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// RSA key generation (RSA-4096 once, several RSA-2048) on a loaded 2-core machine: be generous.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });
import { KEY_ALGORITHMS } from '../../../shared/domain/types';
import { ctxAt, keyPem, makeLeaf, makeRoot } from './testing/fixtures';
import { openssl, TempDir } from './testing/openssl';
import {
  DANGEROUS_readPkcs12,
  DANGEROUS_readPrivateKeyFile,
  generateKeyPair,
  importSigningKey,
  keysMatch,
} from './index';

const dir = new TempDir();
afterAll(() => dir.remove());

function sh(args: string[]): void {
  const r = openssl(args, dir.path);
  if (r.code !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
}
const read = (f: string): Buffer => readFileSync(dir.file(f));

describe('generateKeyPair / importSigningKey', () => {
  for (const alg of KEY_ALGORITHMS.filter((a) => a !== 'rsa-4096' && a !== 'rsa-3072')) {
    it(`${alg}: PKCS#8 round-trips into a non-extractable signing key`, async () => {
      const k = await generateKeyPair(alg);
      expect(k.alg).toBe(alg);
      expect(k.signingKey.extractable).toBe(false);
      expect(k.signingKey.type).toBe('private');
      const again = await importSigningKey(k.DANGEROUS_privateKeyPkcs8, alg);
      expect(again.extractable).toBe(false);
      await expect(webcrypto.subtle.exportKey('pkcs8', again)).rejects.toThrow();
      const read = await DANGEROUS_readPrivateKeyFile(k.DANGEROUS_privateKeyPkcs8);
      expect(read.alg).toBe(alg);
    });
  }

  it('importSigningKey refuses bytes of the wrong algorithm with INVALID_KEY', async () => {
    const k = await generateKeyPair('ec-p256');
    await expect(importSigningKey(k.DANGEROUS_privateKeyPkcs8, 'ed25519')).rejects.toMatchObject({
      code: 'INVALID_KEY',
    });
  });

  it('RSA generation runs off the event loop (WebCrypto and crypto.generateKeyPair both keep it turning)', async () => {
    const ticksDuring = async (work: () => Promise<unknown>): Promise<number> => {
      let ticks = 0;
      let running = true;
      const spin = (): void => {
        ticks++;
        if (running) setImmediate(spin);
      };
      setImmediate(spin);
      await work();
      running = false;
      return ticks;
    };
    const viaWebCrypto = await ticksDuring(() => generateKeyPair('rsa-2048'));
    const viaNode = await ticksDuring(
      () =>
        new Promise((resolve, reject) =>
          nodeGenerateKeyPair('rsa', { modulusLength: 2048 }, (e, pub) => (e ? reject(e) : resolve(pub))),
        ),
    );
    console.log(
      `event-loop turns during RSA-2048 generation: webcrypto=${viaWebCrypto}, crypto.generateKeyPair=${viaNode}`,
    );
    // A blocking generator would allow at most one turn.
    expect(viaWebCrypto).toBeGreaterThan(5);
    expect(viaNode).toBeGreaterThan(5);
  });
});

describe('DANGEROUS_readPrivateKeyFile', () => {
  beforeAll(() => {
    sh(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384', '-out', 'ec.p8.pem']);
    sh(['ec', '-in', 'ec.p8.pem', '-out', 'ec.sec1.pem']);
    sh(['ec', '-in', 'ec.p8.pem', '-outform', 'DER', '-out', 'ec.sec1.der']);
    sh(['pkcs8', '-topk8', '-in', 'ec.p8.pem', '-nocrypt', '-outform', 'DER', '-out', 'ec.p8.der']);
    sh([
      'pkcs8',
      '-topk8',
      '-in',
      'ec.p8.pem',
      '-v2',
      'aes-256-cbc',
      '-passout',
      'pass:s3cret passphrase',
      '-out',
      'ec.enc.pem',
    ]);
    sh([
      'pkcs8',
      '-topk8',
      '-in',
      'ec.p8.pem',
      '-v2',
      'aes-128-cbc',
      '-passout',
      'pass:s3cret passphrase',
      '-outform',
      'DER',
      '-out',
      'ec.enc.der',
    ]);
    sh([
      'ec',
      '-in',
      'ec.p8.pem',
      '-aes256',
      '-passout',
      'pass:s3cret passphrase',
      '-out',
      'ec.legacy-enc.pem',
    ]);
    sh(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'rsa.p8.pem']);
    sh(['rsa', '-in', 'rsa.p8.pem', '-traditional', '-out', 'rsa.pkcs1.pem']);
    sh(['rsa', '-in', 'rsa.p8.pem', '-traditional', '-outform', 'DER', '-out', 'rsa.pkcs1.der']);
    sh(['genpkey', '-algorithm', 'ED25519', '-out', 'ed.p8.pem']);
    sh(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-521', '-out', 'p521.pem']);
    sh(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024', '-out', 'rsa1024.pem']);
  });

  it('reads SEC1, PKCS#8 and encrypted PKCS#8 in PEM and DER to the same PKCS#8 bytes', async () => {
    const ref = await DANGEROUS_readPrivateKeyFile(read('ec.p8.pem'));
    expect(ref.alg).toBe('ec-p384');
    for (const [file, pass] of [
      ['ec.sec1.pem', undefined],
      ['ec.sec1.der', undefined],
      ['ec.p8.der', undefined],
      ['ec.enc.pem', 's3cret passphrase'],
      ['ec.enc.der', 's3cret passphrase'],
      ['ec.legacy-enc.pem', 's3cret passphrase'],
    ] as const) {
      const k = await DANGEROUS_readPrivateKeyFile(read(file), pass);
      expect(Buffer.from(k.pkcs8).equals(Buffer.from(ref.pkcs8)), file).toBe(true);
      expect(k.DANGEROUS_pkcs8).toBe(k.pkcs8);
    }
  });

  it('reads PKCS#1 RSA (PEM and DER) and Ed25519', async () => {
    const ref = await DANGEROUS_readPrivateKeyFile(read('rsa.p8.pem').toString('utf8'));
    expect(ref.alg).toBe('rsa-2048');
    expect(
      Buffer.from((await DANGEROUS_readPrivateKeyFile(read('rsa.pkcs1.pem'))).pkcs8).equals(
        Buffer.from(ref.pkcs8),
      ),
    ).toBe(true);
    expect(
      Buffer.from((await DANGEROUS_readPrivateKeyFile(read('rsa.pkcs1.der'))).pkcs8).equals(
        Buffer.from(ref.pkcs8),
      ),
    ).toBe(true);
    expect((await DANGEROUS_readPrivateKeyFile(read('ed.p8.pem'))).alg).toBe('ed25519');
    // every imported key becomes a working non-extractable signing key
    for (const f of ['ec.sec1.pem', 'rsa.pkcs1.pem', 'ed.p8.pem']) {
      const k = await DANGEROUS_readPrivateKeyFile(read(f));
      const signing = await importSigningKey(k.pkcs8, k.alg);
      expect(signing.extractable, f).toBe(false);
    }
  });

  it('gives typed errors: missing/wrong passphrase, unsupported keys, not a key, garbage', async () => {
    await expect(DANGEROUS_readPrivateKeyFile(read('ec.enc.pem'))).rejects.toThrow(
      expect.objectContaining({
        code: 'KEY_DECRYPT_FAILED',
        message: expect.stringContaining('passphrase is required'),
      }),
    );
    await expect(DANGEROUS_readPrivateKeyFile(read('ec.enc.pem'), 'wrong')).rejects.toThrow(
      expect.objectContaining({ code: 'KEY_DECRYPT_FAILED' }),
    );
    await expect(DANGEROUS_readPrivateKeyFile(read('ec.enc.der'), 'wrong')).rejects.toThrow(
      expect.objectContaining({ code: 'KEY_DECRYPT_FAILED' }),
    );
    await expect(DANGEROUS_readPrivateKeyFile(read('ec.legacy-enc.pem'))).rejects.toThrow(
      expect.objectContaining({ code: 'KEY_DECRYPT_FAILED' }),
    );
    await expect(DANGEROUS_readPrivateKeyFile(read('p521.pem'))).rejects.toThrow(
      expect.objectContaining({ code: 'INVALID_KEY', message: expect.stringContaining('P-521') }),
    );
    await expect(DANGEROUS_readPrivateKeyFile(read('rsa1024.pem'))).rejects.toThrow(
      expect.objectContaining({ code: 'INVALID_KEY', message: expect.stringContaining('RSA 1024') }),
    );
    await expect(DANGEROUS_readPrivateKeyFile('hello world')).rejects.toThrow(
      expect.objectContaining({ code: 'INVALID_PEM' }),
    );
    const truncated = read('ec.p8.pem').toString('utf8').split('\n').slice(0, 3).join('\n');
    await expect(DANGEROUS_readPrivateKeyFile(truncated)).rejects.toThrow(
      expect.objectContaining({ code: 'INVALID_PEM' }),
    );
  });

  it("keysMatch tells the certificate's key from another one", async () => {
    const ctx = ctxAt();
    const root = await makeRoot(ctx);
    const leaf = await makeLeaf(ctx, root, 'client', 'c', []);
    expect(keysMatch(leaf.cert.der, leaf.key.DANGEROUS_privateKeyPkcs8)).toBe(true);
    expect(keysMatch(leaf.cert.der, root.key.DANGEROUS_privateKeyPkcs8)).toBe(false);
  });
});

describe('DANGEROUS_readPkcs12', () => {
  beforeAll(async () => {
    const ctx = ctxAt();
    const root = await makeRoot(ctx, { alg: 'rsa-2048' });
    const leaf = await makeLeaf(ctx, root, 'server', 'user-service', [
      { type: 'dns', value: 'user-service' },
    ]);
    dir.write('p12-ca.crt', root.cert.pem);
    dir.write('p12-leaf.crt', leaf.cert.pem);
    dir.write('p12-leaf.key', keyPem(leaf.key));
    dir.write('p12-ca.key', keyPem(root.key));
    // OpenSSL 3 defaults: PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC), MAC SHA-256
    sh([
      'pkcs12',
      '-export',
      '-in',
      'p12-leaf.crt',
      '-inkey',
      'p12-leaf.key',
      '-certfile',
      'p12-ca.crt',
      '-passout',
      'pass:export-pass',
      '-out',
      'modern.p12',
    ]);
    // legacy Java/Windows style without the legacy provider: 3DES for both bags, SHA-1 MAC
    sh([
      'pkcs12',
      '-export',
      '-in',
      'p12-ca.crt',
      '-inkey',
      'p12-ca.key',
      '-certpbe',
      'PBE-SHA1-3DES',
      '-keypbe',
      'PBE-SHA1-3DES',
      '-macalg',
      'sha1',
      '-passout',
      'pass:export-pass',
      '-out',
      'legacy3des.p12',
    ]);
  });

  it('reads an OpenSSL 3 `pkcs12 -export` file: both certificates and the matching key', async () => {
    const p = await DANGEROUS_readPkcs12(read('modern.p12'), 'export-pass');
    expect(p.certificates).toHaveLength(2);
    expect(p.key?.alg).toBe('ec-p256');
    expect(p.keyCertificate).not.toBeNull();
    expect(keysMatch(p.keyCertificate!, p.key!.pkcs8)).toBe(true);
  });

  it('reads a legacy pbeWithSHAAnd3-KeyTripleDES-CBC file (a CA cert + key)', async () => {
    const p = await DANGEROUS_readPkcs12(read('legacy3des.p12'), 'export-pass');
    expect(p.certificates).toHaveLength(1);
    expect(p.key?.alg).toBe('rsa-2048');
    expect(keysMatch(p.certificates[0]!, p.key!.pkcs8)).toBe(true);
  });

  it('reports a wrong passphrase as KEY_DECRYPT_FAILED and a truncated file as INVALID_PEM', async () => {
    await expect(DANGEROUS_readPkcs12(read('modern.p12'), 'nope')).rejects.toThrow(
      expect.objectContaining({ code: 'KEY_DECRYPT_FAILED' }),
    );
    await expect(DANGEROUS_readPkcs12(read('legacy3des.p12'), 'nope')).rejects.toThrow(
      expect.objectContaining({ code: 'KEY_DECRYPT_FAILED' }),
    );
    await expect(DANGEROUS_readPkcs12(new Uint8Array([1, 2, 3, 4, 5]), 'x')).rejects.toThrow(
      expect.objectContaining({ code: 'INVALID_PEM' }),
    );
    await expect(DANGEROUS_readPkcs12(read('p12-leaf.crt'), 'x')).rejects.toThrow(
      expect.objectContaining({ code: 'INVALID_PEM' }),
    );
    const whole = read('modern.p12');
    await expect(DANGEROUS_readPkcs12(whole.subarray(0, whole.length - 40), 'export-pass')).rejects.toThrow(
      expect.objectContaining({ code: 'INVALID_PEM' }),
    );
  });

  it('reads an RC2-40 file (`openssl pkcs12 -legacy`, OpenSSL 1.x default) although Node has no RC2', async () => {
    const made = openssl(
      [
        'pkcs12',
        '-export',
        '-legacy',
        '-in',
        'p12-leaf.crt',
        '-inkey',
        'p12-leaf.key',
        '-certfile',
        'p12-ca.crt',
        '-passout',
        'pass:export-pass',
        '-out',
        'rc2.p12',
      ],
      dir.path,
    );
    expect(made.code, made.stderr).toBe(0);
    expect(
      openssl(
        ['pkcs12', '-info', '-in', 'rc2.p12', '-noout', '-passin', 'pass:export-pass', '-legacy'],
        dir.path,
      ).stderr,
    ).toContain('pbeWithSHA1And40BitRC2-CBC');
    const p = await DANGEROUS_readPkcs12(read('rc2.p12'), 'export-pass');
    expect(p.certificates).toHaveLength(2);
    expect(p.key?.alg).toBe('ec-p256');
    expect(keysMatch(p.keyCertificate!, p.key!.pkcs8)).toBe(true);
    await expect(DANGEROUS_readPkcs12(read('rc2.p12'), 'wrong')).rejects.toThrow(
      expect.objectContaining({ code: 'KEY_DECRYPT_FAILED' }),
    );
  });
});
