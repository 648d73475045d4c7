/** The certificate-only lint rules (lint.ts computes the facts and adds the issuer-relative rules). */
import type { LintSeverity, Profile, San } from '../../../shared/domain/types';
import { parseIp, validateSan } from '../../../shared/domain/san';
import type { RawCert, RawExtension } from './cert-raw';
import { OID } from './extensions';
import { nameAttributes } from './names';
import type { KeyUsageName } from './profiles';
import { EKU_NAMES, profileDef } from './profiles';
import { spkiInfo } from './spki-info';

export type AddFinding = (id: string, severity: LintSeverity, message: string, explanation: string) => void;

export interface LintFacts {
  raw: RawCert;
  ext: (oid: string) => RawExtension | undefined;
  bcExt: RawExtension | undefined;
  bc: { ca: boolean; pathLen: number | null } | null;
  isCa: boolean;
  kuExt: RawExtension | undefined;
  ku: KeyUsageName[] | null;
  ekus: string[] | null;
  sans: San[];
  selfSigned: boolean;
  profile: Profile | undefined;
  tlsServer: boolean;
  /** lifetime in days, not counting the clock-skew backdate */
  days: number;
}

export const KNOWN_EXTENSIONS = new Set<string>([
  ...Object.values(OID),
  '2.5.29.18',
  '1.3.6.1.4.1.11129.2.4.2',
  '2.5.29.54',
  '2.5.29.36',
  '2.5.29.33',
]);

export function certificateRules(f: LintFacts, add: AddFinding): void {
  const { raw, ext, bcExt, bc, isCa, kuExt, ku, ekus, sans, selfSigned, profile, tlsServer, days } = f;
  // Serial (RFC 5280 §4.1.2.2; Go ≥ 1.23 rejects negative serials)
  if ((raw.serial[0] ?? 0) & 0x80)
    add(
      'serial-negative',
      'error',
      'The serial number is negative.',
      'RFC 5280 requires a positive serial. Go 1.23 and later refuse to parse such a certificate, so every TLS handshake with a Go peer fails.',
    );
  if (raw.serial.length > 20)
    add(
      'serial-too-long',
      'error',
      `The serial number is ${raw.serial.length} octets long.`,
      'RFC 5280 limits serials to 20 octets; many verifiers reject longer ones.',
    );
  if (raw.serial.every((b) => b === 0))
    add(
      'serial-zero',
      'error',
      'The serial number is zero.',
      'RFC 5280 requires a positive, non-zero serial.',
    );
  else if (raw.serial.length < 8)
    add(
      'serial-low-entropy',
      'info',
      'The serial number has fewer than 64 bits.',
      'CA/B Baseline Requirements ask for at least 64 random bits so serials cannot be predicted.',
    );

  if (raw.version !== 3 && raw.extensions.length > 0)
    add(
      'version-not-v3',
      'error',
      `Version ${raw.version} certificate with extensions.`,
      'Extensions are only defined for X.509 v3 certificates.',
    );

  // Signature and key strength
  if (['1.2.840.113549.1.1.5', '1.2.840.10045.4.1', '1.2.840.113549.1.1.4'].includes(raw.sigAlgOid)) {
    add(
      'weak-signature',
      'error',
      'Signed with SHA-1 or MD5.',
      'SHA-1 and MD5 signatures are broken; OpenSSL 3, Go and browsers reject them.',
    );
  }
  const key = spkiInfo(raw.spki);
  if (key.algorithm === 'RSA' && (key.size ?? 0) < 2048)
    add(
      'rsa-too-small',
      'error',
      `RSA key of ${key.size} bits.`,
      'RSA keys below 2048 bits are refused by OpenSSL 3 at its default security level and by Go.',
    );
  if (key.algorithm === 'Ed25519')
    add(
      'ed25519-compat',
      'info',
      'Ed25519 key.',
      'Ed25519 works with OpenSSL, Go and Node, but some browsers and older Java/Windows stacks do not accept Ed25519 certificates.',
    );

  // Unknown critical extensions make Go fail with UnhandledCriticalExtension
  for (const e of raw.extensions) {
    if (e.critical && !KNOWN_EXTENSIONS.has(e.oid))
      add(
        'unknown-critical-extension',
        'error',
        `Unknown critical extension ${e.oid}.`,
        'Verifiers must reject certificates with critical extensions they do not understand (Go: UnhandledCriticalExtension).',
      );
  }

  if (isCa) {
    if (bcExt && !bcExt.critical)
      add(
        'ca-basic-constraints-not-critical',
        'warning',
        "The CA's BasicConstraints extension is not critical.",
        'RFC 5280 §4.2.1.9 requires it to be critical in CA certificates; `openssl verify -x509_strict` reports it.',
      );
    if (!ku)
      add(
        'ca-without-key-usage',
        'warning',
        'The CA certificate has no KeyUsage extension.',
        'Chains still verify with default OpenSSL, Go and Node, but `openssl verify -x509_strict` rejects chains through a CA without KeyUsage, and RFC 5280 §4.2.1.3 expects keyCertSign and cRLSign. Consider re-issuing the CA with KeyUsage keyCertSign, cRLSign (critical).',
      );
    else {
      if (!ku.includes('keyCertSign'))
        add(
          'ca-without-key-cert-sign',
          'error',
          "The CA's KeyUsage lacks keyCertSign.",
          'Verifiers refuse certificates signed by a CA whose KeyUsage does not include keyCertSign.',
        );
      if (!ku.includes('cRLSign'))
        add(
          'ca-without-crl-sign',
          'warning',
          "The CA's KeyUsage lacks cRLSign.",
          'CRLs signed by this CA will not verify.',
        );
    }
    if (!ext(OID.subjectKeyIdentifier))
      add(
        'ca-without-ski',
        'warning',
        'The CA certificate has no Subject Key Identifier.',
        'RFC 5280 §4.2.1.2 requires an SKI in CA certificates; children use it as their Authority Key Identifier to build chains.',
      );
    const nc = ext(OID.nameConstraints);
    if (nc && !nc.critical)
      add(
        'name-constraints-not-critical',
        'warning',
        'NameConstraints is not critical.',
        'RFC 5280 §4.2.1.10 requires NameConstraints to be critical.',
      );
  } else {
    if (bc === null)
      add(
        'leaf-without-basic-constraints',
        'info',
        'No BasicConstraints extension.',
        'Without it the certificate is still treated as an end entity; CA:FALSE makes that explicit.',
      );
    if (ku?.includes('keyCertSign'))
      add(
        'leaf-with-key-cert-sign',
        'error',
        'An end-entity certificate has keyCertSign.',
        'Only CA certificates may sign certificates.',
      );
    if (!ext(OID.subjectKeyIdentifier))
      add(
        'missing-ski',
        'info',
        'No Subject Key Identifier.',
        'RFC 5280 recommends an SKI in end-entity certificates to help identify the key.',
      );
    if (!ekus)
      add(
        'missing-eku',
        'warning',
        'No Extended Key Usage.',
        "Go treats a certificate without EKU as valid for any purpose, which is broader than intended; write the profile's EKU.",
      );
    if (ku && kuExt && !kuExt.critical)
      add(
        'key-usage-not-critical',
        'info',
        'KeyUsage is not critical.',
        'RFC 5280 §4.2.1.3 says it SHOULD be critical when present.',
      );
  }
  if (!selfSigned) {
    if (!ext(OID.authorityKeyIdentifier))
      add(
        'missing-aki',
        'warning',
        'No Authority Key Identifier.',
        'RFC 5280 §4.2.1.1 requires the AKI in every certificate not self-signed; chain builders use it to find the issuer.',
      );
  }

  // Profile expectations
  if (profile && profile !== 'root' && profile !== 'intermediate' && profile !== 'custom') {
    for (const eku of profileDef(profile).extendedKeyUsages) {
      const o = EKU_NAMES[eku] ?? '';
      if (!ekus?.includes(o))
        add(
          `missing-eku-${eku}`,
          'error',
          `The ${profile} profile needs the ${eku} EKU.`,
          `Go and OpenSSL refuse to use the certificate for ${eku === 'serverAuth' ? 'TLS servers' : 'TLS clients'} without it.`,
        );
    }
  }

  // SANs and CN
  const cn = nameAttributes(raw.subject).find(([k]) => k === 'CN')?.[1];
  if (tlsServer && sans.length === 0)
    add(
      'server-without-san',
      'error',
      'TLS server certificate without a subjectAltName.',
      'Go (since 1.15), Chrome and Apple ignore the CN for host names: clients will fail with "certificate relies on legacy Common Name field".',
    );
  for (const s of sans) {
    if (s.type === 'dns' && parseIp(s.value))
      add(
        'ip-in-dns-san',
        'error',
        `IP address ${s.value} written as a DNS SAN.`,
        'Clients match IP addresses only against iPAddress SANs: connections to that IP will fail name checks.',
      );
    else {
      const v = validateSan(s);
      if (!v.ok)
        add(
          'invalid-san',
          'warning',
          v.reason,
          'This SAN breaks host-name, URI or SPIFFE rules; clients may refuse to match it.',
        );
    }
  }
  if (!isCa && cn && sans.length > 0 && (/^[a-z0-9*.-]+$/i.test(cn) || parseIp(cn))) {
    const inSans = sans.some(
      (s) => (s.type === 'dns' || s.type === 'ip') && s.value.toLowerCase() === cn.toLowerCase(),
    );
    if (!inSans && tlsServer)
      add(
        'cn-not-in-san',
        'warning',
        `The CN "${cn}" is not among the SANs.`,
        'Clients check only SANs; if callers dial this name, the handshake fails. Add it as a DNS (or IP) SAN.',
      );
  }

  // Validity
  if (tlsServer && days > 825)
    add(
      'validity-over-825',
      'error',
      `Valid for ${Math.round(days)} days.`,
      'Apple platforms refuse TLS server certificates valid for more than 825 days, even from private CAs.',
    );
  else if (!isCa && (tlsServer || profile === 'client' || profile === 'service') && days > 397)
    add(
      'validity-over-397',
      'warning',
      `Valid for ${Math.round(days)} days.`,
      'TLS leaves are limited to 397 days by the CA/B Forum and browsers; shorter lifetimes limit the damage of a leaked key.',
    );
  if (raw.notAfter <= raw.notBefore)
    add(
      'validity-inverted',
      'error',
      'notAfter is not after notBefore.',
      'The certificate can never be valid.',
    );
}
