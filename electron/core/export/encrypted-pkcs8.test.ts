import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DANGEROUS_encryptPkcs8 } from './encrypted-pkcs8';
import { openssl } from './testing/openssl-pki';

let dir: string;
let keyPkcs8: Uint8Array;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'certdesk-p8-'));
  openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', join(dir, 'k.pem')]);
  keyPkcs8 = new Uint8Array(
    execFileSync('openssl', ['pkcs8', '-topk8', '-nocrypt', '-in', join(dir, 'k.pem'), '-outform', 'DER']),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('DANGEROUS_encryptPkcs8', () => {
  it('writes an ENCRYPTED PRIVATE KEY that openssl opens with the passphrase and that holds the same key', async () => {
    const pem = await DANGEROUS_encryptPkcs8(keyPkcs8, 'correct horse battery');
    expect(pem.startsWith('-----BEGIN ENCRYPTED PRIVATE KEY-----\n')).toBe(true);
    writeFileSync(join(dir, 'enc.pem'), pem);
    const decrypted = execFileSync('openssl', [
      'pkcs8',
      '-topk8',
      '-nocrypt',
      '-passin',
      'pass:correct horse battery',
      '-in',
      join(dir, 'enc.pem'),
      '-outform',
      'DER',
    ]);
    expect(Buffer.compare(decrypted, Buffer.from(keyPkcs8))).toBe(0);
  });

  it('uses PBES2 with PBKDF2-HMAC-SHA256 at exactly 600000 iterations, a 16-byte salt and AES-256-CBC', async () => {
    const pem = await DANGEROUS_encryptPkcs8(keyPkcs8, 'pw-abcdefgh');
    writeFileSync(join(dir, 'enc2.pem'), pem);
    const dump = openssl(['asn1parse', '-in', join(dir, 'enc2.pem')]);
    expect(dump).toMatch(/OBJECT\s+:PBES2/);
    expect(dump).toMatch(/OBJECT\s+:PBKDF2/);
    expect(dump).toMatch(/l=\s*16 prim: OCTET STRING/);
    expect(dump).toMatch(/INTEGER\s+:0927C0/); // 600000
    expect(dump).toMatch(/OBJECT\s+:hmacWithSHA256/);
    expect(dump).toMatch(/OBJECT\s+:aes-256-cbc/);
  });

  it('is refused by openssl with a wrong passphrase', async () => {
    writeFileSync(join(dir, 'enc3.pem'), await DANGEROUS_encryptPkcs8(keyPkcs8, 'right-passphrase'));
    expect(() =>
      openssl(['pkey', '-passin', 'pass:wrong-passphrase', '-in', join(dir, 'enc3.pem'), '-noout']),
    ).toThrow();
  });

  it('uses a fresh salt and IV each time', async () => {
    const a = await DANGEROUS_encryptPkcs8(keyPkcs8, 'same-passphrase');
    const b = await DANGEROUS_encryptPkcs8(keyPkcs8, 'same-passphrase');
    expect(a).not.toBe(b);
  });

  it('refuses fewer than 600000 iterations, an empty passphrase and bytes that are not PKCS#8', async () => {
    await expect(DANGEROUS_encryptPkcs8(keyPkcs8, 'pw', { iterations: 2048 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(DANGEROUS_encryptPkcs8(keyPkcs8, '')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(DANGEROUS_encryptPkcs8(new Uint8Array([1, 2, 3]), 'pw')).rejects.toMatchObject({
      code: 'INVALID_KEY',
    });
  });

  it('accepts a higher iteration count and records it', async () => {
    writeFileSync(
      join(dir, 'enc4.pem'),
      await DANGEROUS_encryptPkcs8(keyPkcs8, 'pw-higher', { iterations: 700_000 }),
    );
    expect(openssl(['asn1parse', '-in', join(dir, 'enc4.pem')])).toMatch(/INTEGER\s+:0AAE60/); // 700000
    openssl(['pkey', '-passin', 'pass:pw-higher', '-in', join(dir, 'enc4.pem'), '-noout']);
  });
});
