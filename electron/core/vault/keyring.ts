import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { ENVELOPE_BYTES } from './header';

/**
 * Key hierarchy (FORMAT.md): passphrase --scrypt--> KEK, which seals a random 32-byte data key (DEK) in the
 * header. From the DEK, HKDF-SHA256 derives the record key (salted with the generation's file id, so every
 * generation encrypts under a fresh key) and the key-wrapping key (stable for the DEK's lifetime, so wrapped
 * keys survive compaction). A passphrase change makes a new DEK and re-wraps every key.
 */
export const DEK_BYTES = 32;

export function newDek(): Buffer {
  return randomBytes(DEK_BYTES);
}

export function recordKey(dek: Buffer, fileId: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dek, fileId, 'certdesk vault v1 records', 32));
}

export function keyWrappingKey(dek: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dek, Buffer.alloc(0), 'certdesk vault v1 key-wrap', 32));
}

/** HMAC key of the commit pointer (format 2), per generation like the record key. */
export function pointerKey(dek: Buffer, fileId: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dek, fileId, 'certdesk vault v2 commit pointer', 32));
}

/**
 * Keys for what is kept outside the vault file: the MACs of evidence (the audit chain, the rollback witness)
 * and the seal of the verdict cache. One HKDF `info` per purpose, so what was made for one can never be taken
 * for another. Stable for the data key's lifetime.
 */
export type IntegrityPurpose = 'audit' | 'witness' | 'witness-id' | 'verdict-cache';

export function integrityKey(dek: Buffer, purpose: IntegrityPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', dek, Buffer.alloc(0), `certdesk vault v2 ${purpose}`, 32));
}

/** AES-256-GCM under a fresh random nonce. */
export function sealGcm(
  key: Buffer,
  plaintext: Buffer,
  aad: Buffer,
): { iv: Buffer; ct: Buffer; tag: Buffer } {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(aad);
  const ct = Buffer.concat([c.update(plaintext), c.final()]);
  return { iv, ct, tag: c.getAuthTag() };
}

/** null when authentication fails */
export function openGcm(key: Buffer, iv: Buffer, ct: Buffer, tag: Buffer, aad: Buffer): Buffer | null {
  try {
    const d = createDecipheriv('aes-256-gcm', key, iv);
    d.setAAD(aad);
    d.setAuthTag(tag);
    return Buffer.concat([d.update(ct), d.final()]);
  } catch {
    return null;
  }
}

/** DEK sealed under the KEK with the header prefix as AAD: nonce ‖ ciphertext ‖ tag. */
export function sealDek(kek: Buffer, dek: Buffer, headerPrefix: Buffer): Buffer {
  const { iv, ct, tag } = sealGcm(kek, dek, headerPrefix);
  return Buffer.concat([iv, ct, tag]);
}

/** The key check: with an intact header (checksum verified), failure here means a wrong passphrase. */
export function openDek(kek: Buffer, envelope: Buffer, headerPrefix: Buffer): Buffer | null {
  if (envelope.length !== ENVELOPE_BYTES) return null;
  return openGcm(
    kek,
    envelope.subarray(0, 12),
    envelope.subarray(12, 44),
    envelope.subarray(44, 60),
    headerPrefix,
  );
}

/**
 * Wrapped private key as stored in a `$key` record: `iv` and `ct` (ciphertext ‖ tag) are bytes, or base64 text
 * when read from a vault written before format version 4.
 */
export interface WrappedKeyData {
  ref: string;
  iv: Uint8Array | string;
  ct: Uint8Array | string;
}

/** A stored byte field: bytes, or base64 text from a file written before format version 4. */
export const bytesOf = (v: Uint8Array | string): Buffer =>
  typeof v === 'string' ? Buffer.from(v, 'base64') : Buffer.from(v.buffer, v.byteOffset, v.byteLength);

function wrapAad(ref: string): Buffer {
  return Buffer.from(`CDV1key:${ref}`, 'utf8');
}

export function wrapKeyBytes(kwk: Buffer, ref: string, pkcs8: Uint8Array): WrappedKeyData {
  const { iv, ct, tag } = sealGcm(kwk, Buffer.from(pkcs8), wrapAad(ref));
  return { ref, iv, ct: Buffer.concat([ct, tag]) };
}

/** Raw PKCS#8 bytes, or null when the wrapped key does not authenticate under this KWK. */
export function DANGEROUS_unwrapBytes(kwk: Buffer, w: WrappedKeyData): Buffer | null {
  const all = bytesOf(w.ct);
  if (all.length < 16) return null;
  return openGcm(
    kwk,
    bytesOf(w.iv),
    all.subarray(0, all.length - 16),
    all.subarray(all.length - 16),
    wrapAad(w.ref),
  );
}

export function newKeyRef(): string {
  return `key_${randomBytes(16).toString('hex')}`;
}
