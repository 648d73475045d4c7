import { AsnConvert } from '@peculiar/asn1-schema';
import { EncryptedData, EncryptedPrivateKeyInfo } from '@peculiar/asn1-pkcs8';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { describe, expect, it } from 'vitest';
import { OID, Pbes2Params, Pbkdf2Params } from '../export/asn1-params';
import { isAppError } from '../../../shared/ipc/error-codes';
import { DANGEROUS_readSourceKey } from './source-key';

function encryptedKey(iterations: number, kdf: string = OID.pbkdf2): Uint8Array {
  const pbkdf2 = new Pbkdf2Params({ salt: new Uint8Array(16).buffer, iterationCount: iterations });
  const pbes2 = new Pbes2Params({
    keyDerivationFunc: new AlgorithmIdentifier({ algorithm: kdf, parameters: AsnConvert.serialize(pbkdf2) }),
    encryptionScheme: new AlgorithmIdentifier({
      algorithm: OID.aes256Cbc,
      // an OCTET STRING holding a 16-byte IV
      parameters: new Uint8Array([0x04, 0x10, ...new Uint8Array(16)]).buffer,
    }),
  });
  const info = new EncryptedPrivateKeyInfo({
    encryptionAlgorithm: new AlgorithmIdentifier({
      algorithm: OID.pbes2,
      parameters: AsnConvert.serialize(pbes2),
    }),
    encryptedData: new EncryptedData(new Uint8Array(64).buffer),
  });
  return new Uint8Array(AsnConvert.serialize(info));
}

async function codeOf(work: Promise<unknown>): Promise<string | null> {
  try {
    await work;
    return null;
  } catch (e) {
    return isAppError(e) ? `${e.code}: ${e.message}` : String(e);
  }
}

const NO_CERT = new Uint8Array(0);

describe('the work a source key may demand before it is decrypted', () => {
  it("accepts OpenSSL's default 2,048 PBKDF2 iterations (this key then fails to decrypt, which is reported)", async () => {
    const read = DANGEROUS_readSourceKey(encryptedKey(2048), 'pass', NO_CERT, 'private/a.key');
    expect(await codeOf(read)).toBeNull();
    expect(await read).toEqual({ key: null, decryptFailed: true });
  });

  it('refuses 2^31-1 iterations at once, naming the item', async () => {
    const started = Date.now();
    expect(
      await codeOf(DANGEROUS_readSourceKey(encryptedKey(2 ** 31 - 1), 'pass', NO_CERT, 'XCA key "evil"')),
    ).toMatch(
      /^SOURCE_INVALID: XCA key "evil": The private key file asks for 2147483647 key-derivation iterations/,
    );
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses a key derivation other than PBKDF2 (scrypt parameters could demand gigabytes)', async () => {
    expect(
      await codeOf(
        DANGEROUS_readSourceKey(encryptedKey(2048, '1.3.6.1.4.1.11591.4.11'), 'pass', NO_CERT, 'k'),
      ),
    ).toMatch(/^SOURCE_INVALID: k: The private key file uses a key derivation other than PBKDF2/);
  });
});
