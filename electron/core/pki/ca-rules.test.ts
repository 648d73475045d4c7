/** Issuer rules enforced before signing: name constraints, pathLen, validity, SAN requirements; CSR signing; renewal. */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { San } from '../../../shared/domain/types';
import { ctxAt, makeIntermediate, makeLeaf, makeRoot } from './testing/fixtures';
import { retimed } from './testing/retimed';
import { openssl, TempDir } from './testing/openssl';
import { readCert } from './cert-raw';
import {
  certificateDerFrom,
  createIntermediateCa,
  DANGEROUS_readPrivateKeyFile,
  importSigningKey,
  generateKeyPair,
  issueLeaf,
  parseCsr,
  renewalPlan,
  renewCertificate,
  signCsr,
  summarizeCertificate,
  viewCertificate,
  viewCsr,
} from './index';

const dir = new TempDir();
afterAll(() => dir.remove());
const dns = (value: string): San => ({ type: 'dns', value });

describe('name constraints are enforced before signing', () => {
  const nc = {
    permittedDns: ['internal.example', 'user-service'],
    excludedDns: ['secret.internal.example'],
    permittedIp: ['10.0.0.0/8', 'fd00::/8'],
    permittedEmail: ['example.org'],
    permittedUri: ['example.org'],
  };

  it('allows names inside the permitted subtrees and refuses others with NAME_CONSTRAINT_VIOLATION', async () => {
    const ctx = ctxAt();
    const root = await makeRoot(ctx, { nameConstraints: nc });
    const key = await generateKeyPair('ec-p256');
    const issue = (sans: San[]): Promise<unknown> =>
      issueLeaf(
        { issuer: root.issuer, profile: 'service', subject: { cn: 'x' }, sans, publicKey: key.publicKey },
        ctx,
      );
    await expect(
      issue([
        dns('a.internal.example'),
        dns('user-service'),
        { type: 'ip', value: '10.1.2.3' },
        { type: 'ip', value: 'fd00::1' },
        { type: 'uri', value: 'spiffe://example.org/svc' },
        { type: 'email', value: 'ops@example.org' },
      ]),
    ).resolves.toHaveProperty('der');
    for (const [bad, why] of [
      [dns('evil.example'), /DNS:evil.example is outside the CA's permitted subtrees/],
      [dns('x.secret.internal.example'), /excluded subtree DNS:secret.internal.example/],
      [{ type: 'ip', value: '192.168.1.1' }, /IP:192.168.1.1 is outside/],
      [{ type: 'ip', value: '2001:db8::1' }, /IP:2001:db8::1 is outside/],
      [{ type: 'email', value: 'a@evil.org' }, /email:a@evil.org is outside/],
      [{ type: 'uri', value: 'spiffe://evil.org/svc' }, /URI:spiffe:\/\/evil.org\/svc is outside/],
    ] as [San, RegExp][]) {
      await expect(issue([dns('ok.internal.example'), bad])).rejects.toMatchObject({
        code: 'NAME_CONSTRAINT_VIOLATION',
        message: expect.stringMatching(why),
      });
    }
  });

  it("the root's constraints bind an intermediate's issuance when the chain is passed; openssl agrees", async () => {
    const ctx = ctxAt();
    const root = await makeRoot(ctx, { nameConstraints: { permittedDns: ['internal.example'] }, pathLen: 1 });
    const inter = await makeIntermediate(ctx, root);
    const key = await generateKeyPair('ec-p256');
    const withChain = { ...inter.issuer, chain: [root.cert.der] };
    await expect(
      issueLeaf(
        {
          issuer: withChain,
          profile: 'server',
          subject: { cn: 'x' },
          sans: [dns('evil.example')],
          publicKey: key.publicKey,
        },
        ctx,
      ),
    ).rejects.toMatchObject({
      code: 'NAME_CONSTRAINT_VIOLATION',
      message: expect.stringContaining('constraint of "O=CertDesk Tests, CN=Test Root"'),
    });
    await expect(
      issueLeaf(
        {
          issuer: withChain,
          profile: 'server',
          subject: { cn: 'x' },
          sans: [dns('a.internal.example')],
          publicKey: key.publicKey,
        },
        ctx,
      ),
    ).resolves.toHaveProperty('der');
    // root pathLen 1 → the intermediate may not create another CA below itself
    await expect(
      createIntermediateCa({ issuer: withChain, subject: { cn: 'deep' }, publicKey: key.publicKey }, ctx),
    ).rejects.toMatchObject({ code: 'PATH_LEN_EXCEEDED' });
    // without the chain only the issuer's own constraints are known; openssl then refuses the result
    const outside = await issueLeaf(
      {
        issuer: inter.issuer,
        profile: 'server',
        subject: { cn: 'x' },
        sans: [dns('evil.example')],
        publicKey: key.publicKey,
      },
      ctx,
    );
    dir.write('nc-root.pem', root.cert.pem);
    dir.write('nc-int.pem', inter.cert.pem);
    dir.write('nc-leaf.pem', outside.pem);
    const v = openssl(
      ['verify', '-CAfile', 'nc-root.pem', '-untrusted', 'nc-int.pem', 'nc-leaf.pem'],
      dir.path,
    );
    expect(v.stdout + v.stderr).toMatch(/permitted subtree violation/);
  });
});

describe('issuer name bytes', () => {
  it('copies a PrintableString CA subject byte for byte (Go matches names bytewise)', async () => {
    dir.write(
      'ps.cnf',
      '[req]\ndistinguished_name = dn\nstring_mask = default\nx509_extensions = v3\n[dn]\n[v3]\nbasicConstraints = critical, CA:TRUE\nkeyUsage = critical, keyCertSign, cRLSign\nsubjectKeyIdentifier = hash\n',
    );
    const r = openssl(
      [
        'req',
        '-x509',
        '-new',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-keyout',
        'ps.key',
        '-config',
        'ps.cnf',
        '-subj',
        '/O=Printable Org/CN=printable-ca',
        '-days',
        '30',
        '-out',
        'ps.crt',
      ],
      dir.path,
    );
    expect(r.code, r.stderr).toBe(0);
    const caDer = certificateDerFrom(readFileSync(dir.file('ps.crt'), 'utf8'));
    const caSubject = readCert(caDer).subject;
    expect(Buffer.from(caSubject).includes(Buffer.from([0x13, 'printable-ca'.length]))).toBe(true);
    const key = await DANGEROUS_readPrivateKeyFile(readFileSync(dir.file('ps.key')));
    const issuer = { certDer: caDer, signingKey: await importSigningKey(key.pkcs8, key.alg) };
    const leafKey = await generateKeyPair('ec-p256');
    const leaf = await issueLeaf(
      {
        issuer,
        profile: 'client',
        subject: { cn: 'c' },
        sans: [],
        publicKey: leafKey.publicKey,
        validity: { days: 7 },
      },
      ctxAt(),
    );
    expect(Buffer.from(readCert(leaf.der).issuer).equals(Buffer.from(caSubject))).toBe(true);
    dir.write('ps-leaf.crt', leaf.pem);
    expect(
      openssl(
        ['verify', '-x509_strict', '-purpose', 'sslclient', '-CAfile', 'ps.crt', 'ps-leaf.crt'],
        dir.path,
      ).stdout,
    ).toContain('OK');
  });
});

describe('pathLen', () => {
  it('a pathLen 0 CA may issue leaves but not another CA (PATH_LEN_EXCEEDED)', async () => {
    const ctx = ctxAt();
    const root = await makeRoot(ctx, { pathLen: 1 });
    const inter = await makeIntermediate(ctx, root, { pathLen: 0 });
    const key = await generateKeyPair('ec-p256');
    await expect(
      createIntermediateCa(
        { issuer: inter.issuer, subject: { cn: 'too deep' }, publicKey: key.publicKey },
        ctx,
      ),
    ).rejects.toMatchObject({ code: 'PATH_LEN_EXCEEDED' });
    await expect(
      createIntermediateCa(
        { issuer: root.issuer, subject: { cn: 'too long' }, publicKey: key.publicKey, pathLen: 1 },
        ctx,
      ),
    ).rejects.toMatchObject({ code: 'PATH_LEN_EXCEEDED' });
    await expect(
      issueLeaf(
        {
          issuer: inter.issuer,
          profile: 'client',
          subject: { cn: 'ok' },
          sans: [],
          publicKey: key.publicKey,
        },
        ctx,
      ),
    ).resolves.toHaveProperty('der');
  });

  it('a leaf cannot act as an issuer (NOT_A_CA)', async () => {
    const ctx = ctxAt();
    const root = await makeRoot(ctx);
    const leaf = await makeLeaf(ctx, root, 'client', 'c', []);
    await expect(
      issueLeaf(
        {
          issuer: { certDer: leaf.cert.der, signingKey: leaf.key.signingKey },
          profile: 'client',
          subject: { cn: 'x' },
          sans: [],
          publicKey: leaf.key.publicKey,
        },
        ctx,
      ),
    ).rejects.toMatchObject({ code: 'NOT_A_CA' });
  });
});

describe('validity', () => {
  it('is whole seconds, backdated 5 minutes, and never beyond the issuer (refuse or clamp with a note)', async () => {
    const now = new Date('2026-05-05T05:05:05.555Z');
    const ctx = ctxAt(now);
    const root = await makeRoot(ctx, { days: 30 });
    const key = await generateKeyPair('ec-p256');
    const base = {
      issuer: root.issuer,
      profile: 'client' as const,
      subject: { cn: 'c' },
      sans: [],
      publicKey: key.publicKey,
    };
    const ok = await issueLeaf({ ...base, validity: { hours: 24 } }, ctx);
    expect(ok.notBefore.toISOString()).toBe('2026-05-05T05:00:05.000Z');
    expect(ok.notAfter.toISOString()).toBe('2026-05-06T05:05:05.000Z');
    await expect(issueLeaf({ ...base, validity: { days: 397 } }, ctx)).rejects.toMatchObject({
      code: 'VALIDITY_EXCEEDS_ISSUER',
    });
    const clamped = await issueLeaf({ ...base, validity: { days: 397 }, clampValidity: true }, ctx);
    expect(clamped.notAfter.getTime()).toBe(
      summarizeCertificate(root.cert.der).notAfter
        ? new Date(summarizeCertificate(root.cert.der).notAfter).getTime()
        : NaN,
    );
    expect(clamped.note).toMatch(/shortened to the issuing CA's notAfter/);
    await expect(issueLeaf({ ...base, validity: { days: 1, hours: 2 } }, ctx)).rejects.toMatchObject({
      code: 'INVALID_VALIDITY',
    });
    await expect(
      issueLeaf({ ...base, validity: { notAfter: '2020-01-01T00:00:00Z' } }, ctx),
    ).rejects.toMatchObject({ code: 'INVALID_VALIDITY' });
    // an expired issuer cannot issue at all
    await expect(issueLeaf({ ...base }, ctxAt(new Date('2026-07-01T00:00:00Z')))).rejects.toMatchObject({
      code: 'VALIDITY_EXCEEDS_ISSUER',
    });
  });
});

describe('SAN rules at issuance', () => {
  it('refuses a server or service certificate without SANs, and invalid SANs of every kind, with INVALID_SAN', async () => {
    const ctx = ctxAt();
    const root = await makeRoot(ctx);
    const key = await generateKeyPair('ec-p256');
    const issue = (profile: 'server' | 'service' | 'client', sans: San[]): Promise<unknown> =>
      issueLeaf(
        { issuer: root.issuer, profile, subject: { cn: 'user-service' }, sans, publicKey: key.publicKey },
        ctx,
      );
    await expect(issue('server', [])).rejects.toMatchObject({
      code: 'INVALID_SAN',
      message: expect.stringContaining('needs at least one SAN'),
    });
    await expect(issue('service', [])).rejects.toMatchObject({ code: 'INVALID_SAN' });
    await expect(issue('client', [])).resolves.toHaveProperty('der');
    for (const bad of [
      dns('bad_label'),
      dns('a.*.example'),
      dns('127.0.0.1'),
      { type: 'ip', value: '300.1.1.1' },
      { type: 'uri', value: 'relative/path' },
      { type: 'uri', value: 'spiffe://Upper.Example/x' },
      { type: 'email', value: 'not-an-email' },
    ] as San[]) {
      await expect(issue('server', [bad])).rejects.toMatchObject({
        code: 'INVALID_SAN',
        message: expect.stringContaining(bad.value),
      });
    }
    await expect(issue('server', [dns('a.example'), dns('A.example')])).rejects.toMatchObject({
      code: 'INVALID_SAN',
      message: expect.stringContaining('duplicate'),
    });
  });

  it('custom profile: caller-chosen key usages and EKUs; unknown names are refused', async () => {
    const ctx = ctxAt();
    const root = await makeRoot(ctx);
    const key = await generateKeyPair('ec-p256');
    const c = await issueLeaf(
      {
        issuer: root.issuer,
        profile: 'custom',
        subject: { cn: 'signer' },
        sans: [],
        publicKey: key.publicKey,
        keyUsages: ['digitalSignature', 'nonRepudiation'],
        extendedKeyUsages: ['codeSigning', '1.3.6.1.4.1.99999.1'],
      },
      ctx,
    );
    const v = viewCertificate(c.der);
    expect(v.extensions.find((e) => e.name === 'Key Usage')?.lines).toEqual([
      'digitalSignature',
      'nonRepudiation',
    ]);
    expect(v.extensions.find((e) => e.name === 'Extended Key Usage')?.lines).toEqual([
      'codeSigning',
      '1.3.6.1.4.1.99999.1',
    ]);
    await expect(
      issueLeaf(
        {
          issuer: root.issuer,
          profile: 'custom',
          subject: { cn: 'x' },
          sans: [],
          publicKey: key.publicKey,
          extendedKeyUsages: ['bogus'],
        },
        ctx,
      ),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(
      issueLeaf(
        {
          issuer: root.issuer,
          profile: 'custom',
          subject: { cn: 'x' },
          sans: [],
          publicKey: key.publicKey,
          keyUsages: ['keyCertSign'],
        },
        ctx,
      ),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('refuses subjects without a CN or with a bad country code (INVALID_SUBJECT)', async () => {
    const ctx = ctxAt();
    const root = await makeRoot(ctx);
    const key = await generateKeyPair('ec-p256');
    await expect(
      issueLeaf(
        { issuer: root.issuer, profile: 'client', subject: { cn: ' ' }, sans: [], publicKey: key.publicKey },
        ctx,
      ),
    ).rejects.toMatchObject({ code: 'INVALID_SUBJECT' });
    await expect(
      issueLeaf(
        {
          issuer: root.issuer,
          profile: 'client',
          subject: { cn: 'x', c: 'Germany' },
          sans: [],
          publicKey: key.publicKey,
        },
        ctx,
      ),
    ).rejects.toMatchObject({ code: 'INVALID_SUBJECT' });
  });
});

describe('CSR signing', () => {
  it('carries the requested SANs by default, lets the caller replace them, and verifies with openssl', async () => {
    const ctx = ctxAt();
    const root = await makeRoot(ctx);
    dir.write('csr-ca.pem', root.cert.pem);
    const r = openssl(
      [
        'req',
        '-new',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-keyout',
        'req.key',
        '-subj',
        '/O=Acme/CN=orders',
        '-addext',
        'subjectAltName=DNS:orders,DNS:orders.internal,IP:10.0.0.7,URI:spiffe://acme.internal/orders',
        '-out',
        'req.csr',
      ],
      dir.path,
    );
    expect(r.code).toBe(0);
    const csrPem = readFileSync(dir.file('req.csr'), 'utf8');
    const parsed = await parseCsr(csrPem, ctx.crypto);
    expect(parsed.subjectFields).toEqual({ cn: 'orders', o: 'Acme' });
    expect(parsed.sans.map((s) => `${s.type}:${s.value}`)).toEqual([
      'dns:orders',
      'dns:orders.internal',
      'ip:10.0.0.7',
      'uri:spiffe://acme.internal/orders',
    ]);
    expect(parsed.view.signatureValid).toBe(true);
    expect(parsed.keyAlgorithm).toBe('ec-p256');
    const carried = await signCsr({ issuer: root.issuer, csr: csrPem, profile: 'service' }, ctx);
    expect(carried.summary.sans).toEqual(parsed.sans);
    expect(carried.summary.subject).toBe('O=Acme, CN=orders');
    const replaced = await signCsr(
      {
        issuer: root.issuer,
        csr: parsed.der,
        profile: 'server',
        sans: [dns('orders.example')],
        subject: { cn: 'orders-new' },
      },
      ctx,
    );
    expect(replaced.summary.sans).toEqual([dns('orders.example')]);
    expect(replaced.summary.cn).toBe('orders-new');
    dir.write('csr-leaf.pem', carried.pem);
    const v = openssl(
      ['verify', '-x509_strict', '-purpose', 'sslserver', '-CAfile', 'csr-ca.pem', 'csr-leaf.pem'],
      dir.path,
    );
    expect(v.stdout).toContain('OK');
  });

  it('signs an intermediate-CA CSR (offline root, online CA such as step-ca or Vault) whose issuance openssl accepts', async () => {
    const ctx = ctxAt();
    const root = await makeRoot(ctx, { pathLen: 1 });
    dir.write('off-root.pem', root.cert.pem);
    openssl(
      [
        'req',
        '-new',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-keyout',
        'online.key',
        '-subj',
        '/O=Acme/CN=Acme Online Intermediate CA',
        '-out',
        'online.csr',
      ],
      dir.path,
    );
    const inter = await signCsr(
      {
        issuer: root.issuer,
        csr: readFileSync(dir.file('online.csr'), 'utf8'),
        profile: 'intermediate',
        pathLen: 0,
      },
      ctx,
    );
    expect(inter.summary).toMatchObject({ isCa: true, pathLen: 0, cn: 'Acme Online Intermediate CA' });
    dir.write('online.crt', inter.pem);
    // the online CA issues with its own key, as step-ca would
    openssl(
      [
        'req',
        '-new',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-keyout',
        'svc.key',
        '-subj',
        '/CN=svc',
        '-out',
        'svc.csr',
      ],
      dir.path,
    );
    dir.write(
      'svc.ext',
      'subjectAltName = DNS:svc.internal\nextendedKeyUsage = serverAuth\nkeyUsage = critical, digitalSignature\nbasicConstraints = critical, CA:FALSE\nauthorityKeyIdentifier = keyid\nsubjectKeyIdentifier = hash\n',
    );
    const x = openssl(
      [
        'x509',
        '-req',
        '-in',
        'svc.csr',
        '-CA',
        'online.crt',
        '-CAkey',
        'online.key',
        '-CAcreateserial',
        '-days',
        '30',
        '-sha256',
        '-extfile',
        'svc.ext',
        '-out',
        'svc.crt',
      ],
      dir.path,
    );
    expect(x.code, x.stderr).toBe(0);
    const v = openssl(
      [
        'verify',
        '-x509_strict',
        '-purpose',
        'sslserver',
        '-CAfile',
        'off-root.pem',
        '-untrusted',
        'online.crt',
        'svc.crt',
      ],
      dir.path,
    );
    expect(v.stdout + v.stderr).toContain('svc.crt: OK');
  });

  it('rejects a CSR whose signature was tampered with (CSR_SIGNATURE_INVALID); viewCsr still shows it', async () => {
    const ctx = ctxAt();
    const root = await makeRoot(ctx);
    openssl(
      [
        'req',
        '-new',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-keyout',
        't.key',
        '-subj',
        '/CN=tamper-me',
        '-out',
        't.csr',
        '-outform',
        'DER',
      ],
      dir.path,
    );
    const der = new Uint8Array(readFileSync(dir.file('t.csr')));
    // change the CN's last letter: the signature no longer covers the content
    const i = Buffer.from(der).indexOf(Buffer.from('tamper-me'));
    der[i + 8] = 'x'.charCodeAt(0);
    await expect(parseCsr(der, ctx.crypto)).rejects.toMatchObject({ code: 'CSR_SIGNATURE_INVALID' });
    await expect(signCsr({ issuer: root.issuer, csr: der, profile: 'client' }, ctx)).rejects.toMatchObject({
      code: 'CSR_SIGNATURE_INVALID',
    });
    expect(await viewCsr(der, ctx.crypto)).toMatchObject({ signatureValid: false, subject: 'CN=tamper-mx' });
    // RSA-PSS signatures (RFC 4055 parameters) verify too: a PSS-signed CSR is accepted, a tampered one caught
    const pssArgs = [
      'req',
      '-new',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'pss.key',
      '-sigopt',
      'rsa_padding_mode:pss',
    ];
    openssl(
      [...pssArgs, '-sigopt', 'rsa_pss_saltlen:32', '-subj', '/CN=pss', '-outform', 'DER', '-out', 'pss.csr'],
      dir.path,
    );
    const pss = new Uint8Array(readFileSync(dir.file('pss.csr')));
    expect((await parseCsr(pss, ctx.crypto)).view.signatureValid).toBe(true);
    pss[Buffer.from(pss).indexOf(Buffer.from('pss')) + 1] = 0x71;
    await expect(parseCsr(pss, ctx.crypto)).rejects.toMatchObject({ code: 'CSR_SIGNATURE_INVALID' });
  });
});

describe('renewal', () => {
  it('renews a certificate whose times cannot be read with a fresh validity of the profile default', async () => {
    const ctx = ctxAt(new Date('2026-12-01T00:00:00Z'));
    const root = await makeRoot(ctx);
    const old = await makeLeaf(ctx, root, 'server', 'api.example', [dns('api.example')]);
    const broken = await retimed(old.cert.der, { notAfter: '271301000000Z' }, root.key.signingKey);
    expect(renewalPlan(broken)).toMatchObject({
      profile: 'server',
      subject: { cn: 'api.example' },
      validityDays: 397,
    });
    const newKey = await generateKeyPair('ec-p256');
    const renewed = await renewCertificate(
      { issuer: root.issuer, oldCertDer: broken, publicKey: newKey.publicKey },
      ctx,
    );
    expect(renewed.summary.subject).toBe(old.cert.summary.subject);
    expect(readCert(renewed.der).timeError).toBeNull();
  });

  it('keeps subject, SANs and profile, with a new serial, new validity and a new key (or the old one)', async () => {
    const ctx = ctxAt(new Date('2026-01-01T00:00:00Z'));
    const root = await makeRoot(ctx);
    const old = await makeLeaf(ctx, root, 'service', 'user-service', [
      dns('user-service'),
      { type: 'ip', value: '127.0.0.1' },
    ]);
    const plan = renewalPlan(old.cert.der);
    expect(plan).toMatchObject({
      profile: 'service',
      subject: { cn: 'user-service' },
      validityDays: 397,
      keyAlgorithm: 'ec-p256',
    });
    const later = ctxAt(new Date('2026-12-01T00:00:00Z'));
    const newKey = await generateKeyPair('ec-p256');
    const renewed = await renewCertificate(
      { issuer: root.issuer, oldCertDer: old.cert.der, publicKey: newKey.publicKey, validity: { days: 90 } },
      later,
    );
    expect(renewed.summary.subject).toBe(old.cert.summary.subject);
    expect(renewed.summary.sans).toEqual(old.cert.summary.sans);
    expect(renewed.serialHex).not.toBe(old.cert.serialHex);
    expect(renewed.notAfter.toISOString()).toBe('2027-03-01T00:00:00.000Z');
    expect(
      viewCertificate(renewed.der).extensions.find((e) => e.name === 'Extended Key Usage')?.lines,
    ).toEqual(['serverAuth', 'clientAuth']);
    const kept = await renewCertificate(
      { issuer: root.issuer, oldCertDer: old.cert.der, publicKey: old.key.publicKey },
      later,
    );
    expect(viewCertificate(kept.der).spkiSha256).toBe(viewCertificate(old.cert.der).spkiSha256);
  });
});
