/** Signature verification of signed structures (certificates, CSRs, CRLs) with Node's crypto. */
import { verify } from 'node:crypto';
import { publicKeyObject } from './keys';

const HASH_BY_SIG_OID: Record<string, string | null> = {
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.10045.4.1': 'sha1',
  '1.3.101.112': null,
};

export function isSupportedSignatureOid(oid: string): boolean {
  return oid in HASH_BY_SIG_OID;
}

/** false for a wrong signature, a mismatched key type or an unsupported algorithm (e.g. RSA-PSS). */
export function verifySignature(
  tbs: Uint8Array,
  sigAlgOid: string,
  signature: Uint8Array,
  signerSpki: Uint8Array,
): boolean {
  if (!isSupportedSignatureOid(sigAlgOid)) return false;
  try {
    return verify(HASH_BY_SIG_OID[sigAlgOid] ?? null, tbs, publicKeyObject(signerSpki), signature);
  } catch {
    return false;
  }
}
