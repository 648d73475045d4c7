/**
 * Types of the PKI engine's public API (see index.ts). Byte arrays are always DER unless named otherwise.
 * Keys cross this API only as CryptoKeys, except the loudly named `DANGEROUS_*` PKCS#8 byte fields.
 */
import type { webcrypto } from 'node:crypto';
import type {
  ChainLink,
  CsrView,
  KeyAlgorithm,
  LeafProfile,
  NameConstraintsSpec,
  Profile,
  RevocationReason,
  San,
  SubjectFields,
} from '../../../shared/domain/types';

/** WebCrypto implementation used for key generation and signing (Node's `crypto.webcrypto` in production). */
export type CryptoProvider = webcrypto.Crypto;
export type PkiCryptoKey = webcrypto.CryptoKey;

/** Time and crypto are passed in: core code never reads the clock (style.md rule 7). */
export interface PkiContext {
  now: Date;
  crypto: CryptoProvider;
}

export interface GeneratedKeyPair {
  alg: KeyAlgorithm;
  /** Raw private key, PKCS#8 DER. Hand it to the vault for encryption, then drop it. Never log it. */
  DANGEROUS_privateKeyPkcs8: Uint8Array;
  publicKey: PkiCryptoKey;
  /** Non-extractable signing key for the same private key (usable right away, e.g. self-signing a root). */
  signingKey: PkiCryptoKey;
  /** SubjectPublicKeyInfo DER */
  spki: Uint8Array;
}

export interface DangerousPrivateKey {
  alg: KeyAlgorithm;
  /** Raw private key, PKCS#8 DER. */
  DANGEROUS_pkcs8: Uint8Array;
  /** Alias of DANGEROUS_pkcs8, kept for the brief's `{ pkcs8, alg }` shape. */
  pkcs8: Uint8Array;
}

export interface DangerousPkcs12Contents {
  /** all certificates in the file, DER, in file order */
  certificates: Uint8Array[];
  /** the private key, if the file holds one */
  key: DangerousPrivateKey | null;
  /** the certificate whose public key matches the key (DER), when found */
  keyCertificate: Uint8Array | null;
}

/** A subject public key: a CryptoKey or SubjectPublicKeyInfo DER bytes (e.g. from a CSR). */
export type PublicKeyInput = PkiCryptoKey | Uint8Array;

/** The CA that signs: its certificate (DER) and its non-extractable signing key. */
export interface IssuerInput {
  certDer: Uint8Array;
  signingKey: PkiCryptoKey;
  /**
   * Optional: the issuer's own issuers (DER), parent first, up to the root. When given, their name
   * constraints and pathLen limits are enforced before signing too (not only the issuer's own).
   */
  chain?: Uint8Array[];
}

/**
 * Serial uniqueness per issuer: a set of already used serials (lower-case hex, no colons, as carried by the
 * certificates) or a predicate answering "is this serial taken?". Omit only for a brand-new root.
 */
export type SerialGuard = ReadonlySet<string> | ((serialHex: string) => boolean);

/** Exactly one of days/hours/notAfter. Defaults are per call (documented there). */
export interface ValiditySpec {
  days?: number;
  hours?: number;
  notAfter?: Date | string;
}

export interface IssuedCertificate {
  der: Uint8Array;
  pem: string;
  /** lower-case hex of the serial's DER content octets (what the certificate carries) */
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
  summary: CertFacts;
  /** set when validity was clamped to the issuer's notAfter */
  note?: string;
}

/** What CertSummary needs from a certificate; produced once at issuance/import (summarizeCertificate). */
export interface CertFacts {
  cn: string;
  subject: string;
  issuer: string;
  serial: string;
  sans: San[];
  notBefore: string;
  notAfter: string;
  sha256: string;
  sha1: string;
  keyAlgorithm: string;
  isCa: boolean;
  pathLen: number | null;
  selfSigned: boolean;
  /** lower-case hex; null when absent */
  subjectKeyId: string | null;
  authorityKeyId: string | null;
}

export interface CreateRootCaRequest {
  subject: SubjectFields;
  /** the CA's own key pair: it signs itself */
  publicKey: PkiCryptoKey;
  signingKey: PkiCryptoKey;
  /** Default: 3650 days. */
  validity?: ValiditySpec;
  /** null/undefined: no path length constraint */
  pathLen?: number | null;
  nameConstraints?: NameConstraintsSpec;
}

export interface CreateIntermediateCaRequest {
  issuer: IssuerInput;
  subject: SubjectFields;
  publicKey: PublicKeyInput;
  /** Default: 1825 days. */
  validity?: ValiditySpec;
  pathLen?: number | null;
  nameConstraints?: NameConstraintsSpec;
  usedSerials?: SerialGuard;
  /** true: shorten to the issuer's notAfter with a note instead of failing with VALIDITY_EXCEEDS_ISSUER. Default false. */
  clampValidity?: boolean;
}

export interface IssueLeafRequest {
  issuer: IssuerInput;
  profile: LeafProfile;
  subject: SubjectFields;
  sans: San[];
  publicKey: PublicKeyInput;
  /** Default: the profile's default (397 days for TLS profiles). */
  validity?: ValiditySpec;
  /** custom profile only: KeyUsage names (see KEY_USAGE_NAMES) */
  keyUsages?: string[];
  /** custom profile only: EKU names (see EKU_NAMES) or dotted OIDs */
  extendedKeyUsages?: string[];
  usedSerials?: SerialGuard;
  clampValidity?: boolean;
}

export interface ParsedCsr {
  der: Uint8Array;
  /** SubjectPublicKeyInfo DER of the requested key */
  spki: Uint8Array;
  subjectFields: SubjectFields;
  sans: San[];
  keyAlgorithm: KeyAlgorithm | null;
  view: CsrView;
}

export interface SignCsrRequest {
  issuer: IssuerInput;
  csr: Uint8Array | string;
  profile: LeafProfile | 'intermediate';
  /** replaces the CSR's subject when given */
  subject?: SubjectFields;
  /** replaces the CSR's requested SANs when given (default: carried over) */
  sans?: San[];
  validity?: ValiditySpec;
  /** intermediate profile only */
  pathLen?: number | null;
  nameConstraints?: NameConstraintsSpec;
  keyUsages?: string[];
  extendedKeyUsages?: string[];
  usedSerials?: SerialGuard;
  clampValidity?: boolean;
}

/** What a renewal re-uses from the old certificate. */
export interface RenewalPlan {
  subject: SubjectFields;
  sans: San[];
  profile: LeafProfile;
  keyUsages: string[];
  extendedKeyUsages: string[];
  keyAlgorithm: KeyAlgorithm | null;
  /** old lifetime in whole days, the default for the new one */
  validityDays: number;
}

export interface RenewRequest {
  issuer: IssuerInput;
  oldCertDer: Uint8Array;
  /** new key (default in the product) or the old certificate's public key to keep it */
  publicKey: PublicKeyInput;
  /** Default: the old certificate's lifetime. */
  validity?: ValiditySpec;
  usedSerials?: SerialGuard;
  clampValidity?: boolean;
}

export interface RevokedEntry {
  /** lower-case hex serial as carried by the certificate */
  serialHex: string;
  revokedAt: Date;
  reason: RevocationReason;
  /** when the key was known or suspected to be compromised (RFC 5280 §5.3.2); default: absent */
  invalidityDate?: Date;
}

export interface CreateCrlRequest {
  issuer: IssuerInput;
  /** the caller keeps the counter: pass last number + 1 */
  crlNumber: number | bigint;
  /** Default: ctx.now */
  thisUpdate?: Date;
  nextUpdate: Date;
  entries: RevokedEntry[];
}

export interface CreatedCrl {
  der: Uint8Array;
  pem: string;
  thisUpdate: Date;
  nextUpdate: Date;
}

export interface KnownCa {
  /** the vault id, reported back in ChainLink.id */
  id: string | null;
  der: Uint8Array;
  /** true: a trust anchor. Default: true for self-signed certificates, false otherwise. */
  trusted?: boolean;
}

export type ChainPurpose = 'serverAuth' | 'clientAuth' | 'any';

/**
 * Options of one validation. The arrays and maps are read, never changed, and must not be changed by the
 * caller after a call either: the validator shares the checks of the CAs above a leaf between calls made
 * with the very same arrays and maps (a list validates every certificate with one set).
 */
export interface VerifyChainOptions {
  knownCas: KnownCa[];
  now: Date;
  /** EKU the leaf must fit. Default 'any'. */
  purpose?: ChainPurpose;
  /** id reported for the certificate itself */
  certId?: string | null;
  /** CRLs (DER) to consult; each applies to the CA that signed it */
  crls?: Uint8Array[];
  /**
   * The vault's own revocation records: issuer certificate SHA-256 (lower-case hex) → serial as an
   * integer → when and why. Consulted for every link, whether or not a CRL was published.
   */
  revoked?: ReadonlyMap<string, ReadonlyMap<bigint, RevocationRecord>>;
  /**
   * Signatures the caller vouches for because it verified them before and kept the result where it cannot
   * be forged (the service's authenticated vault). Default: none, every signature is verified.
   */
  vouchedSigners?: SignatureVouches;
}

/**
 * For a certificate's DER buffer, the SHA-256 (lower-case hex) of the certificate whose key verified its
 * signature, or undefined. The validator takes a vouch only for exactly that issuer; any other candidate
 * issuer is verified as usual.
 */
export type SignatureVouches = (certDer: Uint8Array) => string | undefined;

export interface RevocationRecord {
  /** ISO date */
  at: string;
  reason: RevocationReason | null;
}

export interface ChainResult {
  ok: boolean;
  /** leaf first, then issuers up to the anchor (or as far as found) */
  links: ChainLink[];
  /** DER of the path found, leaf first */
  path: Uint8Array[];
  /** the first failing check, leaf first ("CA "…": …" for an issuer); null when the path is valid */
  firstFailure: string | null;
  /**
   * Why the certificate's own notBefore or notAfter cannot be read (RawCert.timeError); null when both
   * can. Its stored dates are then no facts, and it is invalid at every clock.
   */
  timeError: string | null;
  /**
   * The clock values (ms since the epoch, inclusive) around `now` in which no certificate of the path, nor an
   * issuer passed over for not being valid at `now`, becomes valid or expires: the only way the clock enters a
   * verdict.
   */
  steady: { from: number; until: number };
}

export interface LintContext {
  /** the profile the certificate was issued under, when known */
  profile?: Profile;
  /** the issuer certificate, for AKI/validity checks */
  issuerDer?: Uint8Array;
}

export type PemBlockType =
  | 'certificate'
  | 'csr'
  | 'crl'
  | 'private-key'
  | 'encrypted-private-key'
  | 'rsa-private-key'
  | 'ec-private-key'
  | 'public-key'
  | 'pkcs12'
  | 'unknown';

export interface PemBlock {
  type: PemBlockType;
  /** the PEM label (e.g. "CERTIFICATE"); "DER" for binary input */
  label: string;
  der: Uint8Array;
}

/** Input of opensslCommandsFor: what was issued, described enough to replay it with openssl. */
export interface OpensslCommandRequest {
  profile: Profile;
  subject: SubjectFields;
  sans?: San[];
  /** key generated by us (genpkey) — omit when a CSR was signed */
  keyAlgorithm?: KeyAlgorithm;
  /** true when the certificate came from an external CSR */
  fromCsr?: boolean;
  validityDays: number;
  pathLen?: number | null;
  nameConstraints?: NameConstraintsSpec;
  keyUsages?: string[];
  extendedKeyUsages?: string[];
  /** the issuer's key algorithm (picks -sha256/-sha384); default ec-p256 */
  issuerKeyAlgorithm?: KeyAlgorithm;
  /** file base name, default from the profile (server, client, service, ca, intermediate) */
  name?: string;
  /** base name of the issuer's files (`<issuerName>.crt`, `<issuerName>.key`); default "ca" as in the seed */
  issuerName?: string;
}
