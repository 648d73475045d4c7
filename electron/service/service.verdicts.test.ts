import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { certStatus } from '../../shared/domain/expiry';
import { DEFAULT_SETTINGS, type CertSummary } from '../../shared/domain/types';
import { makeFixture, opensslIn, opensslVerify, PASSPHRASE, type Fixture } from './testing/service-fixture';

let fixtures: Fixture[] = [];
afterEach(async () => {
  for (const f of fixtures.reverse()) await f.cleanup().catch(() => undefined);
  fixtures = [];
});

const NOW = new Date('2026-03-01T12:00:00Z');

async function vault(now: () => Date = () => NOW): Promise<Fixture> {
  const fx = await makeFixture({ now });
  fixtures.push(fx);
  await fx.call('vault:create', { passphrase: PASSPHRASE });
  return fx;
}

const statusOf = (s: CertSummary, now = NOW): string => certStatus(s, now, DEFAULT_SETTINGS.thresholds);

async function listed(fx: Fixture, id: string): Promise<CertSummary> {
  const found = (await fx.call('certs:list', {})).find((c) => c.id === id);
  if (!found) throw new Error(`${id} not listed`);
  return found;
}

describe('verdicts and issuance refusals from the one path validator', () => {
  it('refuses a third CA level under a root with pathLen 1, which openssl would reject', async () => {
    const fx = await vault();
    const root = await fx.call('ca:create', { subject: { cn: 'root-pl1' }, pathLen: 1 });
    const inter = await fx.call('ca:create', { subject: { cn: 'inter-1' }, parentId: root.summary.id });
    const err = await fx.fail('ca:create', { subject: { cn: 'inter-2' }, parentId: inter.summary.id });
    expect(err.code).toBe('PATH_LEN_EXCEEDED');
    expect(err.message).toContain('root-pl1');
    // a leaf under the second level stays fine: one CA below a pathLen 1 root
    const leaf = await fx.call('certs:issue', {
      caId: inter.summary.id,
      profile: 'client',
      subject: { cn: 'billing-service' },
      sans: [],
    });
    expect(statusOf(await listed(fx, leaf.summary.id))).toBe('valid');
  });

  it("refuses a host-name-like CN outside an ancestor's name constraints when the leaf has no DNS SAN", async () => {
    const fx = await makeFixture();
    fixtures.push(fx);
    await fx.call('vault:create', { passphrase: PASSPHRASE });
    const root = await fx.call('ca:create', {
      subject: { cn: 'constrained-root' },
      nameConstraints: { permittedDns: ['internal.example'] },
    });
    const inter = await fx.call('ca:create', { subject: { cn: 'inter' }, parentId: root.summary.id });
    for (const caId of [root.summary.id, inter.summary.id]) {
      const err = await fx.fail('certs:issue', {
        caId,
        profile: 'client',
        subject: { cn: 'evil.example.com' },
        sans: [],
      });
      expect(err.code).toBe('NAME_CONSTRAINT_VIOLATION');
      expect(err.message).toContain('evil.example.com');
      expect(err.message).toContain('constrained-root');
    }
    // a CN that is no host name, and a host-name CN beside an allowed DNS SAN, are what openssl accepts too
    const plain = await fx.call('certs:issue', {
      caId: inter.summary.id,
      profile: 'client',
      subject: { cn: 'billing-service' },
      sans: [],
    });
    const withSan = await fx.call('certs:issue', {
      caId: inter.summary.id,
      profile: 'server',
      subject: { cn: 'evil.example.com' },
      sans: [{ type: 'dns', value: 'api.internal.example' }],
    });
    const rootPem = (await fx.call('certs:get', { id: root.summary.id })).view.pem;
    const chain = `${rootPem}${(await fx.call('certs:get', { id: inter.summary.id })).view.pem}`;
    expect(opensslVerify(fx.dir, chain, plain.pem, 'sslclient')).toContain('OK');
    expect(opensslVerify(fx.dir, chain, withSan.pem, 'sslserver')).toContain('OK');
  });

  it('revoking an intermediate makes every certificate below it invalid, in the list and the chain view', async () => {
    const fx = await vault();
    const root = await fx.call('ca:create', { subject: { cn: 'root' } });
    const inter = await fx.call('ca:create', { subject: { cn: 'issuing' }, parentId: root.summary.id });
    const sub = await fx.call('ca:create', { subject: { cn: 'sub' }, parentId: inter.summary.id });
    const leaf = await fx.call('certs:issue', {
      caId: sub.summary.id,
      profile: 'server',
      subject: { cn: 'api' },
      sans: [{ type: 'dns', value: 'api.internal' }],
    });
    expect(statusOf(await listed(fx, leaf.summary.id))).toBe('valid');

    await fx.call('certs:revoke', { id: inter.summary.id, reason: 'cACompromise' });
    const row = await listed(fx, leaf.summary.id);
    expect(statusOf(row)).toBe('invalid');
    expect(row.invalidReason).toContain('cACompromise');
    expect(row.invalidReason).toContain('issuing');
    expect(statusOf((await fx.call('ca:list', {})).find((c) => c.id === sub.summary.id)!)).toBe('invalid');

    const detail = await fx.call('certs:get', { id: leaf.summary.id });
    expect(statusOf(detail.summary)).toBe('invalid');
    const interLink = detail.chain.find((l) => l.id === inter.summary.id);
    expect(interLink?.checks.find((c) => c.check === 'revocation')).toMatchObject({ ok: false });
    expect(interLink?.ok).toBe(false);

    // nothing new is signed below the revoked CA, not even by a CA under it that is not revoked itself
    const refused = await fx.fail('certs:issue', {
      caId: sub.summary.id,
      profile: 'client',
      subject: { cn: 'late' },
      sans: [],
    });
    expect(refused.code).toBe('ALREADY_REVOKED');
    expect(refused.message).toContain('issuing');
  });

  it('signs nothing more with a root the operator revoked, though no CA above it records the revocation', async () => {
    const fx = await vault();
    const root = await fx.call('ca:create', { subject: { cn: 'retired root' } });
    await fx.call('certs:revoke', { id: root.summary.id, reason: 'cACompromise' });
    const leaf = await fx.fail('certs:issue', {
      caId: root.summary.id,
      profile: 'server',
      subject: { cn: 'api' },
      sans: [{ type: 'dns', value: 'api.internal' }],
    });
    expect(leaf.code).toBe('ALREADY_REVOKED');
    expect(leaf.message).toContain('retired root');
    const sub = await fx.fail('ca:create', { subject: { cn: 'sub' }, parentId: root.summary.id });
    expect(sub.code).toBe('ALREADY_REVOKED');
    expect((await fx.call('certs:list', {})).map((c) => c.cn)).toEqual(['retired root']);
  });

  it('finds the revocation of a certificate whose serial carries a leading 00 octet', async () => {
    const fx = await vault();
    const root = await fx.call('ca:create', { subject: { cn: 'root' } });
    let leaf: CertSummary | undefined;
    // about half of all random serials have the top bit set; 40 tries miss one with odds of 2^-40
    for (let i = 0; i < 40 && !leaf; i++) {
      const issued = await fx.call('certs:issue', {
        caId: root.summary.id,
        profile: 'client',
        subject: { cn: `client-${i}` },
        sans: [],
      });
      if (issued.summary.serial.startsWith('00')) leaf = issued.summary;
    }
    expect(leaf).toBeDefined();
    await fx.call('certs:revoke', { id: leaf!.id, reason: 'keyCompromise' });
    const detail = await fx.call('certs:get', { id: leaf!.id });
    expect(statusOf(detail.summary)).toBe('revoked');
    const own = detail.chain[0]!.checks.find((c) => c.check === 'revocation');
    expect(own).toMatchObject({ ok: false, message: expect.stringContaining('keyCompromise') });
  });

  it('refuses revocation dates in the future or before the certificate was valid', async () => {
    const fx = await vault();
    const root = await fx.call('ca:create', { subject: { cn: 'root' } });
    const leaf = await fx.call('certs:issue', {
      caId: root.summary.id,
      profile: 'client',
      subject: { cn: 'c' },
      sans: [],
    });
    const future = await fx.fail('certs:revoke', { id: leaf.summary.id, date: '2031-01-01T00:00:00Z' });
    expect(future).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('future') });
    const early = await fx.fail('certs:revoke', { id: leaf.summary.id, date: '2020-01-01T00:00:00Z' });
    expect(early).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('before') });
    expect((await listed(fx, leaf.summary.id)).revoked).toBeUndefined();
    // a small clock skew ahead of the workstation is accepted
    const skewed = new Date(NOW.getTime() + 60_000).toISOString();
    const ok = await fx.call('certs:revoke', { id: leaf.summary.id, date: skewed });
    expect(ok.revoked?.at).toBe(skewed.replace(/\.\d{3}Z$/, '.000Z'));
  });

  it('refuses to import a self-signed CA whose self-signature does not verify', async () => {
    const fx = await vault(() => new Date());
    const d = fx.dir;
    execFileSync('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      path.join(d, 'ca.key'),
      '-subj',
      '/CN=tampered-root',
      '-days',
      '30',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
      '-outform',
      'DER',
      '-out',
      path.join(d, 'ca.der'),
    ]);
    const der = readFileSync(path.join(d, 'ca.der'));
    der[der.length - 3] = der[der.length - 3]! ^ 0x01; // inside the ECDSA signature's last INTEGER
    writeFileSync(path.join(d, 'bad.der'), der);
    const err = await fx.fail('ca:import', { certGrant: fx.grant(path.join(d, 'bad.der'), 'read-file') });
    expect(err.code).toBe('INVALID_PEM');
    expect(err.message).toContain('does not verify');
    expect(await fx.call('ca:list', {})).toEqual([]);
  });

  it('lists a CA imported below an ancestor whose pathLen it exceeds as invalid, never valid', async () => {
    const fx = await vault(() => new Date());
    const d = fx.dir;
    const sh = opensslIn(d);
    writeFileSync(
      path.join(d, 'ext.cnf'),
      [
        '[root]',
        'basicConstraints = critical,CA:TRUE,pathlen:0',
        'keyUsage = critical,keyCertSign,cRLSign',
        'subjectKeyIdentifier = hash',
        '[sub]',
        'basicConstraints = critical,CA:TRUE',
        'keyUsage = critical,keyCertSign,cRLSign',
        'subjectKeyIdentifier = hash',
        'authorityKeyIdentifier = keyid',
        '',
      ].join('\n'),
    );
    for (const n of ['root', 'inter', 'deep'])
      sh(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${n}.key`]);
    sh([
      'req',
      '-x509',
      '-new',
      '-key',
      'root.key',
      '-subj',
      '/CN=pl0-root',
      '-days',
      '400',
      '-config',
      'ext.cnf',
      '-extensions',
      'root',
      '-out',
      'root.crt',
    ]);
    for (const [n, parent] of [
      ['inter', 'root'],
      ['deep', 'inter'],
    ] as const) {
      sh(['req', '-new', '-key', `${n}.key`, '-subj', `/CN=${n}-ca`, '-out', `${n}.csr`]);
      sh([
        'x509',
        '-req',
        '-in',
        `${n}.csr`,
        '-CA',
        `${parent}.crt`,
        '-CAkey',
        `${parent}.key`,
        '-set_serial',
        '7',
        '-days',
        '300',
        '-extfile',
        'ext.cnf',
        '-extensions',
        'sub',
        '-out',
        `${n}.crt`,
      ]);
    }
    // openssl's own verdict on the third level
    const peer = spawnSync(
      'openssl',
      ['verify', '-CAfile', 'root.crt', '-untrusted', 'inter.crt', 'deep.crt'],
      { cwd: d, encoding: 'utf8' },
    );
    expect(`${peer.stdout}${peer.stderr}`).toContain('path length constraint exceeded');
    for (const n of ['root', 'inter', 'deep'])
      await fx.call('ca:import', { certGrant: fx.grant(path.join(d, `${n}.crt`), 'read-file') });
    const cas = await fx.call('ca:list', {});
    const deep = cas.find((c) => c.cn === 'deep-ca')!;
    expect(statusOf(deep, new Date())).toBe('invalid');
    expect(deep.invalidReason).toContain('pathLen 0');
    expect(
      statusOf(
        cas.find((c) => c.cn === 'inter-ca')!,
        new Date(),
      ),
    ).toBe('valid');
  });
});
