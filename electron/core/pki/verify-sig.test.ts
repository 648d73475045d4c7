/** Signature checks keep their answers when the signer's key is reused across many verifications. */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type * as Keys from './keys';
import { publicKeyObject } from './keys';
import { verifySignature } from './verify-sig';

// Counts how often a signer's key is built, to see which keys the cache keeps.
vi.mock('./keys', async (importOriginal) => {
  const keys = await importOriginal<typeof Keys>();
  return { ...keys, publicKeyObject: vi.fn(keys.publicKeyObject) };
});

const ECDSA_SHA256 = '1.2.840.10045.4.3.2';

function ecKey(): { spki: Uint8Array; privateKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { spki: new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })), privateKey };
}

const tbs = new TextEncoder().encode('to be signed');

describe('verifySignature with a signer seen before', () => {
  it('still refuses a changed message and a signature by another key', () => {
    const signer = ecKey();
    const other = ecKey();
    const good = new Uint8Array(sign('sha256', tbs, signer.privateKey));
    const foreign = new Uint8Array(sign('sha256', tbs, other.privateKey));
    const changed = new TextEncoder().encode('to be signed!');
    for (let round = 0; round < 3; round++) {
      expect(verifySignature(tbs, ECDSA_SHA256, good, signer.spki)).toBe(true);
      expect(verifySignature(changed, ECDSA_SHA256, good, signer.spki)).toBe(false);
      expect(verifySignature(tbs, ECDSA_SHA256, foreign, signer.spki)).toBe(false);
    }
  });

  it('checks against the key the SPKI bytes hold now, even when the same buffer is rewritten', () => {
    const first = ecKey();
    const second = ecKey();
    const bySecond = new Uint8Array(sign('sha256', tbs, second.privateKey));
    const spki = Uint8Array.from(first.spki);
    expect(verifySignature(tbs, ECDSA_SHA256, bySecond, spki)).toBe(false);
    spki.set(second.spki);
    expect(verifySignature(tbs, ECDSA_SHA256, bySecond, spki)).toBe(true);
  });

  it('answers false for an unreadable key every time, not only the first', () => {
    const signer = ecKey();
    const good = new Uint8Array(sign('sha256', tbs, signer.privateKey));
    const broken = signer.spki.slice(0, 20);
    expect(verifySignature(tbs, ECDSA_SHA256, good, broken)).toBe(false);
    expect(verifySignature(tbs, ECDSA_SHA256, good, broken)).toBe(false);
  });

  it('keeps verifying correctly after more signers than it keeps', () => {
    const signers = Array.from({ length: 70 }, ecKey);
    const sigs = signers.map((s) => new Uint8Array(sign('sha256', tbs, s.privateKey)));
    for (let round = 0; round < 2; round++) {
      signers.forEach((s, i) => {
        expect(verifySignature(tbs, ECDSA_SHA256, sigs[i]!, s.spki)).toBe(true);
        expect(verifySignature(tbs, ECDSA_SHA256, sigs[(i + 1) % sigs.length]!, s.spki)).toBe(false);
      });
    }
  });

  it('keeps a key in use while more signers than it keeps pass through', () => {
    const ca = ecKey();
    const byCa = new Uint8Array(sign('sha256', tbs, ca.privateKey));
    const builds = (): number =>
      vi.mocked(publicKeyObject).mock.calls.filter(([spki]) => Buffer.from(spki).equals(ca.spki)).length;
    expect(verifySignature(tbs, ECDSA_SHA256, byCa, ca.spki)).toBe(true);
    for (let i = 0; i < 100; i++) {
      const selfSigned = ecKey();
      const own = new Uint8Array(sign('sha256', tbs, selfSigned.privateKey));
      expect(verifySignature(tbs, ECDSA_SHA256, own, selfSigned.spki)).toBe(true);
      expect(verifySignature(tbs, ECDSA_SHA256, byCa, ca.spki)).toBe(true);
    }
    expect(builds()).toBe(1);
  });
});
