/**
 * DANGEROUS: reads PKCS#12 (RFC 7292) files — certificates and the private key. Node's crypto cannot read
 * PKCS#12, so the container is walked here; encrypted key bags go through OpenSSL via createPrivateKey.
 * Supported: PBES2/PBKDF2 + AES-CBC (what OpenSSL 3's `pkcs12 -export` writes) and the legacy
 * pbeWithSHAAnd3-KeyTripleDES-CBC and pbeWithSHAAnd40BitRC2-CBC / 128-bit RC2 (OpenSSL 1.x's default for
 * certificate bags, `openssl pkcs12 -legacy`).
 */
import {
  createDecipheriv,
  createHash,
  createHmac,
  createPrivateKey,
  pbkdf2Sync,
  timingSafeEqual,
} from 'node:crypto';
import { AppError } from '../../../../shared/ipc/error-codes';
import { children, content, decodeOid, readTlv, whole, type Tlv } from '../der';
import { DANGEROUS_publicSpkiOfPkcs8, publicKeyObject } from '../keys';
import { readCert } from '../cert-raw';
import type { DangerousPkcs12Contents, DangerousPrivateKey } from '../types';
import { DANGEROUS_fromKeyObject } from './read-private-key';
import { rc2CbcDecrypt } from './rc2';
import { boundedReadIterations } from '../../export/pbes2';

const O = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Cert: '1.2.840.113549.1.9.22.1',
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  pbe3des: '1.2.840.113549.1.12.1.3',
  pbeRc2_40: '1.2.840.113549.1.12.1.6',
  pbeRc2_128: '1.2.840.113549.1.12.1.5',
} as const;

const HASHES: Record<string, { name: string; u: number; v: number }> = {
  '1.3.14.3.2.26': { name: 'sha1', u: 20, v: 64 },
  '2.16.840.1.101.3.4.2.1': { name: 'sha256', u: 32, v: 64 },
  '2.16.840.1.101.3.4.2.2': { name: 'sha384', u: 48, v: 128 },
  '2.16.840.1.101.3.4.2.3': { name: 'sha512', u: 64, v: 128 },
};
const PRFS: Record<string, string> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};
const AES: Record<string, string> = {
  '2.16.840.1.101.3.4.1.2': 'aes-128-cbc',
  '2.16.840.1.101.3.4.1.22': 'aes-192-cbc',
  '2.16.840.1.101.3.4.1.42': 'aes-256-cbc',
  '1.2.840.113549.3.7': 'des-ede3-cbc',
};

const bad = (why: string): AppError => new AppError('INVALID_PEM', `not a valid PKCS#12 file: ${why}`);
const wrongPass = (): AppError =>
  new AppError('KEY_DECRYPT_FAILED', 'could not open the PKCS#12 file: wrong passphrase');

function kids(buf: Uint8Array, t: Tlv | undefined, what: string): Tlv[] {
  if (!t) throw bad(`missing ${what}`);
  return children(buf, t);
}
const oidAt = (buf: Uint8Array, t: Tlv | undefined): string =>
  t && t.tag === 0x06 ? decodeOid(content(buf, t)) : '';
const intAt = (buf: Uint8Array, t: Tlv | undefined): number =>
  t ? Number.parseInt(Buffer.from(content(buf, t)).toString('hex') || '0', 16) : 1;

/** OCTET STRING content, also when BER-constructed into chunks (some writers do this). */
function octetContent(buf: Uint8Array, t: Tlv): Uint8Array {
  if (t.tag === 0x04 || t.tag === 0x80) return content(buf, t);
  if (t.tag === 0x24 || t.tag === 0xa0)
    return Buffer.concat(children(buf, t).map((c) => octetContent(buf, c)));
  throw bad(`unexpected tag 0x${t.tag.toString(16)} for an OCTET STRING`);
}

/** RFC 7292 App. B.2 key derivation (ids: 1 key, 2 IV, 3 MAC key); the password is BMPString + 0x0000. */
export function pkcs12Kdf(
  password: string,
  salt: Uint8Array,
  iterations: number,
  id: number,
  n: number,
  hash: { name: string; u: number; v: number },
): Uint8Array {
  const pw = Buffer.alloc((password.length + 1) * 2);
  for (let i = 0; i < password.length; i++) pw.writeUInt16BE(password.charCodeAt(i), i * 2);
  const { v, u } = hash;
  const fill = (src: Uint8Array): Buffer => {
    const len = src.length === 0 ? 0 : v * Math.ceil(src.length / v);
    const out = Buffer.alloc(len);
    for (let i = 0; i < len; i++) out[i] = src[i % src.length] ?? 0;
    return out;
  };
  const I = Buffer.concat([fill(salt), fill(pw)]);
  const D = Buffer.alloc(v, id);
  const out: Buffer[] = [];
  for (let got = 0; got < n; got += u) {
    let A = createHash(hash.name).update(D).update(I).digest();
    for (let r = 1; r < iterations; r++) A = createHash(hash.name).update(A).digest();
    out.push(A);
    const B = Buffer.alloc(v);
    for (let i = 0; i < v; i++) B[i] = A[i % u] ?? 0;
    for (let j = 0; j < I.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = (I[j + k] ?? 0) + (B[k] ?? 0) + carry;
        I[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return Buffer.concat(out).subarray(0, n);
}

function decrypt(buf: Uint8Array, algT: Tlv, data: Uint8Array, password: string): Uint8Array {
  const [oidT, paramsT] = kids(buf, algT, 'encryption algorithm');
  const alg = oidAt(buf, oidT);
  try {
    if (alg === O.pbes2) {
      const [kdfT, encT] = kids(buf, paramsT, 'PBES2 parameters');
      const [kdfOid, kdfParams] = kids(buf, kdfT, 'key derivation');
      if (oidAt(buf, kdfOid) !== O.pbkdf2)
        throw new AppError('NOT_SUPPORTED', 'PKCS#12 uses a key derivation other than PBKDF2');
      const p = kids(buf, kdfParams, 'PBKDF2 parameters');
      const salt = content(buf, p[0]!);
      const iter = boundedReadIterations(intAt(buf, p[1]), 'The PKCS#12 file');
      const prfT = p.slice(2).find((t) => t.tag === 0x30);
      const prf = prfT ? (PRFS[oidAt(buf, children(buf, prfT)[0])] ?? '') : 'sha1';
      const [cipherOid, ivT] = kids(buf, encT, 'encryption scheme');
      const cipher = AES[oidAt(buf, cipherOid)];
      if (!cipher || !prf || !ivT)
        throw new AppError('NOT_SUPPORTED', 'PKCS#12 uses an unsupported PBES2 cipher or PRF');
      const keyLen = cipher === 'des-ede3-cbc' ? 24 : Number(cipher.split('-')[1]) / 8;
      const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iter, keyLen, prf);
      const d = createDecipheriv(cipher, key, content(buf, ivT));
      return Buffer.concat([d.update(data), d.final()]);
    }
    if (alg === O.pbe3des || alg === O.pbeRc2_40 || alg === O.pbeRc2_128) {
      const p = kids(buf, paramsT, 'PBE parameters');
      const salt = content(buf, p[0]!);
      const iter = boundedReadIterations(intAt(buf, p[1]), 'The PKCS#12 file');
      const sha1 = HASHES['1.3.14.3.2.26']!;
      if (alg !== O.pbe3des) {
        // Node's OpenSSL has no RC2 (legacy provider): decrypt with our RFC 2268 implementation.
        const keyLen = alg === O.pbeRc2_40 ? 5 : 16;
        const key = pkcs12Kdf(password, salt, iter, 1, keyLen, sha1);
        const iv = pkcs12Kdf(password, salt, iter, 2, 8, sha1);
        return rc2CbcDecrypt(key, keyLen * 8, iv, data);
      }
      const key = pkcs12Kdf(password, salt, iter, 1, 24, sha1);
      const iv = pkcs12Kdf(password, salt, iter, 2, 8, sha1);
      const d = createDecipheriv('des-ede3-cbc', key, iv);
      return Buffer.concat([d.update(data), d.final()]);
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw wrongPass();
  }
  throw new AppError('NOT_SUPPORTED', `PKCS#12 encryption ${alg} is not supported`);
}

function verifyMac(buf: Uint8Array, macT: Tlv, authSafe: Uint8Array, password: string): void {
  const [digestInfo, saltT, iterT] = kids(buf, macT, 'MacData');
  const [algT, digestT] = kids(buf, digestInfo, 'DigestInfo');
  const hash = HASHES[oidAt(buf, kids(buf, algT, 'digest algorithm')[0])];
  if (!hash || !digestT || !saltT)
    throw new AppError('NOT_SUPPORTED', 'PKCS#12 MAC uses an unsupported digest (PBMAC1?)');
  const iterations = boundedReadIterations(intAt(buf, iterT), 'The PKCS#12 file');
  const key = pkcs12Kdf(password, content(buf, saltT), iterations, 3, hash.u, hash);
  const mac = createHmac(hash.name, key).update(authSafe).digest();
  const expected = content(buf, digestT);
  if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) throw wrongPass();
}

/** Reads a PKCS#12 file → certificates (DER) and the private key. KEY_DECRYPT_FAILED on a wrong passphrase. */
export function DANGEROUS_readPkcs12(bytes: Uint8Array, passphrase: string): DangerousPkcs12Contents {
  try {
    return readPkcs12(bytes, passphrase);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw bad((e as Error).message);
  }
}

function readPkcs12(bytes: Uint8Array, passphrase: string): DangerousPkcs12Contents {
  const buf = bytes;
  const top = readTlv(buf, 0);
  const [versionT, authSafeT, macT] = kids(buf, top, 'PFX');
  if (versionT?.tag !== 0x02 || buf[versionT.start] !== 3) throw bad('version is not 3');
  const [ctOid, ctWrap] = kids(buf, authSafeT, 'authSafe');
  if (oidAt(buf, ctOid) !== O.data || !ctWrap) throw bad('public-key integrity mode is not supported');
  const authSafe = octetContent(buf, children(buf, ctWrap)[0]!);
  if (macT) verifyMac(buf, macT, authSafe, passphrase);

  const certificates: Uint8Array[] = [];
  let key: DangerousPrivateKey | null = null;
  const readBags = (sc: Uint8Array): void => {
    for (const bag of children(sc, readTlv(sc, 0))) {
      const [idT, valWrap] = children(sc, bag);
      const id = oidAt(sc, idT);
      const val = valWrap ? children(sc, valWrap)[0] : undefined;
      if (!val) continue;
      if (id === O.certBag) {
        const [typeT, certWrap] = children(sc, val);
        if (oidAt(sc, typeT) !== O.x509Cert || !certWrap) continue;
        certificates.push(new Uint8Array(octetContent(sc, children(sc, certWrap)[0]!)));
      } else if ((id === O.shroudedKeyBag || id === O.keyBag) && !key) {
        const der = Buffer.from(whole(sc, val));
        try {
          const ko =
            id === O.keyBag
              ? createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })
              : createPrivateKey({ key: der, format: 'der', type: 'pkcs8', passphrase });
          key = DANGEROUS_fromKeyObject(ko);
        } catch (e) {
          if (e instanceof AppError) throw e;
          throw wrongPass();
        }
      }
    }
  };
  for (const ci of children(authSafe, readTlv(authSafe, 0))) {
    const [oidT, wrap] = children(authSafe, ci);
    const type = oidAt(authSafe, oidT);
    const inner = wrap ? children(authSafe, wrap)[0] : undefined;
    if (!inner) continue;
    if (type === O.data) readBags(new Uint8Array(octetContent(authSafe, inner)));
    else if (type === O.encryptedData) {
      const [, eci] = children(authSafe, inner);
      const [, algT, dataT] = kids(authSafe, eci, 'EncryptedContentInfo');
      if (!algT || !dataT) throw bad('encrypted content missing');
      readBags(new Uint8Array(decrypt(authSafe, algT, octetContent(authSafe, dataT), passphrase)));
    }
  }
  let keyCertificate: Uint8Array | null = null;
  const k = key as DangerousPrivateKey | null;
  if (k) {
    const spki = publicKeyObject(DANGEROUS_publicSpkiOfPkcs8(k.pkcs8)).export({
      format: 'der',
      type: 'spki',
    });
    keyCertificate =
      certificates.find((c) =>
        publicKeyObject(readCert(c).spki).export({ format: 'der', type: 'spki' }).equals(spki),
      ) ?? null;
  }
  return { certificates, key: k, keyCertificate };
}
