/** Signatures the caller vouches for: taken for exactly the issuer they name, never for another. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ctxAt, makeIntermediate, makeLeaf, makeRoot } from './testing/fixtures';
import { revocationsAlong, signerVerifiedSoFar, validatePath, verifiedSigner } from './path-validator';
import type { RevocationRecord, SignatureVouches } from './types';
import { readCert } from './cert-raw';
import { serialValue } from './serial';
import { createIntermediateCa } from './ca';
import { generateKeyPair } from './keys';

const now = new Date('2026-06-01T00:00:00Z');
const sha256 = (der: Uint8Array): string => createHash('sha256').update(der).digest('hex');

/** A copy of `der` whose signature no longer verifies (the last byte of the ECDSA `s` flipped). */
function withBadSignature(der: Uint8Array): Uint8Array {
  const copy = Uint8Array.from(der);
  copy[copy.length - 1]! ^= 0x01;
  return copy;
}

async function hierarchy() {
  const ctx = ctxAt(now);
  const root = await makeRoot(ctx);
  const inter = await makeIntermediate(ctx, root);
  const leaf = await makeLeaf(ctx, inter, 'server', 'api.example', [{ type: 'dns', value: 'api.example' }]);
  const knownCas = [
    { id: 'root', der: root.cert.der },
    { id: 'inter', der: inter.cert.der },
  ];
  return { root, inter, leaf, knownCas };
}

const vouching =
  (der: Uint8Array, signer: string): SignatureVouches =>
  (d) =>
    d === der ? signer : undefined;

describe('signatures vouched for by the caller', () => {
  it('takes a vouch naming exactly the issuer in place of verifying the signature', async () => {
    const { inter, leaf, knownCas } = await hierarchy();
    const bad = withBadSignature(leaf.cert.der);
    const vouched = validatePath(bad, {
      knownCas,
      now,
      vouchedSigners: vouching(bad, sha256(inter.cert.der)),
    });
    expect(vouched.ok).toBe(true);
    expect(vouched.links.map((l) => l.id)).toEqual([null, 'inter', 'root']);

    const unvouched = validatePath(bad, { knownCas, now });
    expect(unvouched.ok).toBe(false);
    expect(unvouched.firstFailure).toContain('not found among the known CAs');
    // once verification has failed, no vouch turns it around
    const again = validatePath(bad, { knownCas, now, vouchedSigners: vouching(bad, sha256(inter.cert.der)) });
    expect(again.ok).toBe(false);
  });

  it('ignores a vouch that names another certificate, and verifies the signature instead', async () => {
    const { root, leaf, knownCas } = await hierarchy();
    const bad = withBadSignature(leaf.cert.der);
    for (const signer of [sha256(root.cert.der), sha256(leaf.cert.der), '00'.repeat(32)]) {
      const r = validatePath(bad, { knownCas, now, vouchedSigners: vouching(bad, signer) });
      expect(r.ok).toBe(false);
      expect(r.firstFailure).toContain('not found among the known CAs');
    }
    // a self-signature is vouched for by the certificate's own fingerprint, by no other
    const selfVouched = withBadSignature(root.cert.der);
    const asItself = validatePath(selfVouched, {
      knownCas: [{ id: 'root', der: selfVouched }],
      now,
      vouchedSigners: vouching(selfVouched, sha256(selfVouched)),
    });
    expect(asItself.ok).toBe(true);
    const badRoot = withBadSignature(root.cert.der);
    const asTheGoodRoot = validatePath(badRoot, {
      knownCas: [{ id: 'root', der: badRoot }],
      now,
      vouchedSigners: vouching(badRoot, sha256(root.cert.der)),
    });
    expect(asTheGoodRoot.firstFailure).toBe('the self-signature does not verify');
  });

  it('does not remember a vouch: the same certificate without it is verified, and fails', async () => {
    const { inter, leaf, knownCas } = await hierarchy();
    const bad = withBadSignature(leaf.cert.der);
    const vouchedSigners = vouching(bad, sha256(inter.cert.der));
    expect(validatePath(bad, { knownCas, now, vouchedSigners }).ok).toBe(true);
    expect(validatePath(bad, { knownCas, now }).ok).toBe(false);
    expect(signerVerifiedSoFar(bad)).toBeUndefined();
    expect(verifiedSigner(bad, knownCas)).toBeUndefined();
  });

  it('names the verified signer of a certificate: its issuer, or itself when self-signed', async () => {
    const { root, inter, leaf, knownCas } = await hierarchy();
    expect(signerVerifiedSoFar(leaf.cert.der)).toBeUndefined();
    expect(verifiedSigner(leaf.cert.der, knownCas)).toBe(sha256(inter.cert.der));
    expect(signerVerifiedSoFar(leaf.cert.der)).toBe(sha256(inter.cert.der));
    expect(verifiedSigner(root.cert.der, [])).toBe(sha256(root.cert.der));
    expect(verifiedSigner(inter.cert.der, [])).toBeUndefined();
    // validation records what it verified
    const other = await hierarchy();
    expect(validatePath(other.leaf.cert.der, { knownCas: other.knownCas, now }).ok).toBe(true);
    expect(signerVerifiedSoFar(other.leaf.cert.der)).toBe(sha256(other.inter.cert.der));
    expect(signerVerifiedSoFar(other.inter.cert.der)).toBe(sha256(other.root.cert.der));
    expect(signerVerifiedSoFar(other.root.cert.der)).toBe(sha256(other.root.cert.der));
  });
});

describe('the links above the leaf, shared between certificates checked with the same options', () => {
  it('are checked again for another clock, and for other revocation records', async () => {
    const { root, inter, leaf, knownCas } = await hierarchy();
    const ctx = ctxAt(now);
    const sibling = await makeLeaf(ctx, inter, 'server', 'web.example', [
      { type: 'dns', value: 'web.example' },
    ]);
    const opts = { knownCas, now, revoked: new Map() };
    expect(validatePath(leaf.cert.der, opts).ok).toBe(true);
    expect(validatePath(sibling.cert.der, opts).ok).toBe(true);

    const revoked = new Map([
      [
        sha256(root.cert.der),
        new Map([
          [serialValue(readCert(inter.cert.der).serial), { at: '2026-05-01T00:00:00.000Z', reason: null }],
        ]),
      ],
    ]);
    expect(validatePath(sibling.cert.der, { ...opts, revoked }).firstFailure).toBe(
      'CA "CN=Test Intermediate": revoked on 2026-05-01T00:00:00.000Z',
    );

    const interNotAfter = validatePath(leaf.cert.der, opts).links[1]!.checks.find(
      (c) => c.check === 'validity',
    );
    const later = new Date(Date.parse(interNotAfter!.message.replace('valid until ', '')) + 1);
    const expired = validatePath(sibling.cert.der, { ...opts, now: later });
    expect(expired.links[1]!.checks.find((c) => c.check === 'validity')?.message).toMatch(/^expired on/);
  });

  it('are never shared below a CA that constrains names: each leaf is checked against them', async () => {
    const ctx = ctxAt(now);
    const root = await makeRoot(ctx, { nameConstraints: { permittedDns: ['inside.example'] } });
    const inter = await makeIntermediate(ctx, root);
    const inside = await makeLeaf(ctx, inter, 'server', 'a.inside.example', [
      { type: 'dns', value: 'a.inside.example' },
    ]);
    const outside = await makeLeaf(ctx, inter, 'server', 'ok', [{ type: 'dns', value: 'b.outside.example' }]);
    const opts = {
      knownCas: [
        { id: 'root', der: root.cert.der },
        { id: 'inter', der: inter.cert.der },
      ],
      now,
    };
    expect(validatePath(inside.cert.der, opts).ok).toBe(true);
    expect(validatePath(outside.cert.der, opts).firstFailure).toMatch(
      /^CA ".*Test Root": .*b\.outside\.example/,
    );
  });
});

describe('a self-issued CA certificate of a new key signed by the old key of the same CA (a key rollover)', () => {
  it('is a link of the paths below it, so revoking it invalidates what the new key issued', async () => {
    const ctx = ctxAt(now);
    const root = await makeRoot(ctx, { cn: 'Corp CA' });
    const newKey = await generateKeyPair('ec-p256');
    const rolloverCert = await createIntermediateCa(
      { issuer: root.issuer, subject: { cn: 'Corp CA', o: 'CertDesk Tests' }, publicKey: newKey.publicKey },
      ctx,
    );
    const rollover = {
      cert: rolloverCert,
      key: newKey,
      issuer: { certDer: rolloverCert.der, signingKey: newKey.signingKey },
    };
    // the premise: issuer and subject are the same bytes, and the certificate is not self-signed
    const raw = readCert(rolloverCert.der);
    expect(Buffer.from(raw.issuer).equals(Buffer.from(raw.subject))).toBe(true);
    const leaf = await makeLeaf(ctx, rollover, 'server', 'api.example', [
      { type: 'dns', value: 'api.example' },
    ]);
    const knownCas = [
      { id: 'root', der: root.cert.der },
      { id: 'rollover', der: rolloverCert.der },
    ];
    const valid = validatePath(leaf.cert.der, { knownCas, now });
    expect(valid.firstFailure).toBeNull();
    expect(valid.links.map((l) => l.id)).toEqual([null, 'rollover', 'root']);

    const revoked = new Map([
      [
        sha256(root.cert.der),
        new Map([
          [serialValue(raw.serial), { at: '2026-05-01T00:00:00.000Z', reason: 'superseded' as const }],
        ]),
      ],
    ]);
    expect(validatePath(leaf.cert.der, { knownCas, now, revoked }).firstFailure).toBe(
      'CA "O=CertDesk Tests, CN=Corp CA": revoked on 2026-05-01T00:00:00.000Z (superseded)',
    );
  });
});

describe('revocation records looked up by serial', () => {
  it('tell apart serials that end in the same 32 bits, before and after the serial is read as an integer', async () => {
    const { inter, leaf, knownCas } = await hierarchy();
    const value = serialValue(readCert(leaf.cert.der).serial);
    const record: RevocationRecord = { at: '2026-05-01T00:00:00.000Z', reason: 'keyCompromise' };
    const under = (serial: bigint) => new Map([[sha256(inter.cert.der), new Map([[serial, record]])]]);
    const alike = under(value + (1n << 32n));
    const same = under(value);
    const path = validatePath(leaf.cert.der, { knownCas, now }).path;
    for (const round of ['first', 'again']) {
      expect(validatePath(leaf.cert.der, { knownCas, now, revoked: alike }).ok, round).toBe(true);
      expect(revocationsAlong(path, alike), round).toBe('');
      expect(validatePath(leaf.cert.der, { knownCas, now, revoked: same }).firstFailure, round).toBe(
        'revoked on 2026-05-01T00:00:00.000Z (keyCompromise)',
      );
      expect(revocationsAlong(path, same), round).toBe('0 2026-05-01T00:00:00.000Z keyCompromise\n');
    }
  });
});
