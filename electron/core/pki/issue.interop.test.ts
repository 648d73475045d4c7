/** Interop: certificates from every profile and key type verify under `openssl verify -x509_strict`. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// RSA key generation (RSA-4096 once, several RSA-2048) on a loaded 2-core machine: be generous.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });
import { basename } from 'node:path';
import type { KeyAlgorithm, LeafProfile } from '../../../shared/domain/types';
import { ctxAt, makeIntermediate, makeLeaf, makeRoot, type TestCa } from './testing/fixtures';
import { openssl, TempDir } from './testing/openssl';
import {
  issueLeaf,
  generateKeyPair,
  summarizeCertificate,
  viewCertificate,
  type GeneratedKeyPair,
} from './index';

const dir = new TempDir();
afterAll(() => dir.remove());
const ctx = ctxAt();

const sans = [
  { type: 'dns', value: 'user-service' },
  { type: 'dns', value: 'user-service.internal' },
  { type: 'ip', value: '127.0.0.1' },
  { type: 'ip', value: 'fd00::10' },
  { type: 'uri', value: 'spiffe://example.org/ns/prod/sa/user' },
  { type: 'email', value: 'ops@example.org' },
] as const;

/** One `openssl verify` run over many files; returns file → passed. */
function verifyMany(
  purpose: 'sslserver' | 'sslclient',
  ca: string,
  files: string[],
  untrusted?: string,
): Map<string, string> {
  const args = [
    'verify',
    '-x509_strict',
    '-purpose',
    purpose,
    '-CAfile',
    ca,
    ...(untrusted ? ['-untrusted', untrusted] : []),
    ...files,
  ];
  const r = openssl(args, dir.path);
  const out = new Map<string, string>();
  for (const f of files) out.set(f, (r.stdout + r.stderr).includes(`${f}: OK`) ? 'OK' : 'FAIL');
  return out;
}

describe('openssl verify -x509_strict accepts every profile and key type', () => {
  const algs: KeyAlgorithm[] = ['ec-p256', 'ec-p384', 'rsa-2048', 'ed25519'];
  const keys = new Map<KeyAlgorithm, GeneratedKeyPair>();
  beforeAll(async () => {
    for (const a of algs) keys.set(a, await generateKeyPair(a));
  });
  for (const caAlg of algs) {
    it(`a ${caAlg} root and intermediate issue server/client/service leaves of every key type`, async () => {
      const root = await makeRoot(ctx, { alg: caAlg, cn: `Root ${caAlg}` });
      const inter = await makeIntermediate(ctx, root, { alg: caAlg, cn: `Int ${caAlg}`, pathLen: 0 });
      const rootFile = dir.write(`root-${caAlg}.pem`, root.cert.pem);
      const intFile = dir.write(`int-${caAlg}.pem`, inter.cert.pem);
      const expected = new Map<string, LeafProfile>();
      for (const leafAlg of algs) {
        for (const profile of ['server', 'client', 'service'] as LeafProfile[]) {
          for (const [issuer, tag] of [
            [root, 'r'],
            [inter, 'i'],
          ] as [TestCa, string][]) {
            const cert = await issueLeaf(
              {
                issuer: issuer.issuer,
                profile,
                subject: { cn: `${profile}-svc` },
                sans: [...sans],
                publicKey: keys.get(leafAlg)!.publicKey,
              },
              ctx,
            );
            const f = `leaf-${caAlg}-${leafAlg}-${profile}-${tag}.pem`;
            dir.write(f, cert.pem);
            expected.set(f, profile);
          }
        }
      }
      const files = [...expected.keys()];
      const [rootName, intName] = [basename(rootFile), basename(intFile)];
      const server = verifyMany('sslserver', rootName, files, intName);
      const client = verifyMany('sslclient', rootName, files, intName);
      for (const [f, profile] of expected) {
        expect(server.get(f), `${f} as sslserver`).toBe(profile !== 'client' ? 'OK' : 'FAIL');
        expect(client.get(f), `${f} as sslclient`).toBe(profile !== 'server' ? 'OK' : 'FAIL');
      }
    });
  }

  it('an RSA-4096 key (generated once per run) works as CA key', async () => {
    const root = await makeRoot(ctx, { alg: 'rsa-4096', cn: 'Root RSA4096' });
    dir.write('root-4096.pem', root.cert.pem);
    const l2 = await issueLeaf(
      {
        issuer: root.issuer,
        profile: 'service',
        subject: { cn: 'y' },
        sans: [{ type: 'dns', value: 'y.internal' }],
        publicKey: keys.get('ec-p256')!.publicKey,
      },
      ctx,
    );
    dir.write('leaf-4096.pem', l2.pem);
    expect(verifyMany('sslserver', 'root-4096.pem', ['leaf-4096.pem']).get('leaf-4096.pem')).toBe('OK');
    expect(viewCertificate(root.cert.der).signatureAlgorithm).toBe('sha256WithRSAEncryption');
    expect(summarizeCertificate(root.cert.der).keyAlgorithm).toBe('RSA 4096');
  });
});

describe('what openssl x509 -text shows', () => {
  let root: TestCa;
  beforeAll(async () => {
    root = await makeRoot(ctx, {
      alg: 'ec-p384',
      pathLen: 1,
      nameConstraints: {
        permittedDns: ['example.org', 'user-service', 'user-service.internal'],
        permittedIp: ['127.0.0.0/8', 'fd00::/8'],
        permittedEmail: ['example.org'],
        permittedUri: ['example.org'],
        excludedDns: ['bad.example.org'],
      },
    });
  });

  it('a service leaf carries the SANs as the right GeneralName types, both EKUs and critical KU/BC', async () => {
    const { cert } = await makeLeaf(ctx, root, 'service', 'user-service', [...sans]);
    dir.write('text-leaf.pem', cert.pem);
    const text = openssl(['x509', '-in', 'text-leaf.pem', '-noout', '-text'], dir.path).stdout;
    expect(text).toContain(
      'DNS:user-service, DNS:user-service.internal, IP Address:127.0.0.1, IP Address:FD00:0:0:0:0:0:0:10, URI:spiffe://example.org/ns/prod/sa/user, email:ops@example.org',
    );
    expect(text).toContain('TLS Web Server Authentication, TLS Web Client Authentication');
    expect(text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature/);
    expect(text).toMatch(/X509v3 Basic Constraints: critical\s+CA:FALSE/);
    expect(text).toContain('Signature Algorithm: ecdsa-with-SHA384');
    expect(text).toMatch(/X509v3 Authority Key Identifier:\s+[0-9A-F:]{59}/);
  });

  it('the root shows critical BC with pathlen, critical KU keyCertSign+cRLSign and critical name constraints', () => {
    dir.write('text-root.pem', root.cert.pem);
    const text = openssl(['x509', '-in', 'text-root.pem', '-noout', '-text'], dir.path).stdout;
    expect(text).toMatch(/Basic Constraints: critical\s+CA:TRUE, pathlen:1/);
    expect(text).toMatch(/Key Usage: critical\s+Digital Signature, Certificate Sign, CRL Sign/);
    expect(text).toMatch(/Name Constraints: critical\s+Permitted:\s+DNS:example.org/);
    expect(text).toContain('IP:127.0.0.0/255.0.0.0');
    expect(text).toMatch(/Excluded:\s+DNS:bad.example.org/);
  });

  it('RSA leaves also get keyEncipherment; EC leaves do not', async () => {
    const rsa = await makeLeaf(
      ctx,
      root,
      'server',
      'user-service',
      [{ type: 'dns', value: 'user-service' }],
      'rsa-2048',
    );
    const ec = await makeLeaf(ctx, root, 'server', 'user-service', [{ type: 'dns', value: 'user-service' }]);
    const ku = (der: Uint8Array): string[] =>
      viewCertificate(der).extensions.find((e) => e.name === 'Key Usage')!.lines;
    expect(ku(rsa.cert.der)).toEqual(['digitalSignature', 'keyEncipherment']);
    expect(ku(ec.cert.der)).toEqual(['digitalSignature']);
  });
});

/** ASN.1 walk with openssl asn1parse: the serial INTEGER as written, not as our parser reads it. */
function serialFromAsn1parse(pemFile: string): string {
  const out = openssl(['asn1parse', '-in', pemFile, '-i'], dir.path).stdout.split('\n');
  const line = out.find((l) => /prim:\s+INTEGER/.test(l) && /d=2/.test(l));
  const m = /INTEGER\s+:(-?[0-9A-F]+)/.exec(line ?? '');
  if (!m?.[1]) throw new Error(`no serial in ${pemFile}: ${out.slice(0, 8).join('\n')}`);
  return m[1];
}

/** Independent minimal walk: Certificate → tbsCertificate → [0] version → serialNumber content octets. */
function serialOctetsByWalk(der: Uint8Array): Uint8Array {
  const header = (off: number): { start: number; len: number } => {
    const b = der[off + 1]!;
    if (b < 0x80) return { start: off + 2, len: b };
    const n = b & 0x7f;
    let len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + der[off + 2 + i]!;
    return { start: off + 2 + n, len };
  };
  const tbs = header(0).start;
  const version = header(tbs).start;
  expect(der[version]).toBe(0xa0);
  const v = header(version);
  const serialOff = v.start + v.len;
  expect(der[serialOff]).toBe(0x02);
  const s = header(serialOff);
  return der.subarray(s.start, s.start + s.len);
}

describe('serials and times', () => {
  it('1000 serials are positive, at most 20 octets and unique (ASN.1 walk of the DER; openssl asn1parse on a sample)', async () => {
    const root = await makeRoot(ctx);
    const key = await generateKeyPair('ec-p256');
    const used = new Set<string>();
    let topBitSeen = 0;
    for (let i = 0; i < 1000; i++) {
      const c = await issueLeaf(
        {
          issuer: root.issuer,
          profile: 'client',
          subject: { cn: `c${i}` },
          sans: [],
          publicKey: key.publicKey,
          usedSerials: used,
        },
        ctx,
      );
      const octets = serialOctetsByWalk(c.der);
      expect(octets[0]! & 0x80).toBe(0);
      expect(octets.length).toBeLessThanOrEqual(20);
      expect(octets.length === 1 || octets[0] !== 0 || octets[1]! >= 0x80, 'minimal DER').toBe(true);
      if (octets[0] === 0) topBitSeen++;
      expect(used.has(c.serialHex)).toBe(false);
      used.add(c.serialHex);
      if (i < 10) {
        const s = serialFromAsn1parse(dir.write(`serial-${i}.pem`, c.pem));
        expect(s.startsWith('-')).toBe(false);
        expect(s.toLowerCase()).toBe(c.serialHex.replace(/^00/, '').toLowerCase());
      }
    }
    // the top-bit case (0x00 prefix → 17 octets) must have occurred and been handled
    expect(topBitSeen).toBeGreaterThan(0);
  });

  it('the serial guard is honoured (a predicate that rejects the first candidates)', async () => {
    const root = await makeRoot(ctx);
    const key = await generateKeyPair('ec-p256');
    let calls = 0;
    const c = await issueLeaf(
      {
        issuer: root.issuer,
        profile: 'client',
        subject: { cn: 'g' },
        sans: [],
        publicKey: key.publicKey,
        usedSerials: () => ++calls < 3,
      },
      ctx,
    );
    expect(calls).toBe(3);
    expect(c.serialHex).toMatch(/^[0-9a-f]+$/);
  });

  it('certificates reaching past 2049 use GeneralizedTime without fractional seconds', async () => {
    const now = new Date('2045-06-01T12:34:56.789Z');
    const c2 = ctxAt(now);
    const root = await makeRoot(c2, { days: 3650 });
    const f = dir.write('root-2055.pem', root.cert.pem);
    const parsed = openssl(['asn1parse', '-in', f], dir.path).stdout;
    expect(parsed).toMatch(/UTCTIME\s+:450601122956Z/);
    expect(parsed).toMatch(/GENERALIZEDTIME\s+:20550530123456Z/);
    expect(parsed).not.toMatch(/GENERALIZEDTIME\s+:\d+\.\d+Z/);
    expect(root.cert.notBefore.getUTCMilliseconds()).toBe(0);
    expect(
      openssl(
        ['verify', '-x509_strict', '-attime', String(Date.parse('2051-01-01') / 1000), '-CAfile', f, f],
        dir.path,
      ).code,
    ).toBe(0);
  });
});
