/** PKCS#10 CSRs (RFC 2986): parse + verify, inspect, and sign under a profile (leaf or intermediate CA). */
import type { CsrView, San } from '../../../shared/domain/types';
import { AppError } from '../../../shared/ipc/error-codes';
import { issueIntermediateFor } from './ca';
import { parseExtensions, type RawExtension } from './cert-raw';
import { children, content, decodeOid, readTlv, whole } from './der';
import { decodeSans } from './ext-decode';
import { OID } from './extensions';
import { issueLeafWithName } from './issue';
import { keyAlgorithmOfSpki, keyLabelOfKeyObject, publicKeyObject } from './keys';
import { buildName, formatSubject, subjectFieldsOf } from './names';
import { firstBlockOf, toPem } from './pem';
import { spkiInfo } from './spki-info';
import type { IssuedCertificate, ParsedCsr, PkiContext, SignCsrRequest } from './types';
import { extensionView } from './view';
import { isSupportedSignatureOid, verifySignature } from './verify-sig';

const EXTENSION_REQUEST = '1.2.840.113549.1.9.14';

interface RawCsr {
  der: Uint8Array;
  subject: Uint8Array;
  spki: Uint8Array;
  extensions: RawExtension[];
  signatureValid: boolean;
  sigAlgOid: string;
}

function readCsr(input: Uint8Array | string): RawCsr {
  const der = firstBlockOf(input, ['csr'], 'certificate signing request (PKCS#10)');
  try {
    const top = readTlv(der, 0);
    const [infoT, algT, sigT] = children(der, top);
    if (!infoT || !algT || !sigT) throw new Error('missing parts');
    const [, subjectT, spkiT, attrsT] = children(der, infoT);
    if (!subjectT || !spkiT) throw new Error('missing subject or key');
    let extensions: RawExtension[] = [];
    for (const attr of attrsT ? children(der, attrsT) : []) {
      const [oidT, valuesT] = children(der, attr);
      if (!oidT || !valuesT || decodeOid(content(der, oidT)) !== EXTENSION_REQUEST) continue;
      const extSeq = children(der, valuesT)[0];
      if (extSeq) extensions = parseExtensions(der, extSeq);
    }
    const [sigAlg, sigParams] = children(der, algT);
    const sigAlgOid = sigAlg ? decodeOid(content(der, sigAlg)) : '';
    const sigAlgParams = sigParams && sigParams.tag === 0x30 ? whole(der, sigParams) : null;
    const spki = whole(der, spkiT);
    const signatureValid = verifySignature(
      whole(der, infoT),
      sigAlgOid,
      content(der, sigT).subarray(1),
      spki,
      sigAlgParams,
    );
    return { der, subject: whole(der, subjectT), spki, extensions, signatureValid, sigAlgOid };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('INVALID_PEM', `not a valid PKCS#10 request: ${(e as Error).message}`);
  }
}

function assertSignature(raw: RawCsr): void {
  if (raw.signatureValid) return;
  if (!isSupportedSignatureOid(raw.sigAlgOid)) {
    throw new AppError(
      'NOT_SUPPORTED',
      `the CSR is signed with an unsupported algorithm (${raw.sigAlgOid}); use ECDSA, RSA PKCS#1 v1.5 or Ed25519`,
    );
  }
  throw new AppError(
    'CSR_SIGNATURE_INVALID',
    "the CSR's signature does not verify with its own public key: it was altered or is corrupt",
  );
}

function sansOf(raw: RawCsr): San[] {
  const ext = raw.extensions.find((e) => e.oid === OID.subjectAltName);
  return ext ? decodeSans(ext.value) : [];
}

function toView(raw: RawCsr): CsrView {
  const key = spkiInfo(raw.spki);
  const publicKey: CsrView['publicKey'] = { algorithm: key.algorithm };
  if (key.size !== undefined) publicKey.size = key.size;
  if (key.curve !== undefined) publicKey.curve = key.curve;
  return {
    subject: formatSubject(raw.subject),
    subjectFields: subjectFieldsOf(raw.subject),
    sans: sansOf(raw),
    publicKey,
    signatureValid: raw.signatureValid,
    extensions: raw.extensions.map(extensionView),
    pem: toPem(raw.der, 'CERTIFICATE REQUEST'),
  };
}

/** Parses and verifies a PKCS#10 CSR (PEM/DER). INVALID_PEM, CSR_SIGNATURE_INVALID. */
export function parseCsr(input: Uint8Array | string): ParsedCsr {
  const raw = readCsr(input);
  assertSignature(raw);
  return {
    der: raw.der,
    spki: raw.spki,
    subjectFields: subjectFieldsOf(raw.subject),
    sans: sansOf(raw),
    keyAlgorithm: keyAlgorithmOfSpki(raw.spki),
    view: toView(raw),
  };
}

/** Inspection view: does not throw on a bad signature (signatureValid: false). */
export function viewCsr(input: Uint8Array | string): CsrView {
  return toView(readCsr(input));
}

/**
 * Signs a CSR under a profile. The CSR's subject (byte for byte) and requested SANs are carried over unless
 * the caller replaces them; requested extensions other than SAN are ignored (the profile decides KU/EKU).
 * `intermediate` signs a sub-CA CSR (e.g. step-ca or Vault as the online CA under an offline root).
 */
export async function signCsr(req: SignCsrRequest, ctx: PkiContext): Promise<IssuedCertificate> {
  const raw = readCsr(req.csr);
  assertSignature(raw);
  if (!keyAlgorithmOfSpki(raw.spki)) {
    throw new AppError(
      'INVALID_KEY',
      `the CSR's key (${keyLabelOfKeyObject(publicKeyObject(raw.spki)).label}) is not supported: use EC P-256/P-384, RSA 2048/3072/4096 or Ed25519`,
    );
  }
  const subjectName = req.subject ? buildName(req.subject) : raw.subject;
  const sans = req.sans ?? sansOf(raw);
  if (req.profile === 'intermediate') return issueIntermediateFor(subjectName, raw.spki, req, ctx);
  return issueLeafWithName(
    {
      issuer: req.issuer,
      profile: req.profile,
      subjectName,
      sans,
      publicKey: raw.spki,
      validity: req.validity,
      keyUsages: req.keyUsages,
      extendedKeyUsages: req.extendedKeyUsages,
      usedSerials: req.usedSerials,
      clampValidity: req.clampValidity,
    },
    ctx,
  );
}
