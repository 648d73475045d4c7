/** CRLs verify with `openssl crl -verify` and list revoked serials with their reasons; chain checks use them. */
import { afterAll, describe, expect, it } from 'vitest';
import { ctxAt, makeIntermediate, makeLeaf, makeRoot } from './testing/fixtures';
import { openssl, TempDir } from './testing/openssl';
import { createCrl, validatePath, viewCrl } from './index';

const dir = new TempDir();
afterAll(() => dir.remove());

describe('CRL', () => {
  it('openssl crl -verify passes and lists the revoked serials with their reasons', async () => {
    const now = new Date('2026-03-01T10:00:00.123Z');
    const ctx = ctxAt(now);
    for (const alg of ['ec-p256', 'rsa-2048', 'ed25519'] as const) {
      const root = await makeRoot(ctx, { alg });
      const a = await makeLeaf(ctx, root, 'server', 'a', [{ type: 'dns', value: 'a.internal' }]);
      const b = await makeLeaf(ctx, root, 'client', 'b', []);
      const crl = await createCrl(
        {
          issuer: root.issuer,
          crlNumber: 7,
          nextUpdate: new Date(now.getTime() + 7 * 86_400_000),
          entries: [
            { serialHex: a.cert.serialHex, revokedAt: now, reason: 'keyCompromise' },
            { serialHex: b.cert.serialHex, revokedAt: now, reason: 'unspecified' },
          ],
        },
        ctx,
      );
      dir.write(`ca-${alg}.pem`, root.cert.pem);
      dir.write(`crl-${alg}.pem`, crl.pem);
      const r = openssl(
        ['crl', '-in', `crl-${alg}.pem`, '-CAfile', `ca-${alg}.pem`, '-verify', '-noout', '-text'],
        dir.path,
      );
      expect(r.stderr + r.stdout).toContain('verify OK');
      expect(r.stdout).toMatch(/X509v3 CRL Number:\s+7/);
      expect(r.stdout).toMatch(/X509v3 Authority Key Identifier:\s+[0-9A-F:]+/);
      expect(r.stdout).toContain(`Serial Number: ${a.cert.serialHex.replace(/^00/, '').toUpperCase()}`);
      expect(r.stdout).toMatch(/X509v3 CRL Reason Code:\s+Key Compromise/);
      expect(r.stdout).toContain(`Serial Number: ${b.cert.serialHex.replace(/^00/, '').toUpperCase()}`);
      expect(r.stdout).toContain('Last Update: Mar  1 10:00:00 2026 GMT');

      const view = viewCrl(crl.der, [root.cert.der]);
      expect(view).toMatchObject({
        number: '7',
        signatureValidBy: 'O=CertDesk Tests, CN=Test Root',
        thisUpdate: '2026-03-01T10:00:00.000Z',
      });
      expect(view.revoked).toEqual([
        { serial: a.cert.serialHex, date: '2026-03-01T10:00:00.000Z', reason: 'keyCompromise' },
        { serial: b.cert.serialHex, date: '2026-03-01T10:00:00.000Z', reason: null },
      ]);
      // openssl verify -crl_check rejects the revoked leaf
      dir.write(`a-${alg}.pem`, a.cert.pem);
      const v = openssl(
        ['verify', '-crl_check', '-CAfile', `ca-${alg}.pem`, '-CRLfile', `crl-${alg}.pem`, `a-${alg}.pem`],
        dir.path,
      );
      expect(v.stdout + v.stderr).toMatch(/certificate revoked/);
    }
  });

  it('an empty CRL with a big CRL number verifies; a CRL from another CA is not accepted as signed', async () => {
    const ctx = ctxAt();
    const root = await makeRoot(ctx);
    const other = await makeRoot(ctx, { cn: 'Other' });
    const crl = await createCrl(
      {
        issuer: root.issuer,
        crlNumber: 2n ** 70n,
        nextUpdate: new Date(Date.now() + 86_400_000),
        entries: [],
      },
      ctx,
    );
    dir.write('empty-ca.pem', root.cert.pem);
    dir.write('empty.crl', crl.pem);
    const r = openssl(
      ['crl', '-in', 'empty.crl', '-CAfile', 'empty-ca.pem', '-verify', '-noout', '-crlnumber'],
      dir.path,
    );
    expect(r.stderr + r.stdout).toContain('verify OK');
    expect(r.stdout).toContain('crlNumber=0x400000000000000000');
    expect(viewCrl(crl.pem, [other.cert.der]).signatureValidBy).toBeNull();
  });

  it('keeps serials positive even when given without their 00 prefix', async () => {
    const ctx = ctxAt();
    const root = await makeRoot(ctx);
    const crl = await createCrl(
      {
        issuer: root.issuer,
        crlNumber: 1,
        nextUpdate: new Date(Date.now() + 86_400_000),
        entries: [{ serialHex: 'F0:01', revokedAt: ctx.now, reason: 'superseded' }],
      },
      ctx,
    );
    expect(viewCrl(crl.der).revoked[0]?.serial).toBe('00f001');
    dir.write('pos.crl', crl.pem);
    expect(openssl(['crl', '-in', 'pos.crl', '-noout', '-text'], dir.path).stdout).toContain(
      'Serial Number: F001',
    );
  });

  it('writes whole-second times, GeneralizedTime from 2050 and for the invalidity date, and lists a serial given twice once', async () => {
    const now = new Date('2049-12-31T23:00:00.750Z');
    const ctx = ctxAt(now);
    const root = await makeRoot(ctx, { days: 3650 });
    const crl = await createCrl(
      {
        issuer: root.issuer,
        crlNumber: 3,
        nextUpdate: new Date('2050-01-02T00:00:00.999Z'),
        entries: [
          {
            serialHex: '0a:0b',
            revokedAt: new Date('2049-12-31T22:00:00.500Z'),
            reason: 'keyCompromise',
            invalidityDate: new Date('2049-12-30T12:00:00.250Z'),
          },
          { serialHex: '000a0b', revokedAt: now, reason: 'superseded' },
        ],
      },
      ctx,
    );
    dir.write('times.crl', crl.pem);
    const asn1 = openssl(['asn1parse', '-in', 'times.crl'], dir.path).stdout;
    expect(asn1).toContain('UTCTIME           :491231230000Z');
    expect(asn1).toContain('GENERALIZEDTIME   :20500102000000Z');
    expect(asn1).toContain('UTCTIME           :491231220000Z');
    // InvalidityDate sits inside its extension's OCTET STRING: read it from the text form
    const text = openssl(['crl', '-in', 'times.crl', '-noout', '-text'], dir.path).stdout;
    expect(text).toMatch(/Invalidity Date:\s+Dec 30 12:00:00 2049 GMT/);
    expect(viewCrl(crl.der).revoked).toEqual([
      { serial: '0a0b', date: '2049-12-31T22:00:00.000Z', reason: 'keyCompromise' },
    ]);
  });

  it('refuses nextUpdate not after thisUpdate', async () => {
    const ctx = ctxAt();
    const root = await makeRoot(ctx);
    await expect(
      createCrl({ issuer: root.issuer, crlNumber: 1, nextUpdate: ctx.now, entries: [] }, ctx),
    ).rejects.toMatchObject({ code: 'INVALID_VALIDITY' });
  });

  it('validatePath reports revocation from a CRL and from the vault records, serials compared as integers', async () => {
    const ctx = ctxAt();
    const root = await makeRoot(ctx);
    const inter = await makeIntermediate(ctx, root);
    const leaf = await makeLeaf(ctx, inter, 'server', 'svc', [{ type: 'dns', value: 'svc' }]);
    const crl = await createCrl(
      {
        issuer: inter.issuer,
        crlNumber: 1,
        nextUpdate: new Date(Date.now() + 86_400_000),
        entries: [{ serialHex: leaf.cert.serialHex, revokedAt: ctx.now, reason: 'superseded' }],
      },
      ctx,
    );
    const knownCas = [
      { id: 'root', der: root.cert.der },
      { id: 'int', der: inter.cert.der },
    ];
    const res = validatePath(leaf.cert.der, {
      knownCas,
      now: ctx.now,
      purpose: 'serverAuth',
      crls: [crl.der],
    });
    expect(res.ok).toBe(false);
    expect(res.links[0]!.checks.find((c) => c.check === 'revocation')).toMatchObject({
      ok: false,
      message: expect.stringContaining('superseded'),
    });
    const clean = validatePath(leaf.cert.der, { knownCas, now: ctx.now, purpose: 'serverAuth' });
    expect(clean.ok).toBe(true);
    const { createHash } = await import('node:crypto');
    const interSha = createHash('sha256').update(inter.cert.der).digest('hex');
    const bySet = validatePath(leaf.cert.der, {
      knownCas,
      now: ctx.now,
      // the vault may store the serial with or without the DER leading 00: the integer is what counts
      revoked: new Map([
        [
          interSha,
          new Map([[BigInt(`0x00${leaf.cert.serialHex}`), { at: '2030-01-01T00:00:00.000Z', reason: null }]]),
        ],
      ]),
    });
    expect(bySet.links[0]!.checks.find((c) => c.check === 'revocation')?.ok).toBe(false);
  });

  it("validatePath takes revocation only from a CRL its issuer signed, found among a large CRL's entries", async () => {
    const ctx = ctxAt();
    const root = await makeRoot(ctx);
    // same subject, another key: its CRL names the right issuer but must not count
    const impostor = await makeRoot(ctx);
    const leaf = await makeLeaf(ctx, root, 'server', 'svc', [{ type: 'dns', value: 'svc' }]);
    const listing = (serials: string[], reason: 'keyCompromise' | 'superseded') =>
      serials.map((serialHex) => ({ serialHex, revokedAt: ctx.now, reason }));
    const others = Array.from({ length: 1000 }, (_, i) => `7f${(i + 1).toString(16).padStart(30, '0')}`);
    const forged = await createCrl(
      {
        issuer: impostor.issuer,
        crlNumber: 1,
        nextUpdate: new Date(Date.now() + 86_400_000),
        entries: listing([leaf.cert.serialHex], 'superseded'),
      },
      ctx,
    );
    const genuine = await createCrl(
      {
        issuer: root.issuer,
        crlNumber: 1,
        nextUpdate: new Date(Date.now() + 86_400_000),
        entries: listing(
          [...others.slice(0, 500), leaf.cert.serialHex, ...others.slice(500)],
          'keyCompromise',
        ),
      },
      ctx,
    );
    const knownCas = [{ id: 'root', der: root.cert.der }];
    const revocation = (crls: Uint8Array[]) =>
      validatePath(leaf.cert.der, { knownCas, now: ctx.now, crls }).links[0]!.checks.find(
        (c) => c.check === 'revocation',
      );
    expect(revocation([forged.der])).toMatchObject({ ok: true, message: 'not revoked' });
    expect(revocation([forged.der, genuine.der])).toMatchObject({
      ok: false,
      message: expect.stringContaining('(keyCompromise)'),
    });
  });
});
