/**
 * Test and bench reference: the X.509 v3 extensions of CertDesk certificates (RFC 5280 §4.2) built with
 * @peculiar/x509's extension classes and, for NameConstraints (for which @peculiar/x509 has no extension
 * class), @peculiar/asn1-x509. The engine's own writer must produce the same bytes
 * (library-conformance.test.ts). Criticality is explicit: BasicConstraints, KeyUsage and NameConstraints
 * critical, the rest not.
 */
// @peculiar/x509's dependency injection (tsyringe) needs the Reflect metadata polyfill loaded first.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  GeneralName,
  GeneralSubtree,
  GeneralSubtrees,
  NameConstraints,
  id_ce_nameConstraints,
} from '@peculiar/asn1-x509';
import type { NameConstraintsSpec, San } from '../../../../shared/domain/types';
import { parseCidr, parseIp } from '../../../../shared/domain/san';
import { AppError } from '../../../../shared/ipc/error-codes';
import { hex } from '../der';
import { KEY_USAGE_NAMES, type KeyUsageName } from '../profiles';

/**
 * IP address bytes as text the library parses back to exactly these bytes: a dotted quad, or all eight
 * IPv6 groups written out. Its parser turns IPv4-mapped text (`::ffff:1.2.3.4`) into the wrong octets, so
 * the compressed and mixed forms are never handed to it.
 */
function ipText(bytes: Uint8Array): string {
  if (bytes.length === 4) return Array.from(bytes).join('.');
  const groups: string[] = [];
  for (let i = 0; i < bytes.length; i += 2)
    groups.push((((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)).toString(16).padStart(4, '0'));
  return groups.join(':');
}

function prefixLength(mask: Uint8Array): number {
  let bits = 0;
  for (const b of mask) for (let i = 7; i >= 0; i--) if (b & (1 << i)) bits++;
  return bits;
}

function sanJson(san: San): x509.JsonGeneralName {
  switch (san.type) {
    case 'dns':
      return { type: 'dns', value: san.value };
    case 'email':
      return { type: 'email', value: san.value };
    case 'uri':
      return { type: 'url', value: san.value };
    case 'ip': {
      const bytes = parseIp(san.value);
      if (!bytes) throw new AppError('INVALID_SAN', `IP:${san.value} is not a valid IP address`);
      return { type: 'ip', value: ipText(bytes) };
    }
  }
}

/** KeyUsage names → the library's flag word (bit n of RFC 5280's KeyUsage is 1 << n). */
export function keyUsageFlags(names: readonly KeyUsageName[]): number {
  let flags = 0;
  for (const n of names) flags |= 1 << KEY_USAGE_NAMES.indexOf(n);
  return flags;
}

function subtree(kind: 'dns' | 'ip' | 'email' | 'uri', value: string): GeneralSubtree {
  const v = value.trim();
  if (kind === 'ip') {
    const c = parseCidr(v);
    if (!c)
      throw new AppError(
        'INVALID_INPUT',
        `name constraint IP range "${value}" is not CIDR notation (e.g. 10.0.0.0/8)`,
      );
    return new GeneralSubtree({
      base: new GeneralName({ iPAddress: `${ipText(c.address)}/${prefixLength(c.mask)}` }),
    });
  }
  if (v.length === 0 || /[\s/:]/.test(v) || (kind !== 'email' && v.includes('@'))) {
    throw new AppError(
      'INVALID_INPUT',
      `name constraint ${kind.toUpperCase()} "${value}" must be a domain such as example.com or .example.com`,
    );
  }
  const base =
    kind === 'dns'
      ? new GeneralName({ dNSName: v })
      : kind === 'email'
        ? new GeneralName({ rfc822Name: v })
        : new GeneralName({ uniformResourceIdentifier: v });
  return new GeneralSubtree({ base });
}

/** The critical NameConstraints extension, or null when the spec names no subtree. */
export function nameConstraintsExtension(spec: NameConstraintsSpec): x509.Extension | null {
  const build = (
    pairs: [kind: 'dns' | 'ip' | 'email' | 'uri', values: string[] | undefined][],
  ): GeneralSubtree[] => pairs.flatMap(([kind, values]) => (values ?? []).map((v) => subtree(kind, v)));
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
  const value = new NameConstraints({});
  if (permitted.length > 0) value.permittedSubtrees = new GeneralSubtrees(permitted);
  if (excluded.length > 0) value.excludedSubtrees = new GeneralSubtrees(excluded);
  return new x509.Extension(id_ce_nameConstraints, true, AsnConvert.serialize(value));
}

export interface CertExtensionSpec {
  ca: boolean;
  pathLen?: number | null;
  keyUsages: readonly KeyUsageName[];
  ekuOids: readonly string[];
  sans: readonly San[];
  /** RFC 5280 §4.2.1.2 key identifier of the certificate's own key */
  subjectKeyId: Uint8Array;
  /** the issuer's SKI (the own key id when self-signed) */
  authorityKeyId: Uint8Array;
  nameConstraints?: NameConstraintsSpec | undefined;
}

/**
 * Extensions that repeat from certificate to certificate (a profile's BasicConstraints, KeyUsage and EKU;
 * an issuer's AKI) are built once: each library extension costs an ASN.1 serialisation and a re-parse,
 * which would otherwise dominate the cost of issuing one certificate. Bounded, as CAs and profiles are few.
 */
const repeated = new Map<string, x509.Extension>();
function memo(key: string, build: () => x509.Extension): x509.Extension {
  let ext = repeated.get(key);
  if (!ext) {
    if (repeated.size >= 512) repeated.clear();
    ext = build();
    repeated.set(key, ext);
  }
  return ext;
}

export const basicConstraintsExtension = (ca: boolean, pathLen?: number | null): x509.Extension => {
  const len = ca && pathLen !== null && pathLen !== undefined ? pathLen : undefined;
  return memo(`bc:${ca}:${len ?? ''}`, () => new x509.BasicConstraintsExtension(ca, len, true));
};

export const keyUsageExtension = (names: readonly KeyUsageName[]): x509.Extension => {
  const flags = keyUsageFlags(names);
  return memo(`ku:${flags}`, () => new x509.KeyUsagesExtension(flags, true));
};

export const extKeyUsageExtension = (oids: readonly string[]): x509.Extension =>
  memo(`eku:${oids.join(',')}`, () => new x509.ExtendedKeyUsageExtension([...oids], false));

export const authorityKeyIdExtension = (keyId: Uint8Array): x509.Extension => {
  const id = hex(keyId);
  return memo(`aki:${id}`, () => new x509.AuthorityKeyIdentifierExtension(id, false));
};

/** Extensions in the order every CertDesk certificate carries them. */
export function certificateExtensions(spec: CertExtensionSpec): x509.Extension[] {
  const exts: x509.Extension[] = [basicConstraintsExtension(spec.ca, spec.pathLen)];
  if (spec.keyUsages.length > 0) exts.push(keyUsageExtension(spec.keyUsages));
  if (spec.ekuOids.length > 0) exts.push(extKeyUsageExtension(spec.ekuOids));
  if (spec.sans.length > 0)
    exts.push(new x509.SubjectAlternativeNameExtension(spec.sans.map(sanJson), false));
  exts.push(new x509.SubjectKeyIdentifierExtension(hex(spec.subjectKeyId), false));
  exts.push(authorityKeyIdExtension(spec.authorityKeyId));
  if (spec.ca && spec.nameConstraints) {
    const nc = nameConstraintsExtension(spec.nameConstraints);
    if (nc) exts.push(nc);
  }
  return exts;
}
