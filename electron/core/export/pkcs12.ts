/**
 * PKCS#12 (RFC 7292) writer.
 *  - modern: key bag PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC), certificate safe PBES2 AES-256-CBC, MAC
 *    HMAC-SHA256 keyed by the SHA-256 PKCS#12 KDF — what OpenSSL 3 writes by default; Java ≥ 11.0.12/17
 *    read it.
 *  - legacy: key bag and certificate safe pbeWithSHAAnd3-KeyTripleDES-CBC, MAC HMAC-SHA1 — for old Java 8
 *    and Windows. The traditional 40-bit RC2 for the certificate safe is NOT used: Node's OpenSSL 3 only
 *    has RC2 in the legacy provider, which Node does not load ("digital envelope routines::unsupported"),
 *    and 3DES is what `openssl pkcs12 -export -legacy -descert` writes and every reader that knows RC2
 *    also knows. A side benefit: OpenSSL 3 reads the result without `-legacy`.
 */
import { createHmac, hash } from 'node:crypto';
import { OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { readCert } from '../pki/cert-raw';
import { ContentInfo, EncryptedContent, EncryptedContentInfo } from '@peculiar/asn1-cms';
import { EncryptedData, EncryptedPrivateKeyInfo } from '@peculiar/asn1-pkcs8';
import { DigestInfo } from '@peculiar/asn1-rsa';
import {
  AuthenticatedSafe,
  CertBag,
  MacData,
  PFX,
  PKCS12Attribute,
  SafeBag,
  SafeContents,
  id_certBag,
  id_pkcs8ShroudedKeyBag,
  id_x509Certificate,
} from '@peculiar/asn1-pfx';
import { AppError } from '../../../shared/ipc/error-codes';
import type { DerivedKeyCache } from './key-cache';
import { CmsEncryptedData, DER_NULL, OID, Pkcs12PbeParams, der, toArrayBuffer } from './asn1-params';
import { DANGEROUS_encryptedPkcs8Der, assertPkcs8 } from './encrypted-pkcs8';
import {
  DANGEROUS_pbes2Encrypt,
  MIN_PBKDF2_ITERATIONS,
  checkIterations,
  checkPassphrase,
  defaultRandom,
  type RandomSource,
  type Pbes2Options,
} from './pbes2';
import { DANGEROUS_pbeSha1TripleDesEncrypt, KDF_ID, bmpPassword, pkcs12Kdf } from './pkcs12-kdf';

export type Pkcs12Mode = 'modern' | 'legacy';

export interface Pkcs12Input {
  /** Unencrypted PKCS#8 DER of the leaf's private key. */
  keyPkcs8: Uint8Array;
  certDer: Uint8Array;
  /** Intermediates then root, as DER; may be empty. */
  chainDers: Uint8Array[];
  /** Alias shown by keytool and Windows (bag attribute friendlyName). */
  friendlyName: string;
  passphrase: string;
  mode: Pkcs12Mode;
  /** Iterations for every passphrase derivation (PBKDF2, PKCS#12 KDF for MAC/PBE). Default 600000, never lower. */
  iterations?: number;
  /** Default: node:crypto randomBytes. */
  random?: RandomSource;
  /** Modern mode only: share derivations across one export's files (see key-cache.ts). Default: none. */
  keyCache?: DerivedKeyCache;
}

function tlv(tag: number, content: Uint8Array): ArrayBuffer {
  const len = content.length;
  const lenBytes = len < 0x80 ? [len] : len < 0x100 ? [0x81, len] : [0x82, len >> 8, len & 0xff];
  return toArrayBuffer(new Uint8Array([tag, ...lenBytes, ...content]));
}

function bmpString(text: string): ArrayBuffer {
  return tlv(0x1e, bmpPassword(text).subarray(0, text.length * 2));
}

function attribute(attrId: string, value: ArrayBuffer): PKCS12Attribute {
  // Assigned field by field: @peculiar/asn1-pfx 2.11's constructor drops its params (`Object.assign(params)`).
  const a = new PKCS12Attribute();
  a.attrId = attrId;
  a.attrValues = [value];
  return a;
}

function bagAttributes(friendlyName: string, localKeyId: Uint8Array): PKCS12Attribute[] {
  return [
    attribute(OID.friendlyName, bmpString(friendlyName)),
    attribute(OID.localKeyId, tlv(0x04, localKeyId)),
  ];
}

function dataContentInfo(content: Uint8Array): ContentInfo {
  return new ContentInfo({ contentType: OID.data, content: toArrayBuffer(der(new OctetString(content))) });
}

function pkcs12PbeAlgorithm(salt: Uint8Array, iterations: number): AlgorithmIdentifier {
  return new AlgorithmIdentifier({
    algorithm: OID.pbeWithSHAAnd3KeyTripleDESCBC,
    parameters: toArrayBuffer(der(new Pkcs12PbeParams({ salt: toArrayBuffer(salt), iterations }))),
  });
}

function pbesOptions(input: Pkcs12Input, iterations: number, random: RandomSource): Pbes2Options {
  return { iterations, random, ...(input.keyCache ? { keyCache: input.keyCache } : {}) };
}

async function encryptBlob(
  plain: Uint8Array,
  input: Pkcs12Input,
  iterations: number,
  random: RandomSource,
): Promise<{ algorithm: AlgorithmIdentifier; ciphertext: Uint8Array }> {
  if (input.mode === 'modern')
    return DANGEROUS_pbes2Encrypt(plain, input.passphrase, pbesOptions(input, iterations, random));
  const salt = random(16);
  return {
    algorithm: pkcs12PbeAlgorithm(salt, iterations),
    ciphertext: DANGEROUS_pbeSha1TripleDesEncrypt(plain, input.passphrase, salt, iterations),
  };
}

function assertCertificate(bytes: Uint8Array, what: string): void {
  try {
    readCert(bytes);
  } catch {
    throw new AppError('INVALID_PEM', `PKCS#12: ${what} is not a DER X.509 certificate`);
  }
}

/** Builds a password-protected .p12 holding the key, its certificate and the chain. */
export async function DANGEROUS_buildPkcs12(input: Pkcs12Input): Promise<Uint8Array> {
  if (input.mode !== 'modern' && input.mode !== 'legacy')
    throw new AppError('INVALID_INPUT', `PKCS#12: unknown mode "${String(input.mode)}"`);
  checkPassphrase(input.passphrase, 'PKCS#12');
  assertPkcs8(input.keyPkcs8, 'PKCS#12');
  assertCertificate(input.certDer, 'the leaf certificate');
  input.chainDers.forEach((c, i) => assertCertificate(c, `chain certificate #${i + 1}`));
  const iterations = checkIterations(input.iterations ?? MIN_PBKDF2_ITERATIONS, 'PKCS#12');
  const random = input.random ?? defaultRandom;
  // Same localKeyId convention as OpenSSL (SHA-1 of the certificate): keytool pairs key and certificate by it.
  const localKeyId = new Uint8Array(hash('sha1', input.certDer, 'buffer'));
  const attrs = bagAttributes(input.friendlyName, localKeyId);

  const certBags = [input.certDer, ...input.chainDers].map(
    (certDer, i) =>
      new SafeBag({
        bagId: id_certBag,
        bagValue: toArrayBuffer(
          der(
            new CertBag({
              certId: id_x509Certificate,
              certValue: toArrayBuffer(der(new OctetString(certDer))),
            }),
          ),
        ),
        ...(i === 0 ? { bagAttributes: attrs } : {}),
      }),
  );
  const certSafe = await encryptBlob(der(new SafeContents(certBags)), input, iterations, random);
  const encryptedCerts = new CmsEncryptedData({
    version: 0,
    encryptedContentInfo: new EncryptedContentInfo({
      contentType: OID.data,
      contentEncryptionAlgorithm: certSafe.algorithm,
      encryptedContent: new EncryptedContent({ value: new OctetString(certSafe.ciphertext) }),
    }),
  });

  let shrouded: Uint8Array;
  if (input.mode === 'modern') {
    shrouded = await DANGEROUS_encryptedPkcs8Der(
      input.keyPkcs8,
      input.passphrase,
      pbesOptions(input, iterations, random),
    );
  } else {
    const enc = await encryptBlob(input.keyPkcs8, input, iterations, random);
    shrouded = der(
      new EncryptedPrivateKeyInfo({
        encryptionAlgorithm: enc.algorithm,
        encryptedData: new EncryptedData(toArrayBuffer(enc.ciphertext)),
      }),
    );
  }
  const keySafe = new SafeContents([
    new SafeBag({ bagId: id_pkcs8ShroudedKeyBag, bagValue: toArrayBuffer(shrouded), bagAttributes: attrs }),
  ]);

  const authSafe = der(
    new AuthenticatedSafe([
      new ContentInfo({ contentType: OID.encryptedData, content: toArrayBuffer(der(encryptedCerts)) }),
      dataContentInfo(der(keySafe)),
    ]),
  );

  const macHash = input.mode === 'modern' ? 'sha256' : 'sha1';
  const macLen = macHash === 'sha256' ? 32 : 20;
  const cache = input.mode === 'modern' ? input.keyCache : undefined;
  const shared = cache?.DANGEROUS_macKey(macHash, input.passphrase, iterations, random);
  const macSalt = shared ? shared.salt : random(16);
  const macKey = shared
    ? await shared.key
    : pkcs12Kdf(macHash, bmpPassword(input.passphrase), macSalt, KDF_ID.mac, iterations, macLen);
  const mac = createHmac(macHash, macKey).update(authSafe).digest();
  if (!shared) macKey.fill(0); // a cached key is zeroed by the cache's owner

  const pfx = new PFX({
    version: 3,
    authSafe: dataContentInfo(authSafe),
    macData: new MacData({
      mac: new DigestInfo({
        digestAlgorithm: new AlgorithmIdentifier({
          algorithm: macHash === 'sha256' ? OID.sha256 : OID.sha1,
          parameters: DER_NULL,
        }),
        digest: new OctetString(mac),
      }),
      macSalt: new OctetString(macSalt),
      iterations,
    }),
  });
  return der(pfx);
}
