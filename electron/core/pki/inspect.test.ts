/** Parsing for inspection (PEM bundles, views, fingerprints), chain verdicts, lint, and the openssl command replay. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ctxAt, makeIntermediate, makeLeaf, makeRoot } from './testing/fixtures';
import { openssl, run, TempDir } from './testing/openssl';
import {
  certificateDerFrom,
  lintCertificate,
  opensslCommandsFor,
  parsePemBundle,
  summarizeCertificate,
  toPem,
  validatePath,
  viewCertificate,
} from './index';

const dir = new TempDir();
afterAll(() => dir.remove());

describe('parsePemBundle', () => {
  it('splits a chain with explanatory text into typed blocks, and accepts raw DER', async () => {
    const ctx = ctxAt();
    const root = await makeRoot(ctx);
    const leaf = await makeLeaf(ctx, root, 'client', 'c', []);
    const text = `subject=CN=c\n${leaf.cert.pem}\nissuer stuff\n${root.cert.pem}`;
    const blocks = parsePemBundle(text);
    expect(blocks.map((b) => b.type)).toEqual(['certificate', 'certificate']);
    expect(Buffer.from(blocks[0]!.der).equals(Buffer.from(leaf.cert.der))).toBe(true);
    expect(parsePemBundle(leaf.cert.der)).toEqual([
      { type: 'certificate', label: 'DER', der: leaf.cert.der },
    ]);
    expect(parsePemBundle(toPem(leaf.key.DANGEROUS_privateKeyPkcs8, 'PRIVATE KEY'))[0]!.type).toBe(
      'private-key',
    );
  });

  it('rejects garbage, truncation and bad base64 with INVALID_PEM and a clear message', async () => {
    const ctx = ctxAt();
    const root = await makeRoot(ctx);
    const cases: [string | Uint8Array, RegExp][] = [
      ['', /empty/],
      ['just some words', /no PEM block found/],
      [root.cert.pem.slice(0, 200), /BEGIN line has no matching END line/],
      [
        root.cert.pem.replace('-----END CERTIFICATE-----', '-----END X509 CRL-----'),
        /closed by END X509 CRL/,
      ],
      ['-----BEGIN CERTIFICATE-----\n@@@not base64@@@\n-----END CERTIFICATE-----\n', /not valid base64/],
      [toPem(root.cert.der.subarray(0, root.cert.der.length - 10), 'CERTIFICATE'), /truncated DER/],
      [root.cert.der.subarray(0, 100), /truncated DER/],
      [new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01, 0xff, 0xff]), /unexpected bytes after/],
      [new Uint8Array([0x04, 0x82, 0x01]), /truncated|not DER/],
    ];
    for (const [input, why] of cases) {
      expect(() => parsePemBundle(input), String(why)).toThrow(
        expect.objectContaining({ code: 'INVALID_PEM', message: expect.stringMatching(why) }),
      );
    }
    expect(() => certificateDerFrom(toPem(new Uint8Array([0x30, 0x00]), 'CERTIFICATE'))).toThrow(
      expect.objectContaining({
        code: 'INVALID_PEM',
        message: expect.stringContaining('does not contain a certificate'),
      }),
    );
    expect(() => viewCertificate(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]))).toThrow(
      expect.objectContaining({ code: 'INVALID_PEM' }),
    );
  });

  it('refuses the largest paste of BEGIN lines without END lines at once (it kept main busy for minutes)', async () => {
    const root = await makeRoot(ctxAt());
    // what inspect:text accepts at most (2,000,000 characters), a valid block first
    const text = root.cert.pem + '-----BEGIN A-----\n'.repeat(110_000);
    expect(() => parsePemBundle(text)).toThrow(
      expect.objectContaining({
        code: 'INVALID_PEM',
        message: expect.stringMatching(/^PEM block 2: a BEGIN line has no matching END/),
      }),
    );
  });
});

describe('viewCertificate / summarizeCertificate', () => {
  it('decodes every extension into readable lines; fingerprints and SPKI pin match openssl', async () => {
    const ctx = ctxAt(new Date('2026-02-02T02:02:02Z'));
    const root = await makeRoot(ctx, {
      pathLen: 0,
      nameConstraints: { permittedDns: ['internal.example'], permittedIp: ['10.0.0.0/8'] },
    });
    const leaf = await makeLeaf(
      ctx,
      root,
      'service',
      'api.internal.example',
      [
        { type: 'dns', value: 'api.internal.example' },
        { type: 'ip', value: '10.0.0.1' },
      ],
      'ec-p384',
    );
    const v = viewCertificate(leaf.cert.der);
    const f = dir.write('view.pem', leaf.cert.pem);
    const sha256 = openssl(['x509', '-in', f, '-noout', '-fingerprint', '-sha256'], dir.path)
      .stdout.split('=')[1]!
      .trim()
      .replace(/:/g, '')
      .toLowerCase();
    const sha1 = openssl(['x509', '-in', f, '-noout', '-fingerprint', '-sha1'], dir.path)
      .stdout.split('=')[1]!
      .trim()
      .replace(/:/g, '')
      .toLowerCase();
    expect(v.fingerprints).toEqual({ sha256, sha1 });
    const pin = run(
      'bash',
      [
        '-c',
        `openssl x509 -in ${f} -noout -pubkey | openssl pkey -pubin -outform DER | openssl dgst -sha256 -binary | base64`,
      ],
      dir.path,
    ).stdout.trim();
    expect(v.spkiSha256).toBe(pin);
    expect(v).toMatchObject({
      version: 3,
      subject: 'CN=api.internal.example',
      issuer: 'O=CertDesk Tests, CN=Test Root',
      notBefore: '2026-02-02T01:57:02.000Z',
      publicKey: { algorithm: 'EC', curve: 'P-384', size: 384 },
      signatureAlgorithm: 'ecdsa-with-SHA256',
      isCa: false,
    });
    const lines = Object.fromEntries(v.extensions.map((e) => [e.name, [e.critical, ...e.lines]]));
    expect(lines['Subject Alternative Name']).toEqual([false, 'DNS:api.internal.example', 'IP:10.0.0.1']);
    expect(lines['Basic Constraints']).toEqual([true, 'CA:FALSE']);
    expect(lines['Key Usage']).toEqual([true, 'digitalSignature']);
    expect(lines['Extended Key Usage']).toEqual([false, 'serverAuth', 'clientAuth']);
    expect(lines['Authority Key Identifier']![1]).toMatch(/^keyid:([0-9A-F]{2}:){19}[0-9A-F]{2}$/);
    const rv = viewCertificate(root.cert.der);
    expect(rv.extensions.find((e) => e.name === 'Name Constraints')).toMatchObject({
      critical: true,
      lines: ['Permitted:', '  DNS:internal.example', '  IP:10.0.0.0/8'],
    });
    expect(rv.extensions.find((e) => e.name === 'Basic Constraints')?.lines).toEqual([
      'CA:TRUE',
      'pathlen:0',
    ]);

    const s = summarizeCertificate(leaf.cert.der);
    expect(s).toMatchObject({
      cn: 'api.internal.example',
      serial: leaf.cert.serialHex,
      sha256,
      keyAlgorithm: 'EC P-384',
      isCa: false,
      pathLen: null,
      notBefore: v.notBefore,
      notAfter: v.notAfter,
    });
    expect(s.sans).toEqual(v.sans);
    expect(s.authorityKeyId).toBe(summarizeCertificate(root.cert.der).subjectKeyId);
    expect(summarizeCertificate(root.cert.der)).toMatchObject({ isCa: true, pathLen: 0, selfSigned: true });
  });

  it('reads certificates made by openssl (the inspector must handle foreign files)', () => {
    openssl(
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        'foreign.key',
        '-subj',
        '/C=DE/O=Foreign GmbH/CN=foreign.example',
        '-addext',
        'subjectAltName=DNS:foreign.example,email:a@foreign.example',
        '-days',
        '10',
        '-out',
        'foreign.pem',
      ],
      dir.path,
    );
    const der = certificateDerFrom(readFileSync(dir.file('foreign.pem'), 'utf8'));
    const v = viewCertificate(der);
    expect(v.subject).toBe('C=DE, O=Foreign GmbH, CN=foreign.example');
    expect(v.publicKey).toEqual({ algorithm: 'RSA', size: 2048 });
    expect(v.sans).toEqual([
      { type: 'dns', value: 'foreign.example' },
      { type: 'email', value: 'a@foreign.example' },
    ]);
    expect(v.fingerprints.sha256).toBe(createHash('sha256').update(der).digest('hex'));
    // an RSA-PSS self-signed root from openssl verifies in the chain view
    const pssArgs = [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'pss.key',
      '-sigopt',
      'rsa_padding_mode:pss',
    ];
    openssl([...pssArgs, '-subj', '/CN=pss-root', '-days', '10', '-out', 'pss-root.pem'], dir.path);
    const pssDer = certificateDerFrom(readFileSync(dir.file('pss-root.pem'), 'utf8'));
    expect(viewCertificate(pssDer).signatureAlgorithm).toBe('rsassa-pss');
    expect(validatePath(pssDer, { knownCas: [{ id: 'pss', der: pssDer }], now: new Date() }).ok).toBe(true);
  });
});

describe('validatePath', () => {
  it('gives a per-link verdict for a good chain and names the failing check otherwise', async () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const ctx = ctxAt(now);
    const root = await makeRoot(ctx, { pathLen: 1 });
    const inter = await makeIntermediate(ctx, root, { pathLen: 0 });
    const leaf = await makeLeaf(ctx, inter, 'client', 'billing-service', []);
    const knownCas = [
      { id: 'root-id', der: root.cert.der },
      { id: 'int-id', der: inter.cert.der },
    ];
    const good = validatePath(leaf.cert.der, { knownCas, now, purpose: 'clientAuth', certId: 'leaf-id' });
    expect(good.ok).toBe(true);
    expect(good.links.map((l) => [l.id, l.subject, l.ok])).toEqual([
      ['leaf-id', 'CN=billing-service', true],
      ['int-id', 'CN=Test Intermediate', true],
      ['root-id', 'O=CertDesk Tests, CN=Test Root', true],
    ]);
    expect(good.links[2]!.checks.map((c) => c.check)).toEqual([
      'signature',
      'validity',
      'ca-flag',
      'key-usage',
      'path-len',
      'trust',
    ]);

    const wrongPurpose = validatePath(leaf.cert.der, { knownCas, now, purpose: 'serverAuth' });
    expect(wrongPurpose.links[0]!.checks.find((c) => c.check === 'eku')).toMatchObject({
      ok: false,
      message: 'EKU does not include serverAuth',
    });

    const expired = validatePath(leaf.cert.der, { knownCas, now: new Date('2030-01-01T00:00:00Z') });
    expect(expired.links[0]!.checks.find((c) => c.check === 'validity')).toMatchObject({
      ok: false,
      message: expect.stringContaining('expired on'),
    });

    const noRoot = validatePath(leaf.cert.der, { knownCas: [knownCas[1]!], now });
    expect(noRoot.ok).toBe(false);
    expect(noRoot.links.at(-1)!.checks.find((c) => c.check === 'signature')).toMatchObject({
      ok: false,
      message: expect.stringContaining('not found among the known CAs'),
    });

    const untrustedRoot = validatePath(leaf.cert.der, {
      knownCas: [{ ...knownCas[0]!, trusted: false }, knownCas[1]!],
      now,
    });
    expect(untrustedRoot.links.at(-1)!.checks.find((c) => c.check === 'trust')?.ok).toBe(false);

    const noTlsKu = await makeLeaf(ctx, inter, 'custom', 'odd', [], 'ec-p256', {
      keyUsages: ['dataEncipherment'],
      extendedKeyUsages: ['clientAuth'],
    });
    const kuCheck = validatePath(noTlsKu.cert.der, {
      knownCas,
      now,
      purpose: 'clientAuth',
    }).links[0]!.checks.find((c) => c.check === 'key-usage');
    expect(kuCheck).toMatchObject({ ok: false, message: expect.stringContaining('allows no TLS handshake') });

    const stranger = await makeRoot(ctx, { cn: 'Test Root' });
    const impostor = validatePath(leaf.cert.der, {
      knownCas: [{ id: 'x', der: stranger.cert.der }, knownCas[1]!],
      now,
    });
    expect(impostor.ok).toBe(false);
  });
});

describe('lintCertificate', () => {
  it('flags the classic mistakes with severities and explanations', () => {
    const mk = (name: string, args: string[]): Uint8Array => {
      const r = openssl(
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:P-256',
          '-nodes',
          '-keyout',
          `${name}.key`,
          '-out',
          `${name}.pem`,
          ...args,
        ],
        dir.path,
      );
      if (r.code !== 0) throw new Error(r.stderr);
      return certificateDerFrom(readFileSync(dir.file(`${name}.pem`), 'utf8'));
    };
    const ids = (der: Uint8Array, profile?: 'server' | 'client'): string[] =>
      lintCertificate(der, profile ? { profile } : {}).map((f) => `${f.severity}:${f.id}`);
    const noSan = mk('nosan', [
      '-subj',
      '/CN=user-service',
      '-days',
      '900',
      '-addext',
      'basicConstraints=critical,CA:FALSE',
      '-addext',
      'extendedKeyUsage=serverAuth',
    ]);
    expect(ids(noSan, 'server')).toEqual(
      expect.arrayContaining(['error:server-without-san', 'error:validity-over-825']),
    );
    const ipAsDns = mk('ipdns', [
      '-subj',
      '/CN=10.0.0.1',
      '-days',
      '400',
      '-addext',
      'basicConstraints=critical,CA:FALSE',
      '-addext',
      'subjectAltName=DNS:10.0.0.1',
      '-addext',
      'extendedKeyUsage=serverAuth',
    ]);
    expect(ids(ipAsDns, 'server')).toEqual(
      expect.arrayContaining(['error:ip-in-dns-san', 'warning:validity-over-397']),
    );
    const cnNotInSan = mk('cn', [
      '-subj',
      '/CN=user-service',
      '-days',
      '30',
      '-addext',
      'basicConstraints=critical,CA:FALSE',
      '-addext',
      'subjectAltName=DNS:other',
      '-addext',
      'extendedKeyUsage=clientAuth',
    ]);
    expect(ids(cnNotInSan, 'server')).toEqual(
      expect.arrayContaining(['warning:cn-not-in-san', 'error:missing-eku-serverAuth']),
    );
    const noEku = mk('noeku', [
      '-subj',
      '/CN=c',
      '-days',
      '30',
      '-addext',
      'basicConstraints=critical,CA:FALSE',
    ]);
    expect(ids(noEku)).toContain('warning:missing-eku');
    const weakCa = mk('weakca', [
      '-subj',
      '/CN=ca',
      '-days',
      '30',
      '-addext',
      'basicConstraints=CA:TRUE',
      '-addext',
      'keyUsage=digitalSignature',
    ]);
    expect(ids(weakCa)).toEqual(
      expect.arrayContaining(['warning:ca-basic-constraints-not-critical', 'error:ca-without-key-cert-sign']),
    );
    const r = openssl(
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:1024',
        '-sha1',
        '-nodes',
        '-keyout',
        'weak.key',
        '-out',
        'weak.pem',
        '-subj',
        '/CN=w',
        '-days',
        '3',
      ],
      dir.path,
    );
    if (r.code === 0) {
      const weak = certificateDerFrom(readFileSync(dir.file('weak.pem'), 'utf8'));
      expect(ids(weak)).toEqual(expect.arrayContaining(['error:weak-signature', 'error:rsa-too-small']));
    }
    for (const f of lintCertificate(noSan, { profile: 'server' }))
      expect(f.explanation.length).toBeGreaterThan(20);
  });

  it('our own server and CA certificates lint clean of errors and warnings', async () => {
    const ctx = ctxAt();
    const root = await makeRoot(ctx);
    const inter = await makeIntermediate(ctx, root);
    const leaf = await makeLeaf(ctx, inter, 'server', 'user-service', [
      { type: 'dns', value: 'user-service' },
    ]);
    const serious = (fs: { severity: string }[]): unknown[] => fs.filter((f) => f.severity !== 'info');
    expect(serious(lintCertificate(root.cert.der, { profile: 'root' }))).toEqual([]);
    expect(
      serious(lintCertificate(inter.cert.der, { profile: 'intermediate', issuerDer: root.cert.der })),
    ).toEqual([]);
    expect(serious(lintCertificate(leaf.cert.der, { profile: 'server', issuerDer: inter.cert.der }))).toEqual(
      [],
    );
    expect(
      lintCertificate(leaf.cert.der, { profile: 'server', issuerDer: root.cert.der }).map((f) => f.id),
    ).toEqual(expect.arrayContaining(['aki-mismatch', 'issuer-name-mismatch']));
  });
});

describe('opensslCommandsFor', () => {
  it('replays a root with name constraints and a server issuance; the result verifies with -x509_strict', () => {
    const rootCmds = opensslCommandsFor({
      profile: 'root',
      subject: { cn: "Ops Root / O'Brien", o: 'Acme' },
      keyAlgorithm: 'ec-p384',
      validityDays: 3650,
      pathLen: 1,
      nameConstraints: { permittedDns: ['internal.example'], permittedIp: ['10.0.0.0/8'] },
    });
    const serverCmds = opensslCommandsFor({
      profile: 'server',
      subject: { cn: 'user-service' },
      sans: [
        { type: 'dns', value: 'user-service.internal.example' },
        { type: 'ip', value: '10.1.1.1' },
      ],
      keyAlgorithm: 'rsa-2048',
      validityDays: 397,
      issuerKeyAlgorithm: 'ec-p384',
    });
    expect(serverCmds.join('\n')).toContain('subjectAltName = DNS:user-service.internal.example,IP:10.1.1.1');
    expect(serverCmds.join('\n')).toContain('extendedKeyUsage = serverAuth');
    expect(serverCmds.join('\n')).toContain('keyUsage = critical, digitalSignature, keyEncipherment');
    const interCmds = opensslCommandsFor({
      profile: 'intermediate',
      subject: { cn: 'Issuing CA' },
      keyAlgorithm: 'ed25519',
      validityDays: 1000,
      issuerKeyAlgorithm: 'ec-p384',
    });
    const clientCmds = opensslCommandsFor({
      profile: 'client',
      subject: { cn: 'billing-service' },
      keyAlgorithm: 'ec-p256',
      validityDays: 30,
      issuerKeyAlgorithm: 'ed25519',
      issuerName: 'intermediate',
    });
    expect(clientCmds.at(-1)).toContain('-CA intermediate.crt -CAkey intermediate.key');
    const script = [...rootCmds, ...serverCmds, ...interCmds, ...clientCmds].join('\n');
    const r = run('bash', ['-euo', 'pipefail', '-c', script], dir.path);
    expect(r.code, r.stderr).toBe(0);
    const v = openssl(
      ['verify', '-x509_strict', '-purpose', 'sslserver', '-CAfile', 'ca.crt', 'server.crt'],
      dir.path,
    );
    expect(v.stdout + v.stderr).toContain('server.crt: OK');
    const chain = openssl(
      [
        'verify',
        '-x509_strict',
        '-purpose',
        'sslclient',
        '-CAfile',
        'ca.crt',
        '-untrusted',
        'intermediate.crt',
        'client.crt',
      ],
      dir.path,
    );
    expect(chain.stdout + chain.stderr).toContain('client.crt: OK');
    const text = openssl(['x509', '-in', 'ca.crt', '-noout', '-text'], dir.path).stdout;
    expect(text).toMatch(/Name Constraints: critical/);
    expect(text).toContain("CN = Ops Root / O'Brien");
    const csrCmds = opensslCommandsFor({
      profile: 'client',
      subject: { cn: 'billing-service' },
      fromCsr: true,
      validityDays: 30,
    });
    expect(csrCmds.some((c) => c.startsWith('openssl genpkey'))).toBe(false);
    expect(csrCmds.at(-1)).toContain('-in request.csr');
  });
});
