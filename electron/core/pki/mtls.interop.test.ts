/**
 * The seed's deployment, for real: TLS 1.3 mutual TLS on 127.0.0.1 with certificates from the engine —
 * Node's tls (server requires and verifies the client cert) and openssl s_server/s_client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { San } from '../../../shared/domain/types';
import { ctxAt, keyPem, makeIntermediate, makeLeaf, makeRoot, type TestCa } from './testing/fixtures';
import { TempDir } from './testing/openssl';
import { nodeMtls, opensslMtls, type MtlsFiles } from './testing/tls';

const SERVER_SANS: San[] = [
  { type: 'dns', value: 'user-service' },
  { type: 'dns', value: 'user-service.internal' },
  { type: 'dns', value: 'localhost' },
  { type: 'ip', value: '127.0.0.1' },
];

const dir = new TempDir();
afterAll(() => dir.remove());
const ctx = ctxAt();

let root: TestCa;
let files: MtlsFiles;

beforeAll(async () => {
  root = await makeRoot(ctx, { cn: 'mygrpc-ca' });
  const server = await makeLeaf(ctx, root, 'server', 'user-service', SERVER_SANS);
  const client = await makeLeaf(ctx, root, 'client', 'billing-service', []);
  files = {
    serverCert: server.cert.pem,
    serverKey: keyPem(server.key),
    clientCert: client.cert.pem,
    clientKey: keyPem(client.key),
    ca: root.cert.pem,
  };
  // seed file names, for the openssl peers
  dir.write('ca.crt', files.ca);
  dir.write('server.crt', files.serverCert);
  dir.write('server.key', files.serverKey);
  dir.write('client.crt', files.clientCert);
  dir.write('client.key', files.clientKey);
});

describe('Node tls, TLS 1.3 mTLS on loopback', () => {
  it('succeeds for user-service and the server reads the client CN billing-service', async () => {
    const r = await nodeMtls(files, 'user-service');
    expect(r).toMatchObject({ ok: true, serverSawCn: 'billing-service', protocol: 'TLSv1.3' });
  });

  it('also succeeds for the other SANs: user-service.internal, localhost and the IP SAN 127.0.0.1', async () => {
    for (const name of ['user-service.internal', 'localhost', '127.0.0.1']) {
      const r = await nodeMtls(files, name);
      expect(r, name).toMatchObject({ ok: true, serverSawCn: 'billing-service' });
    }
  });

  it('also verifies through an intermediate CA when the chain is sent', async () => {
    const inter = await makeIntermediate(ctx, root, { cn: 'issuing-ca', pathLen: 0 });
    const s = await makeLeaf(ctx, inter, 'service', 'user-service', SERVER_SANS, 'ec-p384');
    const c = await makeLeaf(
      ctx,
      inter,
      'service',
      'billing-service',
      [{ type: 'uri', value: 'spiffe://example.org/billing' }],
      'ed25519',
    );
    const r = await nodeMtls(
      {
        serverCert: s.cert.pem + inter.cert.pem,
        serverKey: keyPem(s.key),
        clientCert: c.cert.pem + inter.cert.pem,
        clientKey: keyPem(c.key),
        ca: root.cert.pem,
      },
      'user-service.internal',
    );
    expect(r).toMatchObject({ ok: true, serverSawCn: 'billing-service' });
  });

  it('fails when the client dials a name that is not in the SANs', async () => {
    const r = await nodeMtls(files, 'orders-service');
    expect(r.ok).toBe(false);
    expect(r.clientError).toMatch(/altnames|Hostname\/IP does not match/i);
  });

  it('fails when the client certificate comes from another CA', async () => {
    const other = await makeRoot(ctx, { cn: 'rogue-ca' });
    const rogue = await makeLeaf(ctx, other, 'client', 'billing-service', []);
    const r = await nodeMtls(
      { ...files, clientCert: rogue.cert.pem, clientKey: keyPem(rogue.key) },
      'user-service',
    );
    expect(r.ok).toBe(false);
    expect(r.serverSawCn).toBeUndefined();
    // the same refusal, with the server reporting OpenSSL's reason
    const d = await nodeMtls(
      { ...files, clientCert: rogue.cert.pem, clientKey: keyPem(rogue.key) },
      'user-service',
      true,
    );
    expect(d).toMatchObject({ ok: false, serverError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
  });

  it('fails when the client certificate lacks the clientAuth EKU (a server-profile cert)', async () => {
    const wrong = await makeLeaf(ctx, root, 'server', 'billing-service', [
      { type: 'dns', value: 'billing-service' },
    ]);
    const r = await nodeMtls(
      { ...files, clientCert: wrong.cert.pem, clientKey: keyPem(wrong.key) },
      'user-service',
    );
    expect(r.ok).toBe(false);
    expect(r.serverSawCn).toBeUndefined();
    const d = await nodeMtls(
      { ...files, clientCert: wrong.cert.pem, clientKey: keyPem(wrong.key) },
      'user-service',
      true,
    );
    expect(d).toMatchObject({ ok: false, serverError: 'INVALID_PURPOSE' });
  });

  it('fails when the server certificate lacks the serverAuth EKU', async () => {
    const wrong = await makeLeaf(ctx, root, 'custom', 'user-service', SERVER_SANS, 'ec-p256', {
      extendedKeyUsages: ['clientAuth'],
    });
    const r = await nodeMtls(
      { ...files, serverCert: wrong.cert.pem, serverKey: keyPem(wrong.key) },
      'user-service',
    );
    expect(r.ok).toBe(false);
  });
});

describe('openssl s_server -Verify 1 -tls1_3 / s_client -tls1_3 with the same files', () => {
  it('completes the handshake, the client verifies user-service and the server sees CN billing-service', async () => {
    const r = await opensslMtls(
      dir.path,
      {
        serverCert: 'server.crt',
        serverKey: 'server.key',
        clientCert: 'client.crt',
        clientKey: 'client.key',
        ca: 'ca.crt',
      },
      'user-service',
    );
    expect(r.clientOk, r.clientOutput).toBe(true);
    expect(r.clientOutput).toContain('Protocol version: TLSv1.3');
    expect(r.serverSawCn, r.serverOutput).toBe('billing-service');
  });

  it('s_client refuses a wrong server name', async () => {
    const r = await opensslMtls(
      dir.path,
      {
        serverCert: 'server.crt',
        serverKey: 'server.key',
        clientCert: 'client.crt',
        clientKey: 'client.key',
        ca: 'ca.crt',
      },
      'orders-service',
    );
    expect(r.clientOk).toBe(false);
    expect(r.clientOutput).toMatch(/hostname mismatch/i);
  });

  it('s_server refuses a client certificate without clientAuth', async () => {
    const wrong = await makeLeaf(ctx, root, 'server', 'billing-service', [
      { type: 'dns', value: 'billing-service' },
    ]);
    dir.write('wrong-client.crt', wrong.cert.pem);
    dir.write('wrong-client.key', keyPem(wrong.key));
    const r = await opensslMtls(
      dir.path,
      {
        serverCert: 'server.crt',
        serverKey: 'server.key',
        clientCert: 'wrong-client.crt',
        clientKey: 'wrong-client.key',
        ca: 'ca.crt',
      },
      'user-service',
    );
    expect(r.serverOutput).toMatch(/unsuitable certificate purpose/i);
    expect(r.serverOutput).not.toMatch(/hello from billing-service/);
  });
});
