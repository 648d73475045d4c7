/**
 * CertDesk PKI engine — public entry point (plain Node; never imports 'electron').
 *
 * Conventions:
 * - Byte arrays are DER. PEM-or-DER inputs accept `string | Uint8Array`.
 * - Every builder takes the issuer's certificate DER + non-extractable signing CryptoKey, and a `PkiContext`
 *   ({ now, crypto }): nothing here reads the clock.
 * - Expected failures throw `AppError` (shared/ipc/error-codes.ts) with a message naming the entry and rule.
 * - Only `DANGEROUS_*` names expose raw private key bytes (PKCS#8 DER), for the vault to encrypt.
 *
 * SAN parsing/validation lives in shared/domain/san.ts (re-exported here for convenience).
 */
import 'reflect-metadata';

export type * from './types';

// Keys
export {
  generateKeyPair,
  importSigningKey,
  importPublicKey,
  keysMatch,
  keyAlgorithmOfSpki,
  keyAlgorithmOfCert,
  spkiOf,
  spkiOfCert,
} from './keys';
export { DANGEROUS_readPrivateKeyFile } from './dangerous/read-private-key';
export { DANGEROUS_readPkcs12 } from './dangerous/pkcs12';
export { defaultCryptoProvider } from './crypto-provider';
export { bytesEqual } from './der';

// Profiles (data)
export { PROFILE_DEFS, KEY_USAGE_NAMES, EKU_NAMES, profileDef } from './profiles';
export type { ProfileDef, KeyUsageName } from './profiles';

// Building
export { createRootCa, createIntermediateCa, checkCaImport } from './ca';
export { issueLeaf, renewalPlan, renewCertificate } from './issue';
export { parseCsr, viewCsr, signCsr } from './csr';
export { createCrl, viewCrl } from './crl';
export { generateSerial, normalizeSerial } from './serial';
export { resolveValidity, BACKDATE_MS } from './validity';
export type { ResolvedValidity } from './validity';

// Verification, lint, openssl
export {
  buildPath,
  issuedByCa,
  isSelfSigned,
  namesAsIssuer,
  sameKeyAndName,
  revocationsAlong,
  signerVerifiedSoFar,
  validatePath,
  verdictInputsDigest,
  verifiedSigner,
} from './path-validator';
export { checkNameConstraints, constrainedNames, dnsLikeCommonName } from './name-constraints';
export { serialValue } from './serial';
export { lintCertificate } from './lint';
export { opensslCommandsFor } from './openssl-commands';

// Parsing / inspection
export { viewCertificate, summarizeCertificate } from './view';
export { parsePemBundle, toPem, certificateDerFrom } from './pem';
export { formatSubject, subjectFieldsOf } from './names';
export { spkiInfo } from './spki-info';
export type { SpkiInfo } from './spki-info';

// Shared SAN rules
export {
  validateSan,
  validateSans,
  parseOpensslSan,
  parseSanLines,
  assertValidSans,
} from '../../../shared/domain/san';
