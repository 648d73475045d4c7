/**
 * The one place certificates are assembled and signed. Every issuance path (root, intermediate, leaf, CSR,
 * renewal) goes through `issueCertificate`, which enforces the issuer's constraints before signing.
 */
import { randomBytes } from 'node:crypto';
import type { NameConstraintsSpec, San } from '../../../shared/domain/types';
import { AppError } from '../../../shared/ipc/error-codes';
import { readCert, type RawCert } from './cert-raw';
import { concat, ctx, hex, integer, integerBytes, seq, time } from './der';
import { decodeBasicConstraints, decodeKeyUsage, decodeSki } from './ext-decode';
import {
  authorityKeyIdentifier,
  basicConstraints,
  extKeyUsage,
  extension,
  keyIdentifierOf,
  keyUsage,
  nameConstraints,
  OID,
  subjectAltName,
  subjectKeyIdentifier,
} from './extensions';
import { keyAlgorithmOfCryptoKey } from './keys';
import { checkNameConstraints, constrainedNames } from './name-constraints';
import { formatSubject, nameAttributes } from './names';
import { toPem } from './pem';
import type { KeyUsageName } from './profiles';
import { generateSerial } from './serial';
import { signatureAlgorithmId, signStructure } from './sign';
import type { IssuedCertificate, PkiContext, PkiCryptoKey, SerialGuard, ValiditySpec } from './types';
import { resolveValidity } from './validity';
import { summarizeCertificate } from './view';

export interface CertSpec {
  /** null: self-signed with `selfSigningKey` */
  issuer: { certDer: Uint8Array; signingKey: PkiCryptoKey; chain?: Uint8Array[] } | null;
  selfSigningKey?: PkiCryptoKey;
  subjectName: Uint8Array;
  spki: Uint8Array;
  ca: boolean;
  pathLen?: number | null;
  nameConstraints?: NameConstraintsSpec;
  keyUsages: KeyUsageName[];
  ekuOids: string[];
  sans: San[];
  validity?: ValiditySpec;
  defaultDays: number;
  clampValidity?: boolean;
  usedSerials?: SerialGuard;
}

interface IssuerFacts {
  raw: RawCert;
  keyId: Uint8Array;
  pathLen: number | null;
}

/** SANs, plus a host-name-like CN of an end-entity certificate without DNS SANs (OpenSSL checks it). */
function constrainedNamesOf(spec: CertSpec): San[] {
  const cn = nameAttributes(spec.subjectName).find(([k]) => k === 'CN')?.[1] ?? null;
  return constrainedNames(spec.sans, cn, !spec.ca);
}

/** NOT_A_CA / PATH_LEN_EXCEEDED / NAME_CONSTRAINT_VIOLATION checks on the issuer, before anything is signed. */
function checkIssuer(issuerDer: Uint8Array, spec: CertSpec): IssuerFacts {
  const raw = readCert(issuerDer);
  const bcExt = raw.extensions.find((e) => e.oid === OID.basicConstraints);
  const bc = bcExt ? decodeBasicConstraints(bcExt.value) : { ca: false, pathLen: null };
  if (!bc.ca)
    throw new AppError('NOT_A_CA', 'the issuer certificate is not a CA (BasicConstraints cA is not true)');
  const kuExt = raw.extensions.find((e) => e.oid === OID.keyUsage);
  // A CA without KeyUsage (the seed's `openssl req -x509` CA) may sign; lint warns about it separately.
  if (kuExt && !decodeKeyUsage(kuExt.value).includes('keyCertSign')) {
    throw new AppError('NOT_A_CA', "the issuer certificate's KeyUsage does not allow keyCertSign");
  }
  if (spec.ca && bc.pathLen !== null) {
    if (bc.pathLen === 0) {
      throw new AppError(
        'PATH_LEN_EXCEEDED',
        'the issuing CA has pathLen 0: it may sign only end-entity certificates, not another CA',
      );
    }
    if (spec.pathLen !== null && spec.pathLen !== undefined && spec.pathLen >= bc.pathLen) {
      throw new AppError(
        'PATH_LEN_EXCEEDED',
        `pathLen ${spec.pathLen} must be below the issuing CA's pathLen ${bc.pathLen}`,
      );
    }
  }
  const violation = checkNameConstraints(issuerDer, constrainedNamesOf(spec));
  if (violation) throw new AppError('NAME_CONSTRAINT_VIOLATION', violation);
  checkAncestors(spec.issuer?.chain ?? [], spec);
  const skiExt = raw.extensions.find((e) => e.oid === OID.subjectKeyIdentifier);
  const keyId = skiExt ? decodeSki(skiExt.value) : keyIdentifierOf(raw.spki);
  return { raw, keyId, pathLen: bc.pathLen };
}

/** Constraints of the issuer's own issuers (RFC 5280 §6.1: every CA on the path constrains what is below it). */
function checkAncestors(chain: Uint8Array[], spec: CertSpec): void {
  chain.forEach((der, k) => {
    const raw = readCert(der);
    const bcExt = raw.extensions.find((e) => e.oid === OID.basicConstraints);
    const bc = bcExt ? decodeBasicConstraints(bcExt.value) : { ca: false, pathLen: null };
    // CAs below this ancestor once the new certificate exists: the issuer, the k ancestors in between, and the new CA
    const below = 1 + k + (spec.ca ? 1 : 0);
    if (bc.pathLen !== null && below > bc.pathLen) {
      throw new AppError(
        'PATH_LEN_EXCEEDED',
        `"${formatSubject(raw.subject)}" allows ${bc.pathLen} CA(s) below it; this certificate would make ${below}`,
      );
    }
    const v = checkNameConstraints(der, constrainedNamesOf(spec));
    if (v)
      throw new AppError('NAME_CONSTRAINT_VIOLATION', `${v} (constraint of "${formatSubject(raw.subject)}")`);
  });
}

export async function issueCertificate(spec: CertSpec, c: PkiContext): Promise<IssuedCertificate> {
  const issuer = spec.issuer ? checkIssuer(spec.issuer.certDer, spec) : null;
  const signingKey = spec.issuer?.signingKey ?? spec.selfSigningKey;
  if (!signingKey) throw new AppError('CA_KEY_MISSING', 'no signing key for this certificate');
  const validity = resolveValidity(
    spec.validity,
    c.now,
    spec.defaultDays,
    issuer?.raw ?? null,
    spec.clampValidity,
  );
  const serial = generateSerial((n) => {
    const b = new Uint8Array(n);
    c.crypto.getRandomValues(b);
    return b;
  }, spec.usedSerials);

  const ownKeyId = keyIdentifierOf(spec.spki);
  const exts: Uint8Array[] = [extension(OID.basicConstraints, true, basicConstraints(spec.ca, spec.pathLen))];
  if (spec.keyUsages.length > 0) exts.push(extension(OID.keyUsage, true, keyUsage(spec.keyUsages)));
  if (spec.ekuOids.length > 0) exts.push(extension(OID.extKeyUsage, false, extKeyUsage(spec.ekuOids)));
  if (spec.sans.length > 0) exts.push(extension(OID.subjectAltName, false, subjectAltName(spec.sans)));
  exts.push(extension(OID.subjectKeyIdentifier, false, subjectKeyIdentifier(ownKeyId)));
  exts.push(extension(OID.authorityKeyIdentifier, false, authorityKeyIdentifier(issuer?.keyId ?? ownKeyId)));
  if (spec.ca && spec.nameConstraints) {
    const nc = nameConstraints(spec.nameConstraints);
    if (nc) exts.push(extension(OID.nameConstraints, true, nc));
  }

  const tbs = seq(
    ctx(0, integer(2), true),
    integerBytes(serial),
    signatureAlgorithmId(keyAlgorithmOfCryptoKey(signingKey)),
    // Issuer copied from the CA certificate's encoded subject: Go matches names byte for byte.
    issuer ? issuer.raw.subject : spec.subjectName,
    seq(time(validity.notBefore), time(validity.notAfter)),
    spec.subjectName,
    spec.spki,
    ctx(3, seq(concat(exts)), true),
  );
  const der = await signStructure(tbs, signingKey, c.crypto);
  const result: IssuedCertificate = {
    der,
    pem: toPem(der, 'CERTIFICATE'),
    serialHex: hex(serial),
    notBefore: validity.notBefore,
    notAfter: validity.notAfter,
    summary: summarizeCertificate(der),
  };
  if (validity.note) result.note = validity.note;
  return result;
}

/** Node's randomBytes as a Uint8Array source (for callers outside a PkiContext). */
export const nodeRandom = (n: number): Uint8Array => new Uint8Array(randomBytes(n));
