import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfSignedP256Args } from '../core/pki/testing/openssl';
import { inProcessCli, type InProcessCli } from './testing/in-process';

let cli: InProcessCli;
let file: (name: string) => string;

function openssl(args: string[]): void {
  execFileSync('openssl', args, { cwd: cli.dir, stdio: ['ignore', 'pipe', 'pipe'] });
}

interface Listed {
  id: string;
  cn: string;
  tracked?: boolean;
  status: string;
  trackedChain?: { verdict: string; message: string };
}

async function listed(): Promise<Listed[]> {
  return JSON.parse(await cli.ok(['list', '--json'])) as Listed[];
}

function auditOperations(): { operation: string; outcome: string; subject?: string }[] {
  return readFileSync(file('vault.certdesk.audit.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { operation: string; outcome: string; subject?: string })
    .filter((e) => e.operation.startsWith('certs.track') || e.operation === 'certs.untrack');
}

/** A vendor's CA and its 20-day gateway certificate, made by openssl outside CertDesk. */
beforeAll(async () => {
  cli = inProcessCli('certdesk-track-cli-');
  file = (name) => path.join(cli.dir, name);
  openssl([
    ...selfSignedP256Args({ cn: 'Vendor Root CA', key: 'vendor-ca.key', cert: 'vendor-ca.pem', days: 3650 }),
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  openssl([
    'req',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    'gw.key',
    '-out',
    'gw.csr',
    '-subj',
    '/CN=gateway.vendor.example',
  ]);
  writeFileSync(file('gw.ext'), 'subjectAltName=DNS:gateway.vendor.example\nextendedKeyUsage=serverAuth\n');
  openssl([
    'x509',
    '-req',
    '-in',
    'gw.csr',
    '-CA',
    'vendor-ca.pem',
    '-CAkey',
    'vendor-ca.key',
    '-days',
    '20',
    '-extfile',
    'gw.ext',
    '-out',
    'gw.pem',
  ]);
  openssl(['x509', '-in', 'gw.pem', '-outform', 'DER', '-out', 'gw.der']);
  writeFileSync(
    file('chain.pem'),
    readFileSync(file('gw.pem'), 'utf8') + readFileSync(file('vendor-ca.pem'), 'utf8'),
  );
  writeFileSync(file('garbage.pem'), 'this is not a certificate\n');
  cli.clock.now = new Date(Date.now() + 60_000); // openssl's notBefore is the second it signed
  await cli.ok(['init']);
  await cli.ok(['ca', 'create', '--name', 'Our CA']);
  await cli.ok(['issue', 'server', '--ca', 'Our CA', '--cn', 'api', '--san', 'DNS:api', '--days', '200']);
});
afterAll(() => cli.cleanup());

describe('certdesk track / untrack', () => {
  it('tracks a DER certificate issued elsewhere: listed as tracked with issuer unknown, expiring and in the calendar', async () => {
    const r = await cli.run(['track', file('gw.der'), '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { files: { file: string; added: Listed[]; duplicates: Listed[] }[] };
    expect(out.files).toHaveLength(1);
    expect(out.files[0]?.added.map((s) => s.cn)).toEqual(['gateway.vendor.example']);
    expect(out.files[0]?.added[0]?.trackedChain?.verdict).toBe('issuer-unknown');

    const gw = (await listed()).find((c) => c.cn === 'gateway.vendor.example');
    expect(gw).toMatchObject({
      tracked: true,
      status: 'expiring',
      trackedChain: { verdict: 'issuer-unknown' },
    });
    expect(await cli.ok(['list'])).toMatch(/tracked\s+gateway\.vendor\.example/);

    const expiring = await cli.run(['expiring', '--within', '30d', '--json', '--ics', file('cal.ics')]);
    expect(expiring.code).toBe(1);
    expect((JSON.parse(expiring.stdout) as { cn: string }[]).map((c) => c.cn)).toEqual([
      'gateway.vendor.example',
    ]);
    expect(readFileSync(file('cal.ics'), 'utf8')).toMatch(/SUMMARY:Renew gateway\.vendor\.example/);
    expect(auditOperations()).toEqual([
      expect.objectContaining({
        operation: 'certs.track',
        outcome: 'ok',
        subject: 'CN=gateway.vendor.example',
      }),
    ]);
  });

  it('recognises a certificate already in the vault by fingerprint and adds no second row', async () => {
    const before = (await listed()).length;
    const r = await cli.run(['track', file('gw.pem')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/already tracked: gateway\.vendor\.example/);
    const issued = await cli.run(['track', file('vault-api.pem')]);
    expect(issued.code).toBe(4); // no such file yet
    await cli.ok(['show', 'api', '--pem']).then((pem) => writeFileSync(file('vault-api.pem'), pem));
    expect((await cli.run(['track', file('vault-api.pem')])).stdout).toMatch(/already in the vault: api/);
    expect((await listed()).length).toBe(before);
  });

  it('tracks every certificate of a bundle; with the vendor root as a trust anchor the chain verdict is valid', async () => {
    const r = await cli.run(['track', file('chain.pem')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/tracked Vendor Root CA/);
    expect(r.stdout).toMatch(/already tracked: gateway\.vendor\.example/);
    // tracking the vendor root does not make it trusted
    let gw = (await listed()).find((c) => c.cn === 'gateway.vendor.example');
    expect(gw?.trackedChain?.verdict).toBe('issuer-unknown');
    expect(JSON.parse(await cli.ok(['ca', 'list', '--json']))).not.toContainEqual(
      expect.objectContaining({ cn: 'Vendor Root CA' }),
    );

    const root = (await listed()).find((c) => c.cn === 'Vendor Root CA');
    await cli.ok(['untrack', root?.id ?? '']);
    await cli.ok(['ca', 'import-anchor', file('vendor-ca.pem')]);
    gw = (await listed()).find((c) => c.cn === 'gateway.vendor.example');
    expect(gw?.trackedChain).toEqual({ verdict: 'valid', message: 'chain valid up to "CN=Vendor Root CA"' });
  });

  it('reports each unreadable file clearly, tracks the readable ones and exits with the first failure', async () => {
    await cli.ok(['untrack', 'gateway.vendor.example']);
    const r = await cli.run(['track', file('missing.pem'), file('gw.pem'), file('garbage.pem')]);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/missing\.pem/);
    expect(r.stderr).toMatch(/garbage\.pem: .*no PEM block found/);
    expect(r.stdout).toMatch(/tracked gateway\.vendor\.example/);

    const garbage = await cli.run(['track', file('garbage.pem'), '--json']);
    expect(garbage.code).toBe(5);
    expect(JSON.parse(garbage.stderr)).toEqual({
      error: { code: 'INVALID_PEM', message: expect.any(String) },
    });
    const files = (JSON.parse(garbage.stdout) as { files: { error?: { code: string } }[] }).files;
    expect(files[0]?.error?.code).toBe('INVALID_PEM');
  });

  it('untracks (audited), and refuses to untrack a certificate the vault issued', async () => {
    const renew = await cli.run(['renew', 'gateway.vendor.example']);
    expect(renew.code).toBe(5);
    expect(renew.stderr).toMatch(/tracked certificate: it is renewed where it was issued/);
    const r = await cli.run(['untrack', 'gateway.vendor.example', '--json']);
    expect(r.code).toBe(0);
    expect((await listed()).some((c) => c.cn === 'gateway.vendor.example')).toBe(false);
    const refused = await cli.run(['untrack', 'api']);
    expect(refused.code).toBe(5);
    expect(refused.stderr).toMatch(/not a tracked certificate/);
    const ops = auditOperations().map((e) => `${e.operation} ${e.outcome} ${e.subject ?? ''}`);
    expect(ops).toContain('certs.untrack ok CN=gateway.vendor.example');
    expect(ops).toContain('certs.untrack ok CN=Vendor Root CA');
  });
});
