import { createPrivateKey, webcrypto } from 'node:crypto';
import { connect, createServer, type TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { San } from '../../../../shared/domain/types';
import { createRootCa, generateKeyPair, issueLeaf, keysMatch, summarizeCertificate } from '../index';
import type { PkiContext, PkiCryptoKey } from '../types';
import { LeafBatchIssuer, type FastIssuedLeaf, type FastLeafRequest } from './batch-issuer';
import { mask, outline, pem, runOpenssl, Scratch } from './test-support';

const now = new Date('2026-03-01T12:00:00.000Z');
const ctx: PkiContext = { now, crypto: webcrypto };
const dir = new Scratch();
let ca: { der: Uint8Array; signingKey: PkiCryptoKey };
let caPath: string;

beforeAll(async () => {
  const k = await generateKeyPair('ec-p256');
  const root = await createRootCa(
    {
      subject: { cn: 'Batch Test Root', o: 'CertDesk' },
      publicKey: k.publicKey,
      signingKey: k.signingKey,
      validity: { days: 3650 },
    },
    ctx,
  );
  ca = { der: root.der, signingKey: k.signingKey };
  caPath = dir.write('ca.pem', root.pem);
});
afterAll(() => dir.remove());

async function fastIssue(
  rows: FastLeafRequest[],
  opts: { workers?: number; signIn?: 'main' | 'workers' } = {},
): Promise<FastIssuedLeaf[]> {
  const b = await LeafBatchIssuer.create({
    issuer: { certDer: ca.der, signingKey: ca.signingKey },
    ctx,
    workers: opts.workers ?? 0,
    ...(opts.signIn ? { signIn: opts.signIn } : {}),
  });
  try {
    const out = await b.issueChunk(rows);
    return out.map((o) => {
      if (!o.ok) throw new Error(`${o.code}: ${o.message}`);
      return o.leaf;
    });
  } finally {
    await b.close();
  }
}

/** The certificate outline with the fields that differ per issuance (serial, validity, key, SKI, signature) masked. */
function maskedOutline(der: Uint8Array, hasSan: boolean): unknown {
  const tree = outline(der);
  mask(tree, [0, 0, 1]);
  mask(tree, [0, 0, 4]);
  mask(tree, [0, 0, 6]);
  mask(tree, [0, 0, 7, 0, hasSan ? 4 : 3, 1]);
  mask(tree, [0, 2]);
  return tree;
}

const SERVER_SANS: San[] = [
  { type: 'dns', value: 'user-service' },
  { type: 'ip', value: '127.0.0.1' },
  { type: 'ip', value: '::1' },
];

describe('batch leaf encoder', () => {
  const cases: { profile: FastLeafRequest['profile']; key: FastLeafRequest['key']; sans: San[] }[] = [
    { profile: 'server', key: 'ec-p256', sans: SERVER_SANS },
    { profile: 'client', key: 'ec-p256', sans: [] },
    {
      profile: 'service',
      key: 'ec-p384',
      sans: [
        { type: 'uri', value: 'spiffe://example.org/ns/default/sa/user' },
        { type: 'dns', value: 'user.internal' },
      ],
    },
    { profile: 'server', key: 'rsa-2048', sans: [{ type: 'dns', value: 'rsa.example' }] },
  ];

  for (const c of cases) {
    it(`writes the same structure as issueLeaf for a ${c.profile} leaf with a ${c.key} key`, async () => {
      const [fast] = await fastIssue([
        { cn: 'user-service', profile: c.profile, sans: c.sans, key: c.key, days: 90 },
      ]);
      const key = await generateKeyPair(c.key);
      const ref = await issueLeaf(
        {
          issuer: { certDer: ca.der, signingKey: ca.signingKey },
          profile: c.profile,
          subject: { cn: 'user-service' },
          sans: c.sans,
          publicKey: key.publicKey,
          validity: { days: 90 },
        },
        ctx,
      );
      expect(fast).toBeDefined();
      expect(maskedOutline(fast!.der, c.sans.length > 0)).toEqual(maskedOutline(ref.der, c.sans.length > 0));
      expect(fast!.facts).toEqual(summarizeCertificate(fast!.der));
      expect(fast!.notBefore).toEqual(ref.notBefore);
      expect(fast!.notAfter).toEqual(ref.notAfter);
      expect(keysMatch(fast!.der, fast!.DANGEROUS_pkcs8)).toBe(true);
    });
  }

  it('passes openssl verify -x509_strict for sslserver (server, service) and sslclient (client, service)', async () => {
    const leaves = await fastIssue(
      [
        { cn: 'api', profile: 'server', sans: SERVER_SANS, key: 'ec-p256', days: 397 },
        { cn: 'alice', profile: 'client', sans: [], key: 'ec-p256', days: 30 },
        { cn: 'svc', profile: 'service', sans: [{ type: 'dns', value: 'svc' }], key: 'ec-p256', days: 30 },
      ],
      { workers: 2 },
    );
    const [server, client, service] = leaves.map((l, i) =>
      dir.write(`leaf${i}.pem`, pem(l.der, 'CERTIFICATE')),
    );
    const verify = (purpose: string, file: string | undefined) =>
      runOpenssl(
        [
          'verify',
          '-x509_strict',
          '-attime',
          String(now.getTime() / 1000),
          '-purpose',
          purpose,
          '-CAfile',
          caPath,
          file ?? '',
        ],
        dir.path,
      );
    for (const [purpose, file] of [
      ['sslserver', server],
      ['sslserver', service],
      ['sslclient', client],
      ['sslclient', service],
    ] as const) {
      const r = verify(purpose, file);
      expect(r.out).toContain(': OK');
      expect(r.code).toBe(0);
    }
    // and the negative: a client certificate is not a TLS server certificate
    expect(verify('sslserver', client).code).not.toBe(0);
  });

  it('completes a TLS 1.3 mTLS handshake with Node tls, the server reading the client CN', async () => {
    const wall = { now: new Date(), crypto: ctx.crypto };
    const b = await LeafBatchIssuer.create({
      issuer: { certDer: ca.der, signingKey: ca.signingKey },
      ctx: wall,
      workers: 2,
      signIn: 'workers',
    });
    const out = await b.issueChunk([
      {
        cn: 'localhost',
        profile: 'server',
        sans: [
          { type: 'dns', value: 'localhost' },
          { type: 'ip', value: '127.0.0.1' },
        ],
        key: 'ec-p256',
        days: 2,
      },
      { cn: 'client-7', profile: 'client', sans: [], key: 'ec-p256', days: 2 },
    ]);
    await b.close();
    const [server, client] = out.map((o) => (o.ok ? o.leaf : null));
    if (!server || !client) throw new Error('issuance failed');
    const keyPem = (l: FastIssuedLeaf) =>
      createPrivateKey({ key: Buffer.from(l.DANGEROUS_pkcs8), format: 'der', type: 'pkcs8' }).export({
        type: 'pkcs8',
        format: 'pem',
      });
    const caPem = pem(ca.der, 'CERTIFICATE');
    const seen = await new Promise<{ cn: unknown; protocol: string | null }>((resolve, reject) => {
      const srv = createServer(
        {
          cert: pem(server.der, 'CERTIFICATE'),
          key: keyPem(server),
          ca: caPem,
          requestCert: true,
          rejectUnauthorized: true,
          minVersion: 'TLSv1.3',
        },
        (sock: TLSSocket) => {
          resolve({ cn: sock.getPeerCertificate().subject?.CN, protocol: sock.getProtocol() });
          sock.end();
          srv.close();
        },
      );
      srv.on('tlsClientError', reject);
      srv.listen(0, '127.0.0.1', () => {
        const port = (srv.address() as { port: number }).port;
        const c = connect({
          host: '127.0.0.1',
          port,
          servername: 'localhost',
          ca: caPem,
          cert: pem(client.der, 'CERTIFICATE'),
          key: keyPem(client),
          minVersion: 'TLSv1.3',
        });
        c.on('error', reject);
        c.on('data', () => undefined);
      });
    });
    expect(seen).toEqual({ cn: 'client-7', protocol: 'TLSv1.3' });
  });

  it('gives 1,000 certificates unique, positive serials of at most 20 octets', async () => {
    const rows = Array.from({ length: 1000 }, (_, i): FastLeafRequest => ({
      cn: `host-${i}`,
      profile: 'server',
      sans: [{ type: 'dns', value: `host-${i}.example` }],
      key: 'ec-p256',
      days: 30,
    }));
    const b = await LeafBatchIssuer.create({
      issuer: { certDer: ca.der, signingKey: ca.signingKey },
      ctx,
      workers: 2,
    });
    const leaves: FastIssuedLeaf[] = [];
    for (let i = 0; i < rows.length; i += 250) {
      const out = await b.issueChunk(rows.slice(i, i + 250), rows.slice(i + 250, i + 500));
      for (const o of out) if (o.ok) leaves.push(o.leaf);
    }
    await b.close();
    expect(leaves).toHaveLength(1000);
    const serials = new Set<string>();
    for (const l of leaves) {
      const octets = Buffer.from(l.serialHex, 'hex');
      expect(octets.length).toBeLessThanOrEqual(20);
      expect(octets[0]! & 0x80).toBe(0);
      if (octets.length > 1) expect(octets[0] === 0 && (octets[1]! & 0x80) === 0).toBe(false);
      serials.add(l.serialHex);
    }
    expect(serials.size).toBe(1000);
    expect(new Set(leaves.map((l) => l.facts.cn)).size).toBe(1000);
  });

  it('fails only the row whose validity exceeds the issuer, naming VALIDITY_EXCEEDS_ISSUER', async () => {
    const b = await LeafBatchIssuer.create({
      issuer: { certDer: ca.der, signingKey: ca.signingKey },
      ctx,
      workers: 0,
    });
    const out = await b.issueChunk([
      { cn: 'ok-1', profile: 'client', sans: [], key: 'ec-p256', days: 30 },
      { cn: 'too-long', profile: 'client', sans: [], key: 'ec-p256', days: 36500 },
      { cn: 'ok-2', profile: 'client', sans: [], key: 'ec-p256', days: 30 },
    ]);
    await b.close();
    expect(out.map((o) => o.ok)).toEqual([true, false, true]);
    const bad = out[1];
    expect(bad && !bad.ok ? bad.code : null).toBe('VALIDITY_EXCEEDS_ISSUER');
  });
});
