/**
 * Name constraints (RFC 5280 §4.2.1.10), enforced before signing and during chain checks. A DNS
 * constraint "example.com" covers the name and its subdomains; ".example.com" only subdomains.
 */
import type { San } from '../../../shared/domain/types';
import { parseIp } from '../../../shared/domain/san';
import { readCert } from './cert-raw';
import { decodeNameConstraints, type DecodedGeneralName, type DecodedNameConstraints } from './ext-decode';
import { OID } from './extensions';

function dnsWithin(name: string, constraint: string): boolean {
  const n = name.toLowerCase();
  const c = constraint.toLowerCase();
  if (c.length === 0) return true;
  if (c.startsWith('.')) return n.endsWith(c);
  return n === c || n.endsWith(`.${c}`);
}

function emailWithin(addr: string, constraint: string): boolean {
  if (constraint.includes('@')) return addr.toLowerCase() === constraint.toLowerCase();
  const domain = addr.slice(addr.lastIndexOf('@') + 1);
  if (constraint.startsWith('.')) return dnsWithin(domain, constraint);
  return domain.toLowerCase() === constraint.toLowerCase();
}

function uriHost(uri: string): string | null {
  const m = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^:/?#]*)/.exec(uri);
  return m?.[1] ?? null;
}

/**
 * RFC 5280 §4.2.1.10 for URIs: the constraint applies to the host; "example.com" is that host only,
 * ".example.com" any host below it (not example.com itself). OpenSSL's nc_uri matches the same way.
 */
function uriHostWithin(host: string, constraint: string): boolean {
  const h = host.toLowerCase();
  const c = constraint.toLowerCase();
  return c.startsWith('.') ? h.endsWith(c) : h === c;
}

function ipWithin(ip: string, range: { address: Uint8Array; mask: Uint8Array }): boolean {
  const b = parseIp(ip);
  if (!b || b.length !== range.address.length) return false;
  return b.every((x, i) => (x & (range.mask[i] ?? 0)) === range.address[i]);
}

/** Does the SAN fall inside this constraint (same name type only)? null when the types differ. */
function within(san: San, c: DecodedGeneralName): boolean | null {
  const value = c.san?.value;
  switch (san.type) {
    case 'dns':
      return c.san?.type === 'dns' && value !== undefined ? dnsWithin(san.value, value) : null;
    case 'email':
      return c.san?.type === 'email' && value !== undefined ? emailWithin(san.value, value) : null;
    case 'uri': {
      if (c.san?.type !== 'uri' || value === undefined) return null;
      const host = uriHost(san.value);
      return host !== null && uriHostWithin(host, value);
    }
    case 'ip':
      return c.ipRange ? ipWithin(san.value, c.ipRange) : null;
  }
}

const TYPE_LABEL = { dns: 'DNS', ip: 'IP', uri: 'URI', email: 'email' } as const;

/** null when every SAN is allowed; otherwise the reason naming the SAN and the constraint. */
export function sanConstraintViolation(nc: DecodedNameConstraints, sans: San[]): string | null {
  for (const san of sans) {
    const label = `${TYPE_LABEL[san.type]}:${san.value}`;
    for (const ex of nc.excluded) {
      if (within(san, ex) === true) return `${label} is inside the CA's excluded subtree ${ex.text}`;
    }
    const sameType = nc.permitted.map((p) => within(san, p)).filter((r): r is boolean => r !== null);
    if (sameType.length > 0 && !sameType.includes(true)) {
      const allowed = nc.permitted.filter((p) => within(san, p) !== null).map((p) => p.text);
      return `${label} is outside the CA's permitted subtrees (${allowed.join(', ')})`;
    }
  }
  return null;
}

/**
 * The CN read as a host name, the way OpenSSL does before checking it against DNS name constraints: only
 * letters, digits, `_`, `-` and `.`, at least one inner dot, no empty label, no label starting or ending
 * with `-` next to a dot. Anything else (e.g. "billing-service", "Ops Team") is not a host name.
 */
export function dnsLikeCommonName(cn: string): string | null {
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*[A-Za-z0-9_]$/.test(cn)) return null;
  if (!cn.includes('.') || cn.includes('..') || cn.includes('-.') || cn.includes('.-')) return null;
  return cn;
}

/**
 * The names an issuer's NameConstraints apply to. For an end-entity certificate without a DNS SAN, a
 * host-name-like CN counts as a DNS name: OpenSSL (and so nginx, curl, Python) rejects it otherwise with
 * "permitted subtree violation", even though Go ignores the CN.
 */
export function constrainedNames(sans: San[], commonName: string | null, endEntity: boolean): San[] {
  if (!endEntity || commonName === null || sans.some((s) => s.type === 'dns')) return sans;
  const host = dnsLikeCommonName(commonName);
  return host ? [...sans, { type: 'dns', value: host }] : sans;
}

/** Checks SANs against a CA's NameConstraints; null when fine (or the CA has none), else a reason. */
export function checkNameConstraints(caDer: Uint8Array, sans: San[]): string | null {
  const ext = readCert(caDer).extensions.find((e) => e.oid === OID.nameConstraints);
  if (!ext) return null;
  return sanConstraintViolation(decodeNameConstraints(ext.value), sans);
}
