import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestCa, type TestCert } from '../export/testing/openssl-pki';
import { checkMtls, type CheckMtlsInput } from './check-mtls';

const DAY = 86_400_000;
const SERVER_SAN = 'DNS:user-service,DNS:user-service.internal,DNS:localhost,IP:127.0.0.1';
let dir: string;
let ca: TestCa;
let other: TestCa;
let inter: TestCa;
const c: Record<string, TestCert> = {};
let crlPem: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'certdesk-mtls-'));
  ca = TestCa.root(join(dir, 'ca'), 'mygrpc-ca');
  other = TestCa.root(join(dir, 'other'), 'someone-elses-ca');
  inter = ca.intermediate(join(dir, 'int'), 'mygrpc-int');
  const now = Date.now();
  c.server = ca.issue({ cn: 'user-service', san: SERVER_SAN, eku: 'serverAuth' });
  c.client = ca.issue({ cn: 'billing-service', san: 'URI:spiffe://example.org/billing', eku: 'clientAuth' });
  c.serverViaInt = inter.issue({ cn: 'user-service', san: SERVER_SAN, eku: 'serverAuth' });
  c.serverNoEku = ca.issue({ cn: 'user-service', san: SERVER_SAN, eku: 'clientAuth' });
  c.clientNoEku = ca.issue({ cn: 'billing-service', eku: 'serverAuth' });
  c.serverBadKu = ca.issue({
    cn: 'user-service',
    san: SERVER_SAN,
    eku: 'serverAuth',
    keyUsage: 'nonRepudiation',
  });
  // keyEncipherment serves a TLS server (RSA key exchange) but never a client: OpenSSL's sslclient purpose
  c.clientBadKu = ca.issue({ cn: 'billing-service', eku: 'clientAuth', keyUsage: 'keyEncipherment' });
  c.serverExpired = ca.issue({
    cn: 'user-service',
    san: SERVER_SAN,
    eku: 'serverAuth',
    notBefore: new Date(now - 30 * DAY),
    notAfter: new Date(now - DAY),
  });
  c.clientExpired = ca.issue({
    cn: 'billing-service',
    eku: 'clientAuth',
    notBefore: new Date(now - 30 * DAY),
    notAfter: new Date(now - DAY),
  });
  c.serverFuture = ca.issue({
    cn: 'user-service',
    san: SERVER_SAN,
    eku: 'serverAuth',
    notBefore: new Date(now + DAY),
    notAfter: new Date(now + 30 * DAY),
  });
  c.clientForeign = other.issue({ cn: 'billing-service', eku: 'clientAuth' });
  c.serverForeign = other.issue({ cn: 'user-service', san: SERVER_SAN, eku: 'serverAuth' });
  c.clientRevoked = ca.issue({ cn: 'billing-service', eku: 'clientAuth' });
  ca.revoke(c.clientRevoked);
  crlPem = ca.crlPem();
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function input(server: TestCert, client: TestCert, extra: Partial<CheckMtlsInput> = {}): CheckMtlsInput {
  return {
    serverCertPem: server.certPem,
    serverKeyPkcs8: server.keyPkcs8,
    serverChainPem: [],
    clientCertPem: client.certPem,
    clientKeyPkcs8: client.keyPkcs8,
    clientChainPem: [],
    caCertsPem: [ca.certPem],
    serverName: 'user-service',
    ...extra,
  };
}

describe('checkMtls', () => {
  it('succeeds for the seed pair and reports what the server sees (CN, URI SANs, TLS 1.3, cipher)', async () => {
    const r = await checkMtls(input(c.server!, c.client!, { now: new Date() }));
    expect(r).toMatchObject({
      ok: true,
      serverName: 'user-service',
      protocol: 'TLSv1.3',
      peer: { cn: 'billing-service', uris: ['spiffe://example.org/billing'] },
    });
    expect(r.cipher).toMatch(/^TLS_(AES_(128|256)_GCM|CHACHA20_POLY1305)_SHA(256|384)$/);
    expect(r.reason).toBeUndefined();
  });

  it('succeeds when dialling the IP SAN 127.0.0.1 and with a server chain through an intermediate', async () => {
    expect(await checkMtls(input(c.server!, c.client!, { serverName: '127.0.0.1' }))).toMatchObject({
      ok: true,
    });
    expect(
      await checkMtls(input(c.serverViaInt!, c.client!, { serverChainPem: [inter.certPem] })),
    ).toMatchObject({ ok: true, peer: { cn: 'billing-service' } });
  });

  // Every failure is checked twice: the pre-check's verdict, and the real handshake's alone (skipPrecheck).
  const cases: [string, () => CheckMtlsInput, string][] = [
    [
      'name-mismatch',
      () => input(c.server!, c.client!, { serverName: 'payments-service' }),
      'payments-service',
    ],
    ['missing-server-eku', () => input(c.serverNoEku!, c.client!), 'serverAuth'],
    ['missing-client-eku', () => input(c.server!, c.clientNoEku!), 'clientAuth'],
    ['server-key-usage', () => input(c.serverBadKu!, c.client!), 'KeyUsage (nonRepudiation)'],
    ['client-key-usage', () => input(c.server!, c.clientBadKu!), 'KeyUsage (keyEncipherment)'],
    ['expired', () => input(c.serverExpired!, c.client!), 'server certificate'],
    ['expired', () => input(c.server!, c.clientExpired!), 'client certificate'],
    ['not-yet-valid', () => input(c.serverFuture!, c.client!), 'server certificate'],
    ['unknown-ca', () => input(c.server!, c.clientForeign!), 'client certificate'],
    ['unknown-ca', () => input(c.serverForeign!, c.client!), 'server certificate'],
    ['revoked', () => input(c.server!, c.clientRevoked!, { crlPem }), 'client certificate'],
  ];
  it.each(cases)(
    'reports %s (%#) from the pre-check and from the real handshake',
    async (reason, make, mentions) => {
      const pre = await checkMtls({ ...make(), now: new Date() });
      expect(pre).toMatchObject({ ok: false, reason });
      expect(pre.message).toContain(mentions);
      const real = await checkMtls({ ...make(), skipPrecheck: true });
      expect(real).toMatchObject({ ok: false, reason });
    },
  );

  it('uses the given check time for validity, not the real clock', async () => {
    const later = await checkMtls(input(c.server!, c.client!, { now: new Date(Date.now() + 400 * DAY) }));
    expect(later).toMatchObject({ ok: false, reason: 'expired' });
    const earlier = await checkMtls(input(c.server!, c.client!, { now: new Date(Date.now() - 2 * DAY) }));
    expect(earlier).toMatchObject({ ok: false, reason: 'not-yet-valid' });
  });

  it('passes with a CRL that does not list either certificate', async () => {
    expect(await checkMtls(input(c.server!, c.client!, { crlPem }))).toMatchObject({ ok: true });
  });

  it('reports a key that does not match its certificate as a clear failure', async () => {
    const r = await checkMtls({ ...input(c.server!, c.client!), serverKeyPkcs8: c.client!.keyPkcs8 });
    expect(r).toMatchObject({ ok: false, reason: 'other' });
    expect(r.message).toMatch(/server certificate or key/);
  });

  it('refuses bad input with AppErrors', async () => {
    await expect(checkMtls(input(c.server!, c.client!, { serverName: ' ' }))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(checkMtls(input(c.server!, c.client!, { caCertsPem: [] }))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(
      checkMtls({ ...input(c.server!, c.client!), serverKeyPkcs8: new Uint8Array([1, 2]) }),
    ).rejects.toMatchObject({ code: 'INVALID_KEY' });
  });

  it('closes its server and sockets, also after a failure and after a timeout', async () => {
    const handles = (): number =>
      process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap' || r === 'TCPSocketWrap').length;
    const before = handles();
    await checkMtls(input(c.server!, c.client!));
    await checkMtls(input(c.server!, c.clientForeign!, { skipPrecheck: true }));
    const timedOut = await checkMtls(input(c.server!, c.client!, { timeoutMs: 1 }));
    expect(timedOut).toMatchObject({
      ok: false,
      reason: 'other',
      message: expect.stringContaining('did not finish'),
    });
    await new Promise((r) => setImmediate(r));
    expect(handles()).toBe(before);
  });
});
