/** PKCS#12 files and encrypted keys that cost too much to read are refused before the work, or stopped by the time limit. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveOffThread } from '../../export/kdf-thread';
import { bmpPassword, KDF_ID, pkcs12Kdf } from '../../export/pkcs12-kdf';
import { openssl, selfSignedP256Args, TempDir } from '../testing/openssl';
import { AsnConvert } from '@peculiar/asn1-schema';
import { EncryptedData, EncryptedPrivateKeyInfo } from '@peculiar/asn1-pkcs8';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { Pkcs12PbeParams } from '../../export/asn1-params';
import { DANGEROUS_readPkcs12 } from './pkcs12';
import { DANGEROUS_readPrivateKeyFile } from './read-private-key';

const dir = new TempDir();
afterAll(() => dir.remove());

function sh(args: string[]): void {
  const r = openssl(args, dir.path);
  if (r.code !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
}
const read = (f: string): Buffer => readFileSync(dir.file(f));
const PASS = ['-passout', 'pass:p12 pass'];

/** `work` is refused as INVALID_INPUT naming `count` iterations, in well under the second the work would take. */
async function refusedAtOnce(work: () => Promise<unknown>, message: string): Promise<void> {
  const started = Date.now();
  await expect(work()).rejects.toMatchObject({
    code: 'INVALID_INPUT',
    message: expect.stringContaining(message),
  });
  expect(Date.now() - started).toBeLessThan(1000);
}

/** Runs `work` while a 5 ms timer counts: a derivation on the event loop would leave the count at 0. */
async function ticksDuring(work: () => Promise<void>): Promise<number> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return ticks;
}

beforeAll(() => {
  sh(selfSignedP256Args({ cn: 'bounds', key: 'k.pem', cert: 'c.pem' }));
  // No MAC, so only the key bag's own (PBES2) count stands between the reader and the work.
  sh([
    'pkcs12',
    '-export',
    '-in',
    'c.pem',
    '-inkey',
    'k.pem',
    '-nomac',
    '-iter',
    '2000000',
    ...PASS,
    '-out',
    'costly-key.p12',
  ]);
  sh(
    [
      'pkcs12',
      '-export',
      '-in',
      'c.pem',
      '-inkey',
      'k.pem',
      '-certpbe',
      'PBE-SHA1-3DES',
      '-keypbe',
      'PBE-SHA1-3DES',
    ].concat(['-macalg', 'sha1', '-iter', '200000', ...PASS, '-out', 'legacy.p12']),
  );
  sh([
    'pkcs12',
    '-export',
    '-in',
    'c.pem',
    '-inkey',
    'k.pem',
    '-macalg',
    'sha512',
    ...PASS,
    '-out',
    'sha512.p12',
  ]);
  const topk8 = ['pkcs8', '-topk8', '-in', 'k.pem', '-passout', 'pass:key pass'];
  sh([...topk8, '-v2', 'aes-256-cbc', '-iter', '2000000', '-out', 'costly.p8.pem']);
  sh([...topk8, '-v1', 'PBE-SHA1-3DES', '-iter', '200000', '-outform', 'DER', '-out', 'legacy.p8.der']);
});

describe('PKCS#12 reading is bounded', () => {
  it('verifies a SHA-512 MAC (the KDF with 128-byte blocks) and refuses it under a wrong passphrase', async () => {
    expect((await DANGEROUS_readPkcs12(read('sha512.p12'), 'p12 pass')).certificates).toHaveLength(1);
    await expect(DANGEROUS_readPkcs12(read('sha512.p12'), 'p12 pas')).rejects.toMatchObject({
      code: 'KEY_DECRYPT_FAILED',
    });
  });

  it('refuses a key bag asking for more than the cap before deriving anything (OpenSSL would run it)', async () => {
    // 2,000,000 PBKDF2 rounds take about a second; the refusal is immediate.
    await refusedAtOnce(
      () => DANGEROUS_readPkcs12(read('costly-key.p12'), 'p12 pass'),
      'asks for 2000000 key-derivation iterations',
    );
  });

  it('keeps the event loop turning while a legacy file derives its keys, and reads it', async () => {
    const ticks = await ticksDuring(async () => {
      const contents = await DANGEROUS_readPkcs12(read('legacy.p12'), 'p12 pass');
      expect(contents.certificates).toHaveLength(1);
      expect(contents.key?.alg).toBe('ec-p256');
      expect(contents.keyCertificate).not.toBeNull();
    });
    // Five 200,000-round derivations ran meanwhile.
    expect(ticks).toBeGreaterThan(5);
  });

  it('stops a derivation that outlasts the time limit and names the file', async () => {
    const job = { alg: 'sha1' as const, password: bmpPassword('x'), salt: new Uint8Array(8), id: KDF_ID.mac };
    await expect(
      deriveOffThread([{ ...job, iterations: 1_000_000, length: 20 }], 'The PKCS#12 file', 50),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/^The PKCS#12 file: .*within 0\.05 s/),
    });
    const [fast] = await deriveOffThread([{ ...job, iterations: 1000, length: 20 }], 'The PKCS#12 file');
    expect(Buffer.from(fast!)).toEqual(
      Buffer.from(pkcs12Kdf('sha1', job.password, job.salt, job.id, 1000, 20)),
    );
  });

  it('refuses an encrypted PKCS#8 key asking for more than the cap before deriving (OpenSSL would run it)', async () => {
    await refusedAtOnce(
      () => DANGEROUS_readPrivateKeyFile(read('costly.p8.pem'), 'key pass'),
      'The private key file asks for 2000000 key-derivation iterations',
    );
  });

  it('bounds a PKCS#5 v1.5 encrypted key before OpenSSL decrypts it, and names malformed parameters', async () => {
    const pbeWithMd5AndDes = '1.2.840.113549.1.5.3';
    const key = (parameters: ArrayBuffer): Uint8Array =>
      new Uint8Array(
        AsnConvert.serialize(
          new EncryptedPrivateKeyInfo({
            encryptionAlgorithm: new AlgorithmIdentifier({ algorithm: pbeWithMd5AndDes, parameters }),
            encryptedData: new EncryptedData(new Uint8Array(32).buffer),
          }),
        ),
      );
    const params = AsnConvert.serialize(
      new Pkcs12PbeParams({ salt: new Uint8Array(8).buffer, iterations: 2 ** 31 - 1 }),
    );
    await refusedAtOnce(
      () => DANGEROUS_readPrivateKeyFile(key(params), 'key pass'),
      'asks for 2147483647 key-derivation iterations',
    );
    await expect(
      DANGEROUS_readPrivateKeyFile(key(new Uint8Array([0x30, 0x00]).buffer), 'key pass'),
    ).rejects.toMatchObject({
      code: 'INVALID_KEY',
      message: expect.stringContaining('PBE parameters are malformed'),
    });
  });

  it('decrypts a PKCS#12-PBE encrypted PKCS#8 key off the event loop, and names a wrong passphrase', async () => {
    const ticks = await ticksDuring(async () => {
      expect((await DANGEROUS_readPrivateKeyFile(read('legacy.p8.der'), 'key pass')).alg).toBe('ec-p256');
    });
    expect(ticks).toBeGreaterThan(2);
    await expect(DANGEROUS_readPrivateKeyFile(read('legacy.p8.der'), 'not it')).rejects.toMatchObject({
      code: 'KEY_DECRYPT_FAILED',
    });
  });
});
