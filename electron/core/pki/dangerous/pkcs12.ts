/**
 * DANGEROUS: reads PKCS#12 (RFC 7292) files — certificates and the private key — with the same
 * @peculiar/asn1-pfx structures the writer (core/export/pkcs12.ts) uses and the one PKCS#12 KDF
 * (core/export/pkcs12-kdf.ts). Supported: PBES2/PBKDF2 + AES-CBC or 3DES (what OpenSSL 3's `pkcs12 -export`
 * writes) and the legacy pbeWithSHAAnd3-KeyTripleDES-CBC and pbeWithSHAAnd40BitRC2-CBC / 128-bit RC2
 * (OpenSSL 1.x's default for certificate bags, `openssl pkcs12 -legacy`). Every iteration count is bounded
 * before any derivation runs; the derivations themselves run off the event loop (see pkcs12-kdf.ts).
 */
import { createHmac, createPrivateKey, timingSafeEqual } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import type { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { EncryptedPrivateKeyInfo } from '@peculiar/asn1-pkcs8';
import {
  AuthenticatedSafe,
  CertBag,
  PFX,
  SafeContents,
  id_certBag,
  id_keyBag,
  id_pkcs8ShroudedKeyBag,
  id_x509Certificate,
} from '@peculiar/asn1-pfx';
import { AppError } from '../../../../shared/ipc/error-codes';
import { DANGEROUS_publicSpkiOfPkcs8, publicKeyObject } from '../keys';
import { readCert } from '../cert-raw';
import type { DangerousPkcs12Contents, DangerousPrivateKey } from '../types';
import { DANGEROUS_fromKeyObject } from './read-private-key';
import { berOctets, DANGEROUS_decryptPbe, PbeDecryptFailed } from './pbe-decrypt';
import { CmsEncryptedData, OID } from '../../export/asn1-params';
import { boundedReadIterations } from '../../export/pbes2';
import { deriveOffThread } from '../../export/kdf-thread';
import { bmpPassword, KDF_ID, type Pkcs12Hash } from '../../export/pkcs12-kdf';

const DIGESTS: Record<string, Pkcs12Hash> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

const WHAT = 'The PKCS#12 file';
const bad = (why: string): AppError => new AppError('INVALID_PEM', `not a valid PKCS#12 file: ${why}`);
const wrongPass = (): AppError =>
  new AppError('KEY_DECRYPT_FAILED', 'could not open the PKCS#12 file: wrong passphrase');

function parse<T>(raw: ArrayBuffer | Uint8Array, type: new () => T, what: string): T {
  try {
    return AsnConvert.parse(raw, type);
  } catch {
    throw bad(`its ${what} is malformed`);
  }
}

function octets(raw: ArrayBuffer, what: string): Uint8Array {
  const bytes = berOctets(raw);
  if (!bytes) throw bad(`its ${what} is not an OCTET STRING`);
  return bytes;
}

async function decrypt(alg: AlgorithmIdentifier, data: Uint8Array, password: string): Promise<Uint8Array> {
  try {
    return await DANGEROUS_decryptPbe(alg, data, password, WHAT);
  } catch (e) {
    if (e instanceof PbeDecryptFailed) throw wrongPass();
    throw e;
  }
}

async function verifyMac(pfx: PFX, authSafe: Uint8Array, password: string): Promise<void> {
  const { mac, macSalt, iterations } = pfx.macData;
  const hash = DIGESTS[mac.digestAlgorithm.algorithm];
  if (!hash) throw new AppError('NOT_SUPPORTED', 'PKCS#12 MAC uses an unsupported digest (PBMAC1?)');
  const count = boundedReadIterations(iterations, WHAT);
  const size = { sha1: 20, sha256: 32, sha384: 48, sha512: 64 }[hash];
  const [key] = (await deriveOffThread(
    [
      {
        alg: hash,
        password: bmpPassword(password),
        salt: new Uint8Array(macSalt.buffer),
        id: KDF_ID.mac,
        iterations: count,
        length: size,
      },
    ],
    WHAT,
  )) as [Uint8Array];
  const computed = createHmac(hash, key).update(authSafe).digest();
  const expected = new Uint8Array(mac.digest.buffer);
  if (computed.length !== expected.length || !timingSafeEqual(computed, expected)) throw wrongPass();
}

/**
 * A key bag's PKCS#8, decrypted here (bounded, off the event loop) rather than by OpenSSL, which would run
 * whatever iteration count the file names synchronously.
 */
async function readKey(bagId: string, value: ArrayBuffer, passphrase: string): Promise<DangerousPrivateKey> {
  let pkcs8: Uint8Array;
  if (bagId === id_keyBag) pkcs8 = new Uint8Array(value);
  else {
    const info = parse(value, EncryptedPrivateKeyInfo, 'encrypted key bag');
    pkcs8 = await decrypt(info.encryptionAlgorithm, new Uint8Array(info.encryptedData.buffer), passphrase);
  }
  try {
    return DANGEROUS_fromKeyObject(
      createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' }),
    );
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw wrongPass();
  } finally {
    if (bagId !== id_keyBag) pkcs8.fill(0);
  }
}

/** Reads a PKCS#12 file → certificates (DER) and the private key. KEY_DECRYPT_FAILED on a wrong passphrase. */
export async function DANGEROUS_readPkcs12(
  bytes: Uint8Array,
  passphrase: string,
): Promise<DangerousPkcs12Contents> {
  try {
    return await readPkcs12(bytes, passphrase);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw bad((e as Error).message);
  }
}

async function readPkcs12(bytes: Uint8Array, passphrase: string): Promise<DangerousPkcs12Contents> {
  const pfx = parse(bytes, PFX, 'outer structure');
  if (pfx.version !== 3) throw bad('version is not 3');
  if (pfx.authSafe.contentType !== OID.data) throw bad('public-key integrity mode is not supported');
  const authSafe = octets(pfx.authSafe.content, 'authenticated safe');
  if (pfx.macData) await verifyMac(pfx, authSafe, passphrase);

  const certificates: Uint8Array[] = [];
  let key: DangerousPrivateKey | null = null;
  const readBags = async (contents: Uint8Array): Promise<void> => {
    for (const bag of parse(contents, SafeContents, 'safe contents')) {
      if (bag.bagId === id_certBag) {
        const cert = parse(bag.bagValue, CertBag, 'certificate bag');
        if (cert.certId === id_x509Certificate) certificates.push(octets(cert.certValue, 'certificate'));
      } else if ((bag.bagId === id_pkcs8ShroudedKeyBag || bag.bagId === id_keyBag) && !key) {
        key = await readKey(bag.bagId, bag.bagValue, passphrase);
      }
    }
  };
  for (const info of parse(authSafe, AuthenticatedSafe, 'authenticated safe')) {
    if (info.contentType === OID.data) await readBags(octets(info.content, 'safe'));
    else if (info.contentType === OID.encryptedData) {
      const { encryptedContentInfo: eci } = parse(info.content, CmsEncryptedData, 'encrypted safe');
      const content = eci.encryptedContent;
      const data = content?.value
        ? new Uint8Array(content.value.buffer)
        : content?.constructedValue
          ? Buffer.concat(content.constructedValue.map((c) => new Uint8Array(c.buffer)))
          : null;
      if (!data) throw bad('encrypted content missing');
      await readBags(await decrypt(eci.contentEncryptionAlgorithm, data, passphrase));
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
