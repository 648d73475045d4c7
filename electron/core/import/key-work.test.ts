import { AsnConvert } from '@peculiar/asn1-schema';
import { EncryptedData, EncryptedPrivateKeyInfo } from '@peculiar/asn1-pkcs8';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { describe, expect, it } from 'vitest';
import { OID, Pbes2Params, Pbkdf2Params } from '../export/asn1-params';
import { isAppError } from '../../../shared/ipc/error-codes';
import { checkKeyEncryptionWork } from './key-work';

function encryptedKey(iterations: number, kdf: string = OID.pbkdf2): Uint8Array {
  const pbkdf2 = new Pbkdf2Params({ salt: new Uint8Array(16).buffer, iterationCount: iterations });
  const pbes2 = new Pbes2Params({
    keyDerivationFunc: new AlgorithmIdentifier({ algorithm: kdf, parameters: AsnConvert.serialize(pbkdf2) }),
    encryptionScheme: new AlgorithmIdentifier({
      algorithm: OID.aes256Cbc,
      parameters: new Uint8Array(18).buffer,
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

function codeOf(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    return isAppError(e) ? `${e.code}: ${e.message}` : String(e);
  }
}

describe('the work a source key may demand before it is decrypted', () => {
  it("accepts OpenSSL's default 2,048 PBKDF2 iterations", () => {
    expect(codeOf(() => checkKeyEncryptionWork(encryptedKey(2048), 'private/a.key'))).toBeNull();
  });

  it('refuses 2^31-1 iterations at once, naming the item', () => {
    expect(codeOf(() => checkKeyEncryptionWork(encryptedKey(2 ** 31 - 1), 'XCA key "evil"'))).toMatch(
      /^SOURCE_INVALID: XCA key "evil": the key's encryption asks for 2147483647 PBKDF2 iterations/,
    );
  });

  it('refuses a key derivation other than PBKDF2 (scrypt parameters could demand gigabytes)', () => {
    expect(codeOf(() => checkKeyEncryptionWork(encryptedKey(2048, '1.3.6.1.4.1.11591.4.11'), 'k'))).toMatch(
      /SOURCE_INVALID: k: key derivation 1\.3\.6\.1\.4\.1\.11591\.4\.11 is not supported/,
    );
  });
});
