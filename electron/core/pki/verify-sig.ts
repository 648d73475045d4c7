/** Signature verification of signed structures (certificates, CSRs, CRLs) with Node's crypto. */
import { constants, verify, type KeyObject } from 'node:crypto';
import { children, content, decodeOid, readTlv } from './der';
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
const RSASSA_PSS = '1.2.840.113549.1.1.10';
const HASH_OIDS: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** RFC 4055 RSASSA-PSS-params; defaults SHA-1 / MGF1-SHA-1 / salt 20. MGF1 must use the same hash (Node's rule). */
function pssParams(params: Uint8Array | null): { hash: string; saltLength: number } | null {
  let hash = 'sha1';
  let mgfHash = 'sha1';
  let saltLength = 20;
  if (params && params.length > 0) {
    const top = readTlv(params, 0);
    for (const t of children(params, top)) {
      const inner = children(params, t)[0];
      if (!inner) continue;
      if (t.tag === 0xa0) hash = HASH_OIDS[decodeOid(content(params, children(params, inner)[0]!))] ?? '';
      if (t.tag === 0xa1) {
        const mgfParams = children(params, inner)[1];
        const h = mgfParams ? children(params, mgfParams)[0] : undefined;
        mgfHash = h ? (HASH_OIDS[decodeOid(content(params, h))] ?? '') : '';
      }
      if (t.tag === 0xa2)
        saltLength = Number.parseInt(Buffer.from(content(params, inner)).toString('hex') || '0', 16);
    }
  }
  return hash && hash === mgfHash ? { hash, saltLength } : null;
}

/**
 * Signers' public keys as OpenSSL keys, by SPKI bytes: building one costs more than an ECDSA verification, and
 * a list re-checks thousands of certificates against the same few CA keys. Keyed by content, so a reused or
 * changed buffer can never pick up another key; bounded, because self-signed certificates each bring their own.
 * Least recently used goes first (a hit moves the key to the back), so the few CA keys every list re-checks stay
 * while a stream of self-signed certificates passes through.
 */
const signerKeys = new Map<string, KeyObject>();
const SIGNER_KEYS_KEPT = 64;

function signerKey(spki: Uint8Array): KeyObject {
  const id = Buffer.from(spki.buffer, spki.byteOffset, spki.byteLength).toString('latin1');
  let key = signerKeys.get(id);
  if (key)
    signerKeys.delete(id); // re-set below: a Map iterates in insertion order, oldest use first
  else {
    key = publicKeyObject(spki);
    if (signerKeys.size >= SIGNER_KEYS_KEPT) signerKeys.delete(signerKeys.keys().next().value!);
  }
  signerKeys.set(id, key);
  return key;
}

function isSupportedSignatureOid(oid: string): boolean {
  return oid in HASH_BY_SIG_OID || oid === RSASSA_PSS;
}

/** false for a wrong signature, a mismatched key type or an unsupported algorithm (e.g. DSA, PSS with odd MGF). */
export function verifySignature(
  tbs: Uint8Array,
  sigAlgOid: string,
  signature: Uint8Array,
  signerSpki: Uint8Array,
  /** AlgorithmIdentifier parameters (DER), needed for RSASSA-PSS */
  sigAlgParams: Uint8Array | null = null,
): boolean {
  if (!isSupportedSignatureOid(sigAlgOid)) return false;
  try {
    if (sigAlgOid === RSASSA_PSS) {
      const p = pssParams(sigAlgParams);
      if (!p) return false;
      const key = {
        key: signerKey(signerSpki),
        padding: constants.RSA_PKCS1_PSS_PADDING,
        saltLength: p.saltLength,
      };
      return verify(p.hash, tbs, key, signature);
    }
    return verify(HASH_BY_SIG_OID[sigAlgOid] ?? null, tbs, signerKey(signerSpki), signature);
  } catch {
    return false;
  }
}
