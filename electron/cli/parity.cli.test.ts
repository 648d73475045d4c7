import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessCli, type InProcessCli } from './testing/in-process';

let cli: InProcessCli;
let at: (name: string) => string;
const opensslIn = (args: string[]): string =>
  execFileSync('openssl', args, { cwd: cli.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

beforeAll(async () => {
  cli = inProcessCli('certdesk-parity-cli-');
  at = (name) => path.join(cli.dir, name);
  await cli.ok(['init']);
  await cli.ok(['ca', 'create', '--name', 'parity-ca']);
  writeFileSync(at('ca.pem'), await cli.ok(['show', 'parity-ca', '--pem']));
  // A CA made outside CertDesk, and a leaf it signed.
  opensslIn([
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    'ext.key',
    '-subj',
    '/CN=Vendor Root',
    '-days',
    '30',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
    '-out',
    'ext-ca.pem',
  ]);
  opensslIn([
    'req',
    '-new',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    'leaf.key',
    '-subj',
    '/CN=appliance',
    '-out',
    'leaf.csr',
  ]);
  writeFileSync(
    at('leaf.ext'),
    'subjectAltName=DNS:appliance.example,IP:::ffff:10.0.0.1\nextendedKeyUsage=serverAuth\n',
  );
  opensslIn([
    'x509',
    '-req',
    '-in',
    'leaf.csr',
    '-CA',
    'ext-ca.pem',
    '-CAkey',
    'ext.key',
    '-CAcreateserial',
    '-days',
    '10',
    '-extfile',
    'leaf.ext',
    '-out',
    'leaf.pem',
  ]);
  // openssl stamps notBefore with the wall clock: the commands' clock must not be behind it
  cli.clock.now = new Date(Date.now() + 60_000);
});
afterAll(() => cli.cleanup());

describe('certdesk inspect', () => {
  it('fails the verdict (exit 1) for a chain the vault does not trust, then passes once its root is a trust anchor', async () => {
    const before = await cli.run(['inspect', at('leaf.pem')]);
    expect(before.code).toBe(1);
    expect(before.stdout).toMatch(/Not valid against this vault/);
    expect(before.stdout).toContain('IP:::ffff:10.0.0.1');
    const anchor = JSON.parse(await cli.ok(['ca', 'import-anchor', at('ext-ca.pem'), '--json'])) as {
      cn: string;
      hasKey: boolean;
      lint: unknown[];
    };
    expect(anchor).toMatchObject({ cn: 'Vendor Root', hasKey: false });
    expect(Array.isArray(anchor.lint)).toBe(true);
    const after = JSON.parse(await cli.ok(['inspect', at('leaf.pem'), '--json'])) as {
      kind: string;
      certificates: { valid: boolean; verdict: string; sans: { type: string; value: string }[] }[];
    };
    expect(after.kind).toBe('certificate');
    expect(after.certificates[0]).toMatchObject({ valid: true, verdict: expect.stringMatching(/^Valid/) });
  });

  it('reads a PKCS#12 with --passphrase-file, and refuses a wrong passphrase, a garbage file and a missing one', async () => {
    opensslIn([
      'pkcs12',
      '-export',
      '-in',
      'leaf.pem',
      '-inkey',
      'leaf.key',
      '-passout',
      'pass:p12 secret',
      '-out',
      'leaf.p12',
    ]);
    writeFileSync(at('p12pass'), 'p12 secret\n');
    writeFileSync(at('wrongpass'), 'nope\n');
    const p12 = JSON.parse(
      await cli.ok(['inspect', at('leaf.p12'), '--passphrase-file', at('p12pass'), '--json']),
    ) as {
      kind: string;
    };
    expect(p12.kind).toBe('pkcs12');
    const wrong = await cli.run(['inspect', at('leaf.p12'), '--passphrase-file', at('wrongpass'), '--json']);
    expect(wrong.code).toBe(5);
    expect(JSON.parse(wrong.stderr)).toMatchObject({
      error: { code: expect.stringMatching(/PASSPHRASE|DECRYPT/) },
    });
    writeFileSync(at('garbage.pem'), 'hello');
    const garbage = await cli.run(['inspect', at('garbage.pem')]);
    expect(garbage.code).toBe(5);
    expect(garbage.stderr).toMatch(/no PEM block found/);
    const missing = await cli.run(['inspect', at('nope.pem')]);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toMatch(/nope\.pem/);
  });

  it('decodes a CSR and works without any vault', async () => {
    const r = await cli.run(['inspect', at('leaf.csr')], { CERTDESK_VAULT: at('no-vault.certdesk') });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Certificate signing request[\s\S]*signature\s+valid/);
  });
});

describe('certdesk ca import-anchor and issue custom', () => {
  it('refuses a leaf as a trust anchor', async () => {
    const r = await cli.run(['ca', 'import-anchor', at('leaf.pem'), '--json']);
    expect(r.code).toBe(5);
    expect(JSON.parse(r.stderr)).toMatchObject({ error: { code: 'NOT_A_CA' } });
  });

  it('issues a custom profile with the key usages and EKUs given, which openssl shows', async () => {
    const r = JSON.parse(
      await cli.ok([
        'issue',
        'custom',
        '--ca',
        'parity-ca',
        '--cn',
        'signer',
        '--ku',
        'digitalSignature,nonRepudiation',
        '--eku',
        'codeSigning',
        '--json',
      ]),
    ) as { id: string };
    writeFileSync(at('signer.pem'), await cli.ok(['show', r.id, '--pem']));
    const text = opensslIn(['x509', '-in', 'signer.pem', '-noout', '-text']);
    expect(text).toMatch(/Key Usage: critical\s+Digital Signature, Non Repudiation/);
    expect(text).toMatch(/Extended Key Usage:\s+Code Signing/);
    const bad = await cli.run(['issue', 'custom', '--ca', 'parity-ca', '--cn', 'x', '--ku', 'flying']);
    expect(bad.code).toBe(2);
    expect(
      (
        await cli.run([
          'issue',
          'server',
          '--ca',
          'parity-ca',
          '--cn',
          'x',
          '--san',
          'DNS:x',
          '--ku',
          'digitalSignature',
        ])
      ).code,
    ).toBe(2);
  });

  it('show prints each lint finding with its explanation', async () => {
    await cli.ok([
      'issue',
      'server',
      '--ca',
      'parity-ca',
      '--cn',
      'long',
      '--san',
      'DNS:long',
      '--days',
      '900',
    ]);
    const out = await cli.ok(['show', 'long']);
    const lint = out.slice(out.indexOf('Lint:'));
    expect(lint).toMatch(/(warning|error): .+\n {6}\S/);
  });
});
