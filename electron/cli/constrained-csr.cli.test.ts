import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessCli, type InProcessCli } from './testing/in-process';

let cli: InProcessCli;
let at: (name: string) => string;

function openssl(args: string[]): string {
  return execFileSync('openssl', args, { cwd: cli.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A leaf signed by the external intermediate's own key (as step-ca or Vault would), outside CertDesk. */
function externalLeaf(name: string, san: string): string {
  openssl([
    'req',
    '-new',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    at(`${name}.key`),
    '-subj',
    `/CN=${name}`,
    '-out',
    at(`${name}.csr`),
  ]);
  writeFileSync(at(`${name}.ext`), `subjectAltName=${san}\nextendedKeyUsage=serverAuth\n`);
  openssl([
    'x509',
    '-req',
    '-in',
    at(`${name}.csr`),
    '-CA',
    at('online.pem'),
    '-CAkey',
    at('online.key'),
    '-CAcreateserial',
    '-days',
    '30',
    '-extfile',
    at(`${name}.ext`),
    '-out',
    at(`${name}.pem`),
  ]);
  return at(`${name}.pem`);
}

function verify(leaf: string): { ok: boolean; output: string } {
  const r = spawnSync(
    'openssl',
    ['verify', '-CAfile', at('root.pem'), '-untrusted', at('online.pem'), leaf],
    { encoding: 'utf8' },
  );
  return { ok: r.status === 0, output: r.stdout + r.stderr };
}

beforeAll(async () => {
  cli = inProcessCli('certdesk-nc-cli-');
  at = (name) => path.join(cli.dir, name);
  await cli.ok(['init']);
  await cli.ok(['ca', 'create', '--name', 'Offline Root']);
  writeFileSync(at('root.pem'), await cli.ok(['show', 'Offline Root', '--pem']));
  openssl([
    'req',
    '-new',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    at('online.key'),
    '-subj',
    '/CN=Online Issuing CA',
    '-out',
    at('online.csr'),
  ]);
});
afterAll(() => cli.cleanup());

describe('certdesk sign-csr --profile intermediate with name constraints', () => {
  it('writes the constraints critical; openssl rejects a leaf the external key signs outside them and accepts one inside', async () => {
    const r = JSON.parse(
      await cli.ok([
        'sign-csr',
        '--ca',
        'Offline Root',
        '--csr',
        at('online.csr'),
        '--profile',
        'intermediate',
        '--path-len',
        '0',
        '--permit-dns',
        'example.internal',
        '--exclude-dns',
        'secret.example.internal',
        '--permit-ip',
        '10.0.0.0/8',
        '--permit-email',
        '.example.internal',
        '--permit-uri',
        'example.internal',
        '--out',
        at('online.pem'),
        '--json',
      ]),
    ) as { id: string };
    const text = openssl(['x509', '-in', at('online.pem'), '-noout', '-text']);
    expect(text).toMatch(/Name Constraints: critical\s+Permitted:\s+DNS:example.internal/);
    expect(text).toContain('URI:example.internal');
    expect(text).toContain('email:.example.internal');
    expect(text).toMatch(/Excluded:\s+DNS:secret.example.internal/);
    expect(await cli.ok(['show', r.id])).toMatch(/URI:example\.internal/);

    const inside = verify(
      externalLeaf('inside', 'DNS:api.example.internal,IP:10.1.2.3,URI:spiffe://example.internal/api'),
    );
    expect(inside.output).toMatch(/OK/);
    expect(inside.ok).toBe(true);
    for (const [name, san] of [
      ['dns-out', 'DNS:api.example.com'],
      ['excluded', 'DNS:db.secret.example.internal'],
      ['ip-out', 'DNS:api.example.internal,IP:192.168.1.1'],
      // RFC 5280: a URI constraint without a leading dot names one host, not its subdomains
      ['uri-sub', 'DNS:api.example.internal,URI:spiffe://prod.example.internal/api'],
    ]) {
      const out = verify(externalLeaf(name ?? '', san ?? ''));
      expect(out.ok, `${name}: ${out.output}`).toBe(false);
      expect(out.output).toMatch(/subtree violation|excluded subtree/);
    }
  });

  it('refuses constraints on a leaf profile, a malformed constraint, and a garbage or missing CSR with their exit statuses', async () => {
    const leaf = await cli.run([
      'sign-csr',
      '--ca',
      'Offline Root',
      '--csr',
      at('online.csr'),
      '--profile',
      'server',
      '--permit-dns',
      'x.internal',
    ]);
    expect(leaf.code).toBe(2);
    expect(leaf.stderr).toMatch(/need --profile intermediate/);
    const bad = await cli.run([
      'sign-csr',
      '--ca',
      'Offline Root',
      '--csr',
      at('online.csr'),
      '--profile',
      'intermediate',
      '--permit-uri',
      'spiffe://x/y',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/URI "spiffe:\/\/x\/y"/);
    writeFileSync(at('garbage.csr'), 'not a CSR at all');
    const garbage = await cli.run([
      'sign-csr',
      '--ca',
      'Offline Root',
      '--csr',
      at('garbage.csr'),
      '--profile',
      'intermediate',
    ]);
    expect(garbage.code).toBe(5);
    const missing = await cli.run([
      'sign-csr',
      '--ca',
      'Offline Root',
      '--csr',
      at('nope.csr'),
      '--profile',
      'intermediate',
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.csr/);
  });

  it('ca create takes email and URI constraints too and enforces them before issuing', async () => {
    await cli.ok([
      'ca',
      'create',
      '--name',
      'Mail CA',
      '--permit-email',
      'example.org',
      '--permit-uri',
      '.example.org',
    ]);
    await cli.ok([
      'issue',
      'client',
      '--ca',
      'Mail CA',
      '--cn',
      'ops',
      '--san',
      'email:ops@example.org,URI:spiffe://prod.example.org/ops',
    ]);
    const refused = await cli.run([
      'issue',
      'client',
      '--ca',
      'Mail CA',
      '--cn',
      'x',
      '--san',
      'URI:spiffe://example.org/x',
    ]);
    expect(refused.code).toBe(5);
    expect(refused.stderr).toMatch(/outside the CA's permitted subtrees/);
    // Without the leading dot a URI constraint is one host (RFC 5280), unlike a DNS constraint.
    await cli.ok(['ca', 'create', '--name', 'Host CA', '--permit-uri', 'example.net']);
    await cli.ok(['issue', 'client', '--ca', 'Host CA', '--cn', 'h', '--san', 'URI:spiffe://example.net/h']);
    const sub = await cli.run([
      'issue',
      'client',
      '--ca',
      'Host CA',
      '--cn',
      's',
      '--san',
      'URI:spiffe://a.example.net/s',
    ]);
    expect(sub.code).toBe(5);
  });
});

describe('certdesk sign-csr with a DER request', () => {
  it('signs a binary (DER) CSR as it signs the PEM one; openssl verifies the server certificate', async () => {
    openssl(['req', '-in', at('online.csr'), '-outform', 'DER', '-out', at('online.der')]);
    await cli.ok([
      'sign-csr',
      '--ca',
      'Offline Root',
      '--csr',
      at('online.der'),
      '--profile',
      'server',
      '--san',
      'DNS:der.example.internal',
      '--out',
      at('der-server.pem'),
    ]);
    expect(openssl(['x509', '-in', at('der-server.pem'), '-noout', '-subject'])).toContain(
      'Online Issuing CA',
    );
    const r = spawnSync(
      'openssl',
      ['verify', '-x509_strict', '-purpose', 'sslserver', '-CAfile', at('root.pem'), at('der-server.pem')],
      { encoding: 'utf8' },
    );
    expect(r.stdout + r.stderr).toContain(': OK');
  });
});
