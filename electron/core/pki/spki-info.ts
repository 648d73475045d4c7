/** Key facts straight from SubjectPublicKeyInfo DER (no OpenSSL round trip: summaries must be cheap). */
import type { KeyAlgorithm } from '../../../shared/domain/types';
import { children, content, decodeOid, readTlv } from './der';

export interface SpkiInfo {
  /** "EC P-256", "RSA 3072", "Ed25519" */
  label: string;
  algorithm: string;
  size?: number;
  curve?: string;
  alg: KeyAlgorithm | null;
}

const CURVES: Record<string, { curve: string; size: number; alg: KeyAlgorithm | null }> = {
  '1.2.840.10045.3.1.7': { curve: 'P-256', size: 256, alg: 'ec-p256' },
  '1.3.132.0.34': { curve: 'P-384', size: 384, alg: 'ec-p384' },
  '1.3.132.0.35': { curve: 'P-521', size: 521, alg: null },
  '1.3.132.0.10': { curve: 'secp256k1', size: 256, alg: null },
};

function rsaBits(spki: Uint8Array, bits: ReturnType<typeof readTlv>): number {
  const key = content(spki, bits).subarray(1);
  const seqT = readTlv(key, 0);
  const nT = children(key, seqT)[0];
  if (!nT) return 0;
  let n = content(key, nT);
  while (n.length > 1 && n[0] === 0) n = n.subarray(1);
  const first = n[0] ?? 0;
  return (n.length - 1) * 8 + (first === 0 ? 0 : 32 - Math.clz32(first));
}

export function spkiInfo(spki: Uint8Array): SpkiInfo {
  const top = readTlv(spki, 0);
  const [algT, bitsT] = children(spki, top);
  const [oidT, paramT] = algT ? children(spki, algT) : [];
  const oid = oidT ? decodeOid(content(spki, oidT)) : '';
  if (oid === '1.2.840.10045.2.1') {
    const c = paramT?.tag === 0x06 ? CURVES[decodeOid(content(spki, paramT))] : undefined;
    if (!c) return { label: 'EC (unknown curve)', algorithm: 'EC', alg: null };
    return { label: `EC ${c.curve}`, algorithm: 'EC', curve: c.curve, size: c.size, alg: c.alg };
  }
  if (oid === '1.2.840.113549.1.1.1' && bitsT) {
    const size = rsaBits(spki, bitsT);
    const alg = size === 2048 ? 'rsa-2048' : size === 3072 ? 'rsa-3072' : size === 4096 ? 'rsa-4096' : null;
    return { label: `RSA ${size}`, algorithm: 'RSA', size, alg };
  }
  if (oid === '1.3.101.112') return { label: 'Ed25519', algorithm: 'Ed25519', size: 256, alg: 'ed25519' };
  if (oid === '1.3.101.113') return { label: 'Ed448', algorithm: 'Ed448', size: 456, alg: null };
  return { label: oid || 'unknown', algorithm: oid || 'unknown', alg: null };
}
