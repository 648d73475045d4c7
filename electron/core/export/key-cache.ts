/**
 * One passphrase derivation per export instead of one per file.
 *
 * Within one export every key file and .p12 is protected by the same passphrase, so per-file salts buy no
 * security: an attacker holding the stick tests a passphrase guess against any one file, at the same 600000
 * iterations either way, and a hit opens all of them. What a salt must prevent — precomputation across
 * exports and installations — a per-export random salt prevents just as well. Every encryption still gets
 * its own random IV (AES-CBC) or MAC input. The gain: an export of N bundles costs one PBKDF2 (and one
 * PKCS#12 MAC-key derivation) instead of N, e.g. minutes instead of hours for a few thousand services.
 * Not used for the legacy PKCS#12 PBE, whose IV is derived from the salt (a shared salt would repeat IVs).
 */
import { pbkdf2 } from 'node:crypto';
import { promisify } from 'node:util';
import type { RandomSource } from './pbes2';
import { bmpPassword, KDF_ID, pkcs12Kdf, type Pkcs12Hash } from './pkcs12-kdf';

const pbkdf2Async = promisify(pbkdf2);

interface Derived {
  salt: Uint8Array;
  key: Promise<Buffer>;
}

export class DerivedKeyCache {
  private readonly entries = new Map<string, Derived>();

  /** PBKDF2-HMAC-SHA256 → 32-byte AES key, with the salt it was derived with. */
  DANGEROUS_pbkdf2(passphrase: string, iterations: number, random: RandomSource): Derived {
    return this.memo(`pbkdf2\u0000${iterations}\u0000${passphrase}`, random, (salt) =>
      pbkdf2Async(Buffer.from(passphrase, 'utf8'), salt, iterations, 32, 'sha256'),
    );
  }

  /** The PKCS#12 MAC key (RFC 7292 B.2, ID 3). */
  DANGEROUS_macKey(alg: Pkcs12Hash, passphrase: string, iterations: number, random: RandomSource): Derived {
    return this.memo(`mac\u0000${alg}\u0000${iterations}\u0000${passphrase}`, random, (salt) =>
      Promise.resolve(
        Buffer.from(
          pkcs12Kdf(alg, bmpPassword(passphrase), salt, KDF_ID.mac, iterations, alg === 'sha256' ? 32 : 20),
        ),
      ),
    );
  }

  /** Zeroes every derived key; call when the export is done. */
  async clear(): Promise<void> {
    for (const e of this.entries.values()) (await e.key.catch(() => Buffer.alloc(0))).fill(0);
    this.entries.clear();
  }

  private memo(id: string, random: RandomSource, derive: (salt: Uint8Array) => Promise<Buffer>): Derived {
    let e = this.entries.get(id);
    if (!e) {
      const salt = random(16);
      e = { salt, key: derive(salt) };
      this.entries.set(id, e);
    }
    return e;
  }
}
