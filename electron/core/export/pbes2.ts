/**
 * PBES2 (RFC 8018 §6.2) with PBKDF2-HMAC-SHA256 and AES-256-CBC: the scheme OpenSSL 3 and Java 17 read
 * for both encrypted PKCS#8 files and PKCS#12 bags.
 */
import { createCipheriv, pbkdf2, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { DER_NULL, OID, Pbes2Params, Pbkdf2Params, der, toArrayBuffer } from './asn1-params';
import { AppError } from '../../../shared/ipc/error-codes';
import type { DerivedKeyCache } from './key-cache';

const pbkdf2Async = promisify(pbkdf2);

/** OWASP Password Storage Cheat Sheet (2023+): PBKDF2-HMAC-SHA256 needs at least 600,000 iterations. */
export const MIN_PBKDF2_ITERATIONS = 600_000;
/** Bounds the work a caller can request so a typo cannot hang the app for minutes. */
export const MAX_PBKDF2_ITERATIONS = 10_000_000;
/**
 * The most key-derivation iterations CertDesk spends on a file it reads (PKCS#12 MAC and encryption). Real
 * files use 2,048 (OpenSSL, keytool) to 600,000 (CertDesk's own exports, above); a hostile file asking for
 * 2^31-1 would otherwise hold the main process for hours. Checked before any derivation starts.
 */
export const MAX_READ_ITERATIONS = 1_000_000;

/** The iteration count read from a file, refused above MAX_READ_ITERATIONS before any work is done. */
export function boundedReadIterations(iterations: number, what: string): number {
  if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > MAX_READ_ITERATIONS) {
    throw new AppError(
      'INVALID_INPUT',
      `${what} asks for ${iterations} key-derivation iterations; CertDesk reads at most ${MAX_READ_ITERATIONS} (its own exports use ${MIN_PBKDF2_ITERATIONS}): refused as damaged or hostile`,
    );
  }
  return iterations;
}

export type RandomSource = (bytes: number) => Uint8Array;
export const defaultRandom: RandomSource = (n) => new Uint8Array(randomBytes(n));

export interface Pbes2Options {
  /** PBKDF2 iteration count. Default 600000; lower values are refused. */
  iterations?: number;
  /** Source of the salt and IV. Default: node:crypto randomBytes. */
  random?: RandomSource;
  /** Share one salt and derived key across the files of one export (see key-cache.ts). Default: none, fresh salt. */
  keyCache?: DerivedKeyCache;
}

export interface Pbes2Output {
  algorithm: AlgorithmIdentifier;
  ciphertext: Uint8Array;
}

export function checkIterations(iterations: number, what: string): number {
  if (
    !Number.isSafeInteger(iterations) ||
    iterations < MIN_PBKDF2_ITERATIONS ||
    iterations > MAX_PBKDF2_ITERATIONS
  ) {
    throw new AppError(
      'INVALID_INPUT',
      `${what}: iteration count ${iterations} is outside ${MIN_PBKDF2_ITERATIONS}..${MAX_PBKDF2_ITERATIONS} (OWASP minimum for PBKDF2-SHA256 is ${MIN_PBKDF2_ITERATIONS})`,
    );
  }
  return iterations;
}

export function checkPassphrase(passphrase: string, what: string): void {
  if (passphrase.length === 0) throw new AppError('INVALID_INPUT', `${what}: the passphrase is empty`);
}

/**
 * Encrypts `plaintext` with a key derived from the UTF-8 passphrase (OpenSSL and Java both feed PBKDF2 the
 * UTF-8 bytes, also inside PKCS#12). Salt 16 bytes (NIST SP 800-132 asks for ≥ 128 bits), fresh IV.
 */
export async function DANGEROUS_pbes2Encrypt(
  plaintext: Uint8Array,
  passphrase: string,
  opts: Pbes2Options = {},
): Promise<Pbes2Output> {
  const iterations = checkIterations(opts.iterations ?? MIN_PBKDF2_ITERATIONS, 'PBES2');
  const random = opts.random ?? defaultRandom;
  let salt: Uint8Array;
  let key: Buffer;
  if (opts.keyCache) {
    const shared = opts.keyCache.DANGEROUS_pbkdf2(passphrase, iterations, random);
    salt = shared.salt;
    key = await shared.key;
  } else {
    salt = random(16);
    key = await pbkdf2Async(Buffer.from(passphrase, 'utf8'), salt, iterations, 32, 'sha256');
  }
  const iv = random(16);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  const ciphertext = new Uint8Array(Buffer.concat([cipher.update(plaintext), cipher.final()]));
  if (!opts.keyCache) key.fill(0); // a cached key is zeroed by the cache's owner

  const kdf = new AlgorithmIdentifier({
    algorithm: OID.pbkdf2,
    parameters: toArrayBuffer(
      der(
        new Pbkdf2Params({
          salt: toArrayBuffer(salt),
          iterationCount: iterations,
          prf: new AlgorithmIdentifier({ algorithm: OID.hmacWithSHA256, parameters: DER_NULL }),
        }),
      ),
    ),
  });
  const scheme = new AlgorithmIdentifier({
    algorithm: OID.aes256Cbc,
    parameters: toArrayBuffer(der(new OctetString(iv))),
  });
  const algorithm = new AlgorithmIdentifier({
    algorithm: OID.pbes2,
    parameters: toArrayBuffer(der(new Pbes2Params({ keyDerivationFunc: kdf, encryptionScheme: scheme }))),
  });
  return { algorithm, ciphertext };
}
