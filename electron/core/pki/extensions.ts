/** X.509 v3 extension encoders (RFC 5280 §4.2). Criticality is always passed explicitly (pitfalls.md). */
import { createHash } from 'node:crypto';
import type { NameConstraintsSpec, San } from '../../../shared/domain/types';
import { parseCidr, parseIp } from '../../../shared/domain/san';
import { AppError } from '../../../shared/ipc/error-codes';
import { bitString, bool, children, content, ctx, integer, octets, oid, readTlv, seq, tlv } from './der';
import { EKU_NAMES, KEY_USAGE_NAMES, type KeyUsageName } from './profiles';

export const OID = {
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  cRLNumber: '2.5.29.20',
  reasonCode: '2.5.29.21',
  invalidityDate: '2.5.29.24',
  nameConstraints: '2.5.29.30',
  cRLDistributionPoints: '2.5.29.31',
  certificatePolicies: '2.5.29.32',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
} as const;

export const extension = (id: string, critical: boolean, value: Uint8Array): Uint8Array =>
  critical ? seq(oid(id), bool(true), octets(value)) : seq(oid(id), octets(value));

export function basicConstraints(ca: boolean, pathLen: number | null | undefined): Uint8Array {
  const parts: Uint8Array[] = [];
  if (ca) {
    parts.push(bool(true));
    if (pathLen !== null && pathLen !== undefined) parts.push(integer(pathLen));
  }
  return seq(...parts);
}

export function keyUsage(names: readonly KeyUsageName[]): Uint8Array {
  let bits = 0;
  for (const n of names) bits |= 1 << KEY_USAGE_NAMES.indexOf(n);
  // DER: bit 0 is the MSB of the first octet; trailing zero bits are dropped (X.690 §11.2.2).
  let highest = -1;
  for (let i = 0; i < 9; i++) if (bits & (1 << i)) highest = i;
  if (highest < 0) return bitString(new Uint8Array(0));
  const nBytes = Math.floor(highest / 8) + 1;
  const out = new Uint8Array(nBytes);
  for (let i = 0; i <= highest; i++)
    if (bits & (1 << i)) out[i >> 3] = (out[i >> 3] ?? 0) | (0x80 >> (i & 7));
  return bitString(out, nBytes * 8 - (highest + 1));
}

/** EKU names (serverAuth…) or dotted OIDs → OIDs; INVALID_INPUT naming an unknown one. */
export function ekuOids(names: readonly string[]): string[] {
  return names.map((n) => {
    const o = EKU_NAMES[n] ?? (/^\d+(\.\d+)+$/.test(n) ? n : undefined);
    if (!o)
      throw new AppError(
        'INVALID_INPUT',
        `unknown extended key usage "${n}" (use ${Object.keys(EKU_NAMES).join(', ')} or a dotted OID)`,
      );
    return o;
  });
}

export const extKeyUsage = (oids: readonly string[]): Uint8Array => seq(...oids.map((o) => oid(o)));

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

export function generalName(san: San): Uint8Array {
  switch (san.type) {
    case 'dns':
      return tlv(0x82, ascii(san.value));
    case 'email':
      return tlv(0x81, ascii(san.value));
    case 'uri':
      return tlv(0x86, ascii(san.value));
    case 'ip': {
      const b = parseIp(san.value);
      if (!b) throw new AppError('INVALID_SAN', `IP:${san.value} is not a valid IP address`);
      return tlv(0x87, b);
    }
  }
}

export const subjectAltName = (sans: readonly San[]): Uint8Array => seq(...sans.map(generalName));

/** RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING contents. */
export function keyIdentifierOf(spki: Uint8Array): Uint8Array {
  const top = readTlv(spki, 0);
  const bits = children(spki, top)[1];
  if (!bits) throw new AppError('INVALID_KEY', 'malformed SubjectPublicKeyInfo');
  return new Uint8Array(createHash('sha1').update(content(spki, bits).subarray(1)).digest());
}

export const subjectKeyIdentifier = (keyId: Uint8Array): Uint8Array => octets(keyId);
export const authorityKeyIdentifier = (keyId: Uint8Array): Uint8Array => seq(tlv(0x80, keyId));

function subtree(kind: 'dns' | 'ip' | 'email' | 'uri', value: string): Uint8Array {
  const v = value.trim();
  if (kind === 'ip') {
    const c = parseCidr(v);
    if (!c)
      throw new AppError(
        'INVALID_INPUT',
        `name constraint IP range "${value}" is not CIDR notation (e.g. 10.0.0.0/8)`,
      );
    return seq(tlv(0x87, new Uint8Array([...c.address, ...c.mask])));
  }
  if (v.length === 0 || /[\s/:]/.test(v) || (kind !== 'email' && v.includes('@'))) {
    throw new AppError(
      'INVALID_INPUT',
      `name constraint ${kind.toUpperCase()} "${value}" must be a domain such as example.com or .example.com`,
    );
  }
  const tag = kind === 'dns' ? 0x82 : kind === 'email' ? 0x81 : 0x86;
  return seq(tlv(tag, ascii(v)));
}

export function nameConstraints(spec: NameConstraintsSpec): Uint8Array | null {
  const build = (
    pairs: [kind: 'dns' | 'ip' | 'email' | 'uri', values: string[] | undefined][],
  ): Uint8Array[] => pairs.flatMap(([kind, values]) => (values ?? []).map((v) => subtree(kind, v)));
  const permitted = build([
    ['dns', spec.permittedDns],
    ['ip', spec.permittedIp],
    ['email', spec.permittedEmail],
    ['uri', spec.permittedUri],
  ]);
  const excluded = build([
    ['dns', spec.excludedDns],
    ['ip', spec.excludedIp],
    ['email', spec.excludedEmail],
    ['uri', spec.excludedUri],
  ]);
  if (permitted.length === 0 && excluded.length === 0) return null;
  const parts: Uint8Array[] = [];
  if (permitted.length) parts.push(ctx(0, new Uint8Array(Buffer.concat(permitted)), true));
  if (excluded.length) parts.push(ctx(1, new Uint8Array(Buffer.concat(excluded)), true));
  return seq(...parts);
}
