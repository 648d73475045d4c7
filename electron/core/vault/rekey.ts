import { timingSafeEqual } from 'node:crypto';
import { corrupt } from './header';
import { writeGeneration, type WrittenGeneration } from './generation';
import { deriveKek } from './kdf';
import {
  DANGEROUS_unwrapBytes,
  integrityKey,
  keyWrappingKey,
  newDek,
  wrapKeyBytes,
  type WrappedKeyData,
} from './keyring';
import { WrappedKeys } from './key-table';
import { keyRecords } from './replay';
import type { KdfParams, RecoverySetup } from './types';
import { readCurrentRecords, type VaultSession } from './vault-state';

/** True when `passphrase` derives the session's passphrase key (compared in constant time). */
export async function passphraseMatches(s: VaultSession, passphrase: string): Promise<boolean> {
  const check = await deriveKek(passphrase, s.header.salt, s.header.kdf);
  const same = timingSafeEqual(check, s.kek);
  check.fill(0);
  return same;
}

/** A wrapped key's PKCS#8 bytes; the caller zeroes them. VAULT_CORRUPT when the wrapping does not authenticate. */
export function DANGEROUS_unwrapWith(kwk: Buffer, w: WrappedKeyData): Buffer {
  const bytes = DANGEROUS_unwrapBytes(kwk, w);
  if (!bytes) throw corrupt(`wrapped key ${w.ref} failed authentication`);
  return bytes;
}

export interface RekeyedGeneration {
  gen: WrittenGeneration;
  dek: Buffer;
  kwk: Buffer;
  keys: WrappedKeys;
  retiredAuditKeys: string[];
  records: number;
}

/**
 * Writes (does not install) a new generation under a fresh data key, with the given passphrase key and
 * recovery slot: every private key re-wrapped, the current audit key retired. A fresh data key means a copy of
 * an older header (an old passphrase, or shares of a rotated ceremony) cannot open what is written from now on.
 */
export async function writeRekeyedGeneration(
  s: VaultSession,
  kwk: Buffer,
  keys: { kek: Buffer; salt: Buffer; kdf: KdfParams; recovery: RecoverySetup | null },
): Promise<RekeyedGeneration> {
  const dek = newDek();
  const nextKwk = keyWrappingKey(dek);
  const rewrapped = new WrappedKeys();
  for (const [ref, w] of s.keys) {
    const bytes = DANGEROUS_unwrapWith(kwk, w);
    rewrapped.set(ref, wrapKeyBytes(nextKwk, ref, bytes));
    bytes.fill(0);
  }
  const records = await readCurrentRecords(s);
  // Audit entries sealed under the old data key's integrity key must still verify.
  const retired = [...s.retiredAuditKeys, integrityKey(s.dek, 'audit').toString('base64')];
  const gen = await writeGeneration(s.path, { ...keys, dek, generation: s.header.generation + 1 }, [
    ...keyRecords(rewrapped, retired),
    ...records,
  ]);
  return { gen, dek, kwk: nextKwk, keys: rewrapped, retiredAuditKeys: retired, records: records.length };
}
