/**
 * The constant parts of every leaf a CA issues in one batch, encoded once: the issuer Name (the CA
 * certificate's subject BYTES — Go compares names byte for byte), the AKI extension (the CA's SKI), the
 * signature AlgorithmIdentifier, and per profile the BasicConstraints/KeyUsage/EKU extensions. They are
 * produced with the engine's own encoders (extensions.ts, sign.ts) so the batch path cannot drift from
 * issueLeaf's structure; only the variable parts are written per certificate (leaf-encoder.ts).
 */
import type { KeyAlgorithm } from '../../../../shared/domain/types';
import { AppError } from '../../../../shared/ipc/error-codes';
import { readCert } from '../cert-raw';
import { hex } from '../der';
import { decodeBasicConstraints, decodeKeyUsage, decodeSki } from '../ext-decode';
import {
  authorityKeyIdentifier,
  basicConstraints,
  ekuOids,
  extKeyUsage,
  extension,
  keyIdentifierOf,
  keyUsage,
  OID,
} from '../extensions';
import { keyAlgorithmOfCryptoKey } from '../keys';
import { formatSubject } from '../names';
import { keyUsagesFor, profileDef } from '../profiles';
import { signatureAlgorithmId } from '../sign';
import type { PkiCryptoKey } from '../types';

export const FAST_PROFILES = ['server', 'client', 'service'] as const;
export type FastProfile = (typeof FAST_PROFILES)[number];

export interface LeafTemplate {
  issuerDer: Uint8Array;
  /** the CA certificate's encoded subject, copied verbatim into every leaf's issuer field */
  issuerName: Uint8Array;
  /** display form of the issuer, as summarizeCertificate would print it */
  issuerText: string;
  issuerNotBefore: Date;
  issuerNotAfter: Date;
  signingKey: PkiCryptoKey;
  signingAlg: KeyAlgorithm;
  /** node:crypto digest for crypto.sign (null for Ed25519) */
  signHash: string | null;
  /** AlgorithmIdentifier DER, written in the TBS and again in the Certificate */
  sigAlgId: Uint8Array;
  /** [0] EXPLICIT INTEGER 2 */
  version: Uint8Array;
  /** false when the CA carries no NameConstraints: the per-row check (which re-reads the CA) is skipped */
  hasNameConstraints: boolean;
  /** the complete AKI Extension DER */
  akiExt: Uint8Array;
  akiHex: string;
  /** BasicConstraints + KeyUsage + EKU extensions, concatenated, per profile and subject key kind */
  profileExts(profile: FastProfile, rsaSubject: boolean): Uint8Array;
}

function signHashFor(alg: KeyAlgorithm): string | null {
  if (alg === 'ed25519') return null;
  return alg === 'ec-p384' ? 'sha384' : 'sha256';
}

/**
 * Reads the CA once and encodes everything constant. NOT_A_CA when the certificate cannot sign leaves —
 * the same refusal as the engine's issueCertificate, so a batch never signs what a single issuance would not.
 */
export function createLeafTemplate(issuerDer: Uint8Array, signingKey: PkiCryptoKey): LeafTemplate {
  const raw = readCert(issuerDer);
  const bcExt = raw.extensions.find((e) => e.oid === OID.basicConstraints);
  if (!bcExt || !decodeBasicConstraints(bcExt.value).ca) {
    throw new AppError('NOT_A_CA', 'the issuer certificate is not a CA (BasicConstraints cA is not true)');
  }
  const kuExt = raw.extensions.find((e) => e.oid === OID.keyUsage);
  if (kuExt && !decodeKeyUsage(kuExt.value).includes('keyCertSign')) {
    throw new AppError('NOT_A_CA', "the issuer certificate's KeyUsage does not allow keyCertSign");
  }
  const skiExt = raw.extensions.find((e) => e.oid === OID.subjectKeyIdentifier);
  // AKI = issuer's SKI bytes (pitfalls.md); a CA without SKI gets the RFC 5280 method-1 key id, like the engine.
  const keyId = skiExt ? decodeSki(skiExt.value) : keyIdentifierOf(raw.spki);
  const signingAlg = keyAlgorithmOfCryptoKey(signingKey);
  const cache = new Map<string, Uint8Array>();
  const profileExts = (profile: FastProfile, rsaSubject: boolean): Uint8Array => {
    const k = `${profile}:${rsaSubject}`;
    let v = cache.get(k);
    if (!v) {
      const def = profileDef(profile);
      v = Buffer.concat([
        extension(OID.basicConstraints, true, basicConstraints(false, null)),
        extension(OID.keyUsage, true, keyUsage(keyUsagesFor(def, rsaSubject))),
        extension(OID.extKeyUsage, false, extKeyUsage(ekuOids(def.extendedKeyUsages))),
      ]);
      cache.set(k, v);
    }
    return v;
  };
  return {
    issuerDer,
    issuerName: raw.subject,
    issuerText: formatSubject(raw.subject),
    issuerNotBefore: raw.notBefore,
    issuerNotAfter: raw.notAfter,
    signingKey,
    signingAlg,
    signHash: signHashFor(signingAlg),
    sigAlgId: signatureAlgorithmId(signingAlg),
    version: Uint8Array.of(0xa0, 0x03, 0x02, 0x01, 0x02),
    hasNameConstraints: raw.extensions.some((e) => e.oid === OID.nameConstraints),
    akiExt: extension(OID.authorityKeyIdentifier, false, authorityKeyIdentifier(keyId)),
    akiHex: hex(keyId),
    profileExts,
  };
}
