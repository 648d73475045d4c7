/**
 * Per-certificate encoding for batches: only the serial, validity, subject CN, SPKI, SAN and SKI are written
 * here; everything else is spliced in from the LeafTemplate. The output is byte-compatible with the engine's
 * issueCertificate (same field order, same string types, same extension order and criticality) — checked
 * by leaf-encoder.test.ts against issueLeaf and against openssl.
 */
import { createHash } from 'node:crypto';
import type { KeyAlgorithm, San } from '../../../../shared/domain/types';
import { formatIp, parseIp } from '../../../../shared/domain/san-ip';
import { AppError } from '../../../../shared/ipc/error-codes';
import { hex } from '../der';
import { keyIdentifierOf } from '../extensions';
import type { CertFacts } from '../types';
import { derTime, encodeDer, node, primitive, type DerNode } from './der-writer';
import type { FastProfile, LeafTemplate } from './leaf-template';

const OID_CN = Uint8Array.of(0x06, 0x03, 0x55, 0x04, 0x03);
const EXT_SAN_OID = Uint8Array.of(0x06, 0x03, 0x55, 0x1d, 0x11);
const EXT_SKI_OID = Uint8Array.of(0x06, 0x03, 0x55, 0x1d, 0x0e);

export interface LeafFields {
  /** INTEGER content octets, already DER-normalised (serial.ts) */
  serial: Uint8Array;
  /** whole seconds */
  notBefore: Date;
  notAfter: Date;
  cn: string;
  sans: readonly San[];
  spki: Uint8Array;
  keyAlg: KeyAlgorithm;
  profile: FastProfile;
}

export interface EncodedTbs {
  tbs: Buffer;
  subjectKeyId: Uint8Array;
}

function generalName(san: San): Buffer {
  switch (san.type) {
    case 'dns':
      return primitive(0x82, Buffer.from(san.value, 'utf8'));
    case 'email':
      return primitive(0x81, Buffer.from(san.value, 'utf8'));
    case 'uri':
      return primitive(0x86, Buffer.from(san.value, 'utf8'));
    case 'ip': {
      // iPAddress as 4/16 octets, never as a dNSName (pitfalls.md "SANs").
      const b = parseIp(san.value);
      if (!b) throw new AppError('INVALID_SAN', `IP:${san.value} is not a valid IP address`);
      return primitive(0x87, b);
    }
  }
}

/** Subject = one RDN, CN as UTF8String — what the engine's buildName writes for `{ cn }`. */
export function subjectName(cn: string): DerNode {
  return node(0x30, node(0x31, node(0x30, OID_CN, primitive(0x0c, Buffer.from(cn, 'utf8')))));
}

export function encodeLeafTbs(t: LeafTemplate, f: LeafFields): EncodedTbs {
  const ski = keyIdentifierOf(f.spki);
  const exts: DerNode[] = [t.profileExts(f.profile, f.keyAlg.startsWith('rsa'))];
  if (f.sans.length > 0) {
    exts.push(node(0x30, EXT_SAN_OID, node(0x04, node(0x30, ...f.sans.map(generalName)))));
  }
  exts.push(node(0x30, EXT_SKI_OID, node(0x04, primitive(0x04, ski))));
  exts.push(t.akiExt);
  const tbs = encodeDer(
    node(
      0x30,
      t.version,
      primitive(0x02, f.serial),
      t.sigAlgId,
      t.issuerName,
      node(0x30, derTime(f.notBefore), derTime(f.notAfter)),
      subjectName(f.cn),
      f.spki,
      node(0xa3, node(0x30, ...exts)),
    ),
  );
  return { tbs, subjectKeyId: ski };
}

/** Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }. */
export function assembleCertificate(t: LeafTemplate, tbs: Uint8Array, signature: Uint8Array): Buffer {
  return encodeDer(node(0x30, tbs, t.sigAlgId, node(0x03, Uint8Array.of(0), signature)));
}

const KEY_LABEL: Record<KeyAlgorithm, string> = {
  'ec-p256': 'EC P-256',
  'ec-p384': 'EC P-384',
  'rsa-2048': 'RSA 2048',
  'rsa-3072': 'RSA 3072',
  'rsa-4096': 'RSA 4096',
  ed25519: 'Ed25519',
};

/**
 * The CertFacts summarizeCertificate would compute, from the values we just encoded (no re-parse, no
 * OpenSSL key decode). leaf-encoder.test.ts asserts equality with summarizeCertificate on real output.
 */
export function leafFacts(t: LeafTemplate, f: LeafFields, der: Uint8Array, ski: Uint8Array): CertFacts {
  return {
    cn: f.cn,
    subject: `CN=${f.cn}`,
    issuer: t.issuerText,
    serial: hex(f.serial),
    // the decoded form, as summarizeCertificate reports it (e.g. IPv6 in canonical notation)
    sans: f.sans.map((s) => {
      const ip = s.type === 'ip' ? parseIp(s.value) : null;
      return ip ? { type: s.type, value: formatIp(ip) } : { ...s };
    }),
    notBefore: f.notBefore.toISOString(),
    notAfter: f.notAfter.toISOString(),
    sha256: createHash('sha256').update(der).digest('hex'),
    sha1: createHash('sha1').update(der).digest('hex'),
    keyAlgorithm: KEY_LABEL[f.keyAlg],
    isCa: false,
    pathLen: null,
    selfSigned: false,
    subjectKeyId: hex(ski),
    authorityKeyId: t.akiHex,
  };
}
