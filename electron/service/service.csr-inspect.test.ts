import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opensslVerify, seededFixture, type Fixture } from './testing/service-fixture';

let fx: Fixture & { caId: string; serverId: string; clientId: string };
const openssl = (args: string[]): string =>
  execFileSync('openssl', args, { cwd: fx.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

beforeAll(async () => {
  fx = await seededFixture();
});
afterAll(async () => {
  await fx.cleanup();
});

describe('CSR signing and inspection', () => {
  it('signs an openssl CSR as a server certificate, keeping its requested SANs', async () => {
    openssl([
      'req',
      '-new',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      'ext.key',
      '-subj',
      '/CN=payments',
      '-addext',
      'subjectAltName=DNS:payments.internal,IP:10.0.0.7',
      '-out',
      'ext.csr',
    ]);
    const csrPem = readFileSync(path.join(fx.dir, 'ext.csr'), 'utf8');
    const parsed = await fx.call('csr:parse', { pem: csrPem });
    expect(parsed.signatureValid).toBe(true);
    expect(parsed.sans).toEqual([
      { type: 'dns', value: 'payments.internal' },
      { type: 'ip', value: '10.0.0.7' },
    ]);
    const r = await fx.call('certs:signCsr', { caId: fx.caId, csrPem, profile: 'server' });
    expect(r.summary).toMatchObject({ cn: 'payments', hasKey: false, profile: 'server', issuerId: fx.caId });
    const ca = await fx.call('certs:get', { id: fx.caId });
    expect(opensslVerify(fx.dir, ca.view.pem, r.pem, 'sslserver')).toContain('OK');
    // The certificate carries the CSR's key: openssl's key and the certificate's public key agree.
    writeFileSync(path.join(fx.dir, 'ext.crt'), r.pem);
    expect(openssl(['x509', '-in', 'ext.crt', '-noout', '-pubkey'])).toBe(
      openssl(['pkey', '-in', 'ext.key', '-pubout']),
    );
  });

  it('signs an intermediate CA CSR (scale-out to step-ca/Vault) with a path length', async () => {
    openssl([
      'req',
      '-new',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      'inter.key',
      '-subj',
      '/CN=online-issuing-ca',
      '-out',
      'inter.csr',
    ]);
    const csrPem = readFileSync(path.join(fx.dir, 'inter.csr'), 'utf8');
    const r = await fx.call('certs:signCsr', { caId: fx.caId, csrPem, profile: 'intermediate', pathLen: 0 });
    expect(r.summary).toMatchObject({ kind: 'ca', profile: 'intermediate', hasKey: false, pathLen: 0 });
    writeFileSync(path.join(fx.dir, 'inter.crt'), r.pem);
    openssl([
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
      '/CN=leaf',
      '-out',
      'leaf.csr',
    ]);
    // The online CA (here: openssl with the intermediate's key) issues under the signed intermediate.
    openssl([
      'x509',
      '-req',
      '-in',
      'leaf.csr',
      '-CA',
      'inter.crt',
      '-CAkey',
      'inter.key',
      '-CAcreateserial',
      '-days',
      '30',
      '-out',
      'leaf.crt',
    ]);
    const ca = await fx.call('certs:get', { id: fx.caId });
    writeFileSync(path.join(fx.dir, 'root.pem'), ca.view.pem);
    expect(openssl(['verify', '-CAfile', 'root.pem', '-untrusted', 'inter.crt', 'leaf.crt'])).toContain('OK');
    // Without a key in the vault the intermediate can be listed but not used to issue.
    const err = await fx.fail('certs:issue', {
      caId: r.summary.id,
      profile: 'client',
      subject: { cn: 'x' },
      sans: [],
    });
    expect(err.code).toBe('CA_KEY_MISSING');
  });

  it('refuses a tampered CSR', async () => {
    const csrPem = readFileSync(path.join(fx.dir, 'ext.csr'), 'utf8');
    const der = Buffer.from(csrPem.replace(/-----[^-]+-----/g, '').replace(/\s/g, ''), 'base64');
    const i = der.indexOf(Buffer.from('payments'));
    der[i] = 'q'.charCodeAt(0);
    const tampered = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`;
    const err = await fx.fail('certs:signCsr', { caId: fx.caId, csrPem: tampered, profile: 'server' });
    expect(err.code).toBe('CSR_SIGNATURE_INVALID');
  });

  it('inspects a chain, a CSR and a CRL, checking certificates against the vault', async () => {
    const server = await fx.call('certs:get', { id: fx.serverId });
    const ca = await fx.call('certs:get', { id: fx.caId });
    const chain = await fx.call('inspect:text', { text: server.view.pem + ca.view.pem });
    expect(chain.kind).toBe('chain');
    expect(chain.certificates.map((c) => c.knownId)).toEqual([fx.serverId, fx.caId]);
    expect(chain.certificates[0]?.verdict).toMatch(/^Valid/);

    openssl([
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      'stranger.key',
      '-subj',
      '/CN=stranger',
      '-days',
      '1',
      '-out',
      'stranger.crt',
    ]);
    const stranger = await fx.call('inspect:file', {
      fileGrant: fx.grant(path.join(fx.dir, 'stranger.crt'), 'read-file'),
    });
    expect(stranger.kind).toBe('certificate');
    expect(stranger.certificates[0]?.knownId).toBeNull();
    expect(stranger.certificates[0]?.verdict).toMatch(/^Not valid/);

    const csr = await fx.call('inspect:file', {
      fileGrant: fx.grant(path.join(fx.dir, 'ext.csr'), 'read-file'),
    });
    expect(csr.kind).toBe('csr');
    expect(csr.csr?.subject).toContain('payments');

    const crl = await fx.call('crl:generate', { caId: fx.caId });
    const crlView = await fx.call('inspect:text', { text: crl.pem });
    expect(crlView.kind).toBe('crl');
    expect(crlView.crl?.number).toBe('1');

    openssl([
      'pkcs12',
      '-export',
      '-inkey',
      'stranger.key',
      '-in',
      'stranger.crt',
      '-passout',
      'pass:p12 pass',
      '-out',
      'stranger.p12',
    ]);
    const p12 = await fx.call('inspect:file', {
      fileGrant: fx.grant(path.join(fx.dir, 'stranger.p12'), 'read-file'),
      passphrase: 'p12 pass',
    });
    expect(p12.kind).toBe('pkcs12');
    expect(p12.certificates).toHaveLength(1);
    expect(JSON.stringify(p12)).not.toContain('PRIVATE KEY');
  });

  it('imports a certificate-only trust anchor that can verify but not sign', async () => {
    const anchor = await fx.call('ca:importTrustAnchor', {
      certGrant: fx.grant(path.join(fx.dir, 'stranger.crt'), 'read-file'),
    });
    expect(anchor).toMatchObject({ cn: 'stranger', kind: 'ca', hasKey: false });
  });
});
