/**
 * ASN.1 structures the @peculiar packages do not ship: PBES2/PBKDF2 parameters (RFC 8018 §A.2, §A.4),
 * PKCS#12 PBE parameters (RFC 7292 App. C) and CMS EncryptedData (RFC 5652 §8, used by PKCS#12 for the
 * certificate safe).
 */
import { AsnProp, AsnPropTypes, AsnSerializer } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { EncryptedContentInfo } from '@peculiar/asn1-cms';

export const OID = {
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  hmacWithSHA256: '1.2.840.113549.2.9',
  aes256Cbc: '2.16.840.1.101.3.4.1.42',
  pbeWithSHAAnd3KeyTripleDESCBC: '1.2.840.113549.1.12.1.3',
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  friendlyName: '1.2.840.113549.1.9.20',
  localKeyId: '1.2.840.113549.1.9.21',
} as const;

/** DER NULL: OpenSSL writes explicit NULL parameters for hmacWithSHA256 and the MAC digest algorithm. */
export const DER_NULL = new Uint8Array([0x05, 0x00]).buffer;

export class Pbkdf2Params {
  salt: ArrayBuffer = new ArrayBuffer(0);

  iterationCount = 0;
  keyLength?: number;
  prf?: AlgorithmIdentifier;

  constructor(params: Partial<Pbkdf2Params> = {}) {
    Object.assign(this, params);
  }
}

export class Pbes2Params {
  keyDerivationFunc = new AlgorithmIdentifier();

  encryptionScheme = new AlgorithmIdentifier();

  constructor(params: Partial<Pbes2Params> = {}) {
    Object.assign(this, params);
  }
}

export class Pkcs12PbeParams {
  salt: ArrayBuffer = new ArrayBuffer(0);

  iterations = 0;

  constructor(params: Partial<Pkcs12PbeParams> = {}) {
    Object.assign(this, params);
  }
}

export class CmsEncryptedData {
  version = 0;

  encryptedContentInfo = new EncryptedContentInfo();

  constructor(params: Partial<CmsEncryptedData> = {}) {
    Object.assign(this, params);
  }
}

/*
 * The schema is attached by calling the decorator factories directly (legacy-decorator calling convention)
 * instead of `@AsnProp` syntax: that works whatever decorator mode a tool picks (tsx outside the repo,
 * vitest, esbuild), where decorator syntax silently depends on finding our tsconfig.
 */
AsnProp({ type: AsnPropTypes.OctetString })(Pbkdf2Params.prototype, 'salt');
AsnProp({ type: AsnPropTypes.Integer })(Pbkdf2Params.prototype, 'iterationCount');
AsnProp({ type: AsnPropTypes.Integer, optional: true })(Pbkdf2Params.prototype, 'keyLength');
AsnProp({ type: AlgorithmIdentifier, optional: true })(Pbkdf2Params.prototype, 'prf');
AsnProp({ type: AlgorithmIdentifier })(Pbes2Params.prototype, 'keyDerivationFunc');
AsnProp({ type: AlgorithmIdentifier })(Pbes2Params.prototype, 'encryptionScheme');
AsnProp({ type: AsnPropTypes.OctetString })(Pkcs12PbeParams.prototype, 'salt');
AsnProp({ type: AsnPropTypes.Integer })(Pkcs12PbeParams.prototype, 'iterations');
AsnProp({ type: AsnPropTypes.Integer })(CmsEncryptedData.prototype, 'version');
AsnProp({ type: EncryptedContentInfo })(CmsEncryptedData.prototype, 'encryptedContentInfo');

export function der(value: object): Uint8Array {
  return new Uint8Array(AsnSerializer.serialize(value));
}

/** A standalone copy: asn1 fields want an ArrayBuffer of exactly the bytes, not a view into a pool. */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}
