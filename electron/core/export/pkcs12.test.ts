import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DANGEROUS_buildPkcs12 } from './pkcs12';
import { pkcs12Kdf, bmpPassword } from './pkcs12-kdf';
import { TestCa, openssl, type TestCert } from './testing/openssl-pki';

let dir: string;
let root: TestCa;
let inter: TestCa;
let leaf: TestCert;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'certdesk-p12-'));
  root = TestCa.root(join(dir, 'root'));
  inter = root.intermediate(join(dir, 'int'), 'mygrpc-int');
  leaf = inter.issue({ cn: 'user-service', san: 'DNS:user-service,IP:127.0.0.1', eku: 'serverAuth' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function keytoolList(path: string, pass: string): string {
  return execFileSync(
    'keytool',
    ['-list', '-v', '-storetype', 'PKCS12', '-keystore', path, '-storepass', pass],
    { encoding: 'utf8' },
  );
}

describe.each(['modern', 'legacy'] as const)('DANGEROUS_buildPkcs12 (%s)', (mode) => {
  let path: string;
  beforeAll(async () => {
    const p12 = await DANGEROUS_buildPkcs12({
      keyPkcs8: leaf.keyPkcs8,
      certDer: leaf.certDer,
      chainDers: [inter.certDer, root.certDer],
      friendlyName: 'user-service',
      passphrase: 'export-pass-123',
      mode,
    });
    path = join(dir, `${mode}.p12`);
    writeFileSync(path, p12);
  });

  it('is read by openssl pkcs12 -info with the expected algorithms', () => {
    const info = execFileSync(
      'openssl',
      ['pkcs12', '-info', '-nokeys', '-passin', 'pass:export-pass-123', '-in', path],
      { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] },
    );
    expect(info.match(/BEGIN CERTIFICATE/g)).toHaveLength(3);
    expect(info).toContain('friendlyName: user-service');
    const stderrInfo = execFileSync(
      'sh',
      ['-c', `openssl pkcs12 -info -nokeys -passin pass:export-pass-123 -in '${path}' 2>&1 >/dev/null`],
      { encoding: 'utf8' },
    );
    if (mode === 'modern') {
      expect(stderrInfo).toContain('MAC: sha256, Iteration 600000');
      expect(stderrInfo).toContain('PBES2, PBKDF2, AES-256-CBC, Iteration 600000, PRF hmacWithSHA256');
      expect(stderrInfo).toMatch(/Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 600000/);
    } else {
      expect(stderrInfo).toContain('MAC: sha1, Iteration 600000');
      expect(stderrInfo).toMatch(/Encrypted data: pbeWithSHA1And3-KeyTripleDES-CBC/);
      expect(stderrInfo).toMatch(/Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC/);
    }
  });

  it('yields the same private key to openssl (also with -legacy)', () => {
    const keyPem = execFileSync(
      'openssl',
      ['pkcs12', '-nocerts', '-nodes', '-passin', 'pass:export-pass-123', '-in', path],
      { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] },
    );
    const der = execFileSync('openssl', ['pkcs8', '-topk8', '-nocrypt', '-outform', 'DER'], {
      input: keyPem,
    });
    expect(Buffer.compare(der, Buffer.from(leaf.keyPkcs8))).toBe(0);
    execFileSync(
      'openssl',
      ['pkcs12', '-legacy', '-info', '-noout', '-passin', 'pass:export-pass-123', '-in', path],
      { stdio: 'pipe' },
    );
  });

  it('is listed by keytool (Java 17) as one PrivateKeyEntry with a chain of 3', () => {
    const out = keytoolList(path, 'export-pass-123');
    expect(out).toContain('Your keystore contains 1 entry');
    expect(out).toContain('Alias name: user-service');
    expect(out).toContain('Entry type: PrivateKeyEntry');
    expect(out).toContain('Certificate chain length: 3');
  });

  it('is refused with a wrong passphrase by openssl and keytool', () => {
    expect(() =>
      execFileSync('openssl', ['pkcs12', '-info', '-noout', '-passin', 'pass:nope', '-in', path], {
        stdio: 'pipe',
      }),
    ).toThrow();
    expect(() => keytoolList(path, 'nope-nope')).toThrow();
  });
});

describe('pkcs12Kdf', () => {
  it('matches the MAC key OpenSSL derives: a MAC we compute over an openssl-made .p12 verifies', () => {
    // openssl writes a PKCS#12 with a known passphrase; recomputing its MAC with our KDF must reproduce the stored MAC.
    const p12Path = join(dir, 'openssl.p12');
    openssl([
      'pkcs12',
      '-export',
      '-in',
      leaf.certPath,
      '-inkey',
      leaf.keyPath,
      '-passout',
      'pass:kdf-check',
      '-out',
      p12Path,
    ]);
    const dump = openssl(['asn1parse', '-inform', 'DER', '-in', p12Path]);
    const salt =
      /d=2\s+hl=2 l=\s*\d+ prim: OCTET STRING\s+\[HEX DUMP\]:([0-9A-F]+)\n\s*\d+:d=2\s+hl=2 l=\s*\d+ prim: INTEGER\s+:([0-9A-F]+)\s*$/m.exec(
        dump,
      );
    const mac = /d=3\s+hl=2 l=\s*32 prim: OCTET STRING\s+\[HEX DUMP\]:([0-9A-F]+)/.exec(dump);
    const content = /d=3\s+hl=4 l=\s*\d+ prim: OCTET STRING\s+\[HEX DUMP\]:([0-9A-F]+)/.exec(dump);
    expect(salt && mac && content).toBeTruthy();
    const key = pkcs12Kdf(
      'sha256',
      bmpPassword('kdf-check'),
      Buffer.from(salt![1]!, 'hex'),
      3,
      parseInt(salt![2]!, 16),
      32,
    );
    const computed = createHmac('sha256', key).update(Buffer.from(content![1]!, 'hex')).digest('hex');
    expect(computed.toUpperCase()).toBe(mac![1]);
  });

  it('refuses too few iterations', async () => {
    await expect(
      DANGEROUS_buildPkcs12({
        keyPkcs8: leaf.keyPkcs8,
        certDer: leaf.certDer,
        chainDers: [],
        friendlyName: 'x',
        passphrase: 'p',
        mode: 'modern',
        iterations: 2048,
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
