/** PKCS#10 CSRs (RFC 2986): read and verified with @peculiar/x509, inspected, and signed under a profile. */
// @peculiar/x509's dependency injection (tsyringe) needs the Reflect metadata polyfill loaded first.
import 'reflect-metadata';
import type { webcrypto } from 'node:crypto';
import { Pkcs10CertificateRequest } from '@peculiar/x509';
import { AsnConvert, AsnProp } from '@peculiar/asn1-schema';
import { CertificationRequest, CertificationRequestInfo } from '@peculiar/asn1-csr';
import { Name, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import type { CsrView, San } from '../../../shared/domain/types';
import { AppError } from '../../../shared/ipc/error-codes';
import { issueIntermediateFor } from './ca';
import type { RawExtension } from './cert-raw';
import { libraryCrypto } from './crypto-provider';
import { decodeSans } from './ext-decode';
import { OID } from './extensions';
import { issueLeafWithName } from './issue';
import { keyAlgorithmOfSpki, keyLabelOfKeyObject, publicKeyObject } from './keys';
import { buildName, formatSubject, subjectFieldsOf } from './names';
import { firstBlockOf, toPem } from './pem';
import { spkiInfo } from './spki-info';
import type { CryptoProvider, IssuedCertificate, ParsedCsr, PkiContext, SignCsrRequest } from './types';
import { verifySignature } from './verify-sig';
import { extensionView } from './view';

/**
 * The CertificationRequestInfo with the subject and key as encoded. @peculiar/x509 hands them out only as
 * objects it re-encodes (`Name`, `PublicKey`), while the certificate must carry them byte for byte: the
 * subject's string types (PrintableString, UTF8String, T61String) and attribute order are what Go and
 * openssl compare.
 */
class EncodedRequestInfo extends CertificationRequestInfo {
  declare subjectRaw?: Uint8Array;
  declare subjectPKInfoRaw?: Uint8Array;
}
AsnProp({ type: Name, raw: true })(EncodedRequestInfo.prototype, 'subject');
AsnProp({ type: SubjectPublicKeyInfo, raw: true })(EncodedRequestInfo.prototype, 'subjectPKInfo');
class EncodedRequest extends CertificationRequest {
  declare certificationRequestInfo: EncodedRequestInfo;
  declare certificationRequestInfoRaw?: ArrayBuffer;
}
AsnProp({ type: EncodedRequestInfo, raw: true })(EncodedRequest.prototype, 'certificationRequestInfo');

/** Why the signature could not be checked at all, when it could not. */
type Unverifiable = { code: 'NOT_SUPPORTED'; message: string };

interface ReadCsr {
  der: Uint8Array;
  subject: Uint8Array;
  spki: Uint8Array;
  extensions: RawExtension[];
  sans: San[];
  signatureValid: boolean;
  unverifiable: Unverifiable | null;
}

const KEY_ADVICE = 'use EC P-256/P-384, RSA 2048/3072/4096 or Ed25519';
const keyLabel = (spki: Uint8Array): string => keyLabelOfKeyObject(publicKeyObject(spki)).label;

/** The certificate reader's SAN decoder, so CSR and certificate views agree (odd IP lengths included). */
function sansOf(extensions: RawExtension[]): San[] {
  const ext = extensions.find((e) => e.oid === OID.subjectAltName);
  return ext ? decodeSans(ext.value) : [];
}

async function verifyCsr(
  csr: Pkcs10CertificateRequest,
  asn: EncodedRequest,
  spki: Uint8Array,
  crypto: CryptoProvider,
): Promise<{ signatureValid: boolean; unverifiable: Unverifiable | null }> {
  // Typed by the library with the DOM's `Algorithm`, which the Node-only build does not declare.
  const algorithm = (csr.signatureAlgorithm as unknown as webcrypto.Algorithm).name;
  // The library names algorithms it has no mapping for (DSA, GOST, …) by their OID.
  if (/^\d+(\.\d+)+$/.test(algorithm)) {
    const message = `the CSR is signed with an unsupported algorithm (${algorithm}); use ECDSA, RSA PKCS#1 v1.5 or Ed25519`;
    return { signatureValid: false, unverifiable: { code: 'NOT_SUPPORTED', message } };
  }
  try {
    return { signatureValid: await csr.verify(libraryCrypto(crypto)), unverifiable: null };
  } catch {
    // WebCrypto refuses keys it cannot import (NotSupportedError, e.g. EC secp256k1), which OpenSSL checks:
    // the verdict is the signature's, and signCsr refuses such a key by name. Any other library error is
    // checked the same way, so a request is only called invalid when its signature really fails.
    const info = asn.certificationRequestInfoRaw;
    if (!info) return { signatureValid: false, unverifiable: null };
    const { algorithm, parameters } = asn.signatureAlgorithm;
    const params = parameters ? new Uint8Array(parameters) : null;
    const signature = new Uint8Array(asn.signature);
    return {
      signatureValid: verifySignature(new Uint8Array(info), algorithm, signature, spki, params),
      unverifiable: null,
    };
  }
}

async function readCsr(input: Uint8Array | string, crypto: CryptoProvider): Promise<ReadCsr> {
  const der = firstBlockOf(input, ['csr'], 'certificate signing request (PKCS#10)');
  let read: Omit<ReadCsr, 'signatureValid' | 'unverifiable'>;
  let csr: Pkcs10CertificateRequest;
  let asn: EncodedRequest;
  try {
    asn = AsnConvert.parse(der, EncodedRequest);
    csr = new Pkcs10CertificateRequest(asn);
    const { subjectRaw, subjectPKInfoRaw } = asn.certificationRequestInfo;
    if (!subjectRaw || !subjectPKInfoRaw) throw new Error('no subject or public key');
    const extensions = csr.extensions.map((e) => ({
      oid: e.type,
      critical: e.critical,
      value: new Uint8Array(e.value),
    }));
    read = {
      der,
      subject: new Uint8Array(subjectRaw),
      spki: new Uint8Array(subjectPKInfoRaw),
      extensions,
      sans: sansOf(extensions),
    };
  } catch (e) {
    throw new AppError('INVALID_PEM', `not a valid PKCS#10 request: ${(e as Error).message}`);
  }
  return { ...read, ...(await verifyCsr(csr, asn, read.spki, crypto)) };
}

function assertSignature(csr: ReadCsr): void {
  if (csr.signatureValid) return;
  if (csr.unverifiable) throw new AppError(csr.unverifiable.code, csr.unverifiable.message);
  throw new AppError(
    'CSR_SIGNATURE_INVALID',
    "the CSR's signature does not verify with its own public key: it was altered or is corrupt",
  );
}

function toView(csr: ReadCsr): CsrView {
  const key = spkiInfo(csr.spki);
  const publicKey: CsrView['publicKey'] = { algorithm: key.algorithm };
  if (key.size !== undefined) publicKey.size = key.size;
  if (key.curve !== undefined) publicKey.curve = key.curve;
  return {
    subject: formatSubject(csr.subject),
    subjectFields: subjectFieldsOf(csr.subject),
    sans: csr.sans,
    publicKey,
    signatureValid: csr.signatureValid,
    extensions: csr.extensions.map(extensionView),
    pem: toPem(csr.der, 'CERTIFICATE REQUEST'),
  };
}

/** Parses and verifies a PKCS#10 CSR (PEM/DER). INVALID_PEM, CSR_SIGNATURE_INVALID, NOT_SUPPORTED. */
export async function parseCsr(input: Uint8Array | string, crypto: CryptoProvider): Promise<ParsedCsr> {
  const csr = await readCsr(input, crypto);
  assertSignature(csr);
  return {
    der: csr.der,
    spki: csr.spki,
    subjectFields: subjectFieldsOf(csr.subject),
    sans: csr.sans,
    keyAlgorithm: keyAlgorithmOfSpki(csr.spki),
    view: toView(csr),
  };
}

/** Inspection view: does not throw on a bad or uncheckable signature (signatureValid: false). */
export async function viewCsr(input: Uint8Array | string, crypto: CryptoProvider): Promise<CsrView> {
  return toView(await readCsr(input, crypto));
}

/**
 * Signs a CSR under a profile. The CSR's subject and key (byte for byte) and requested SANs are carried over
 * unless the caller replaces subject or SANs; requested extensions other than SAN are ignored (the profile
 * decides KU/EKU). `intermediate` signs a sub-CA CSR (e.g. step-ca or Vault as the online CA under an
 * offline root).
 */
export async function signCsr(req: SignCsrRequest, ctx: PkiContext): Promise<IssuedCertificate> {
  const csr = await readCsr(req.csr, ctx.crypto);
  assertSignature(csr);
  if (!keyAlgorithmOfSpki(csr.spki)) {
    throw new AppError(
      'INVALID_KEY',
      `the CSR's key (${keyLabel(csr.spki)}) is not supported: ${KEY_ADVICE}`,
    );
  }
  const subjectName = req.subject ? buildName(req.subject) : csr.subject;
  const sans = req.sans ?? csr.sans;
  if (req.profile === 'intermediate') return issueIntermediateFor(subjectName, csr.spki, req, ctx);
  return issueLeafWithName(
    {
      issuer: req.issuer,
      profile: req.profile,
      subjectName,
      sans,
      publicKey: csr.spki,
      validity: req.validity,
      keyUsages: req.keyUsages,
      extendedKeyUsages: req.extendedKeyUsages,
      usedSerials: req.usedSerials,
      clampValidity: req.clampValidity,
    },
    ctx,
  );
}
