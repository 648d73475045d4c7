import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { corrupt, RECOVERY_SLOT_BYTES } from './header';
import type { RecoverySetup } from './types';

/**
 * The recovery slot seals the data key a second time, to a recovery key held only as Shamir shares.
 *
 * Why X25519 and not the recovery key directly as an AES key: a passphrase change makes a fresh data key and
 * every compaction a fresh header (the AAD), and the slot must be re-sealed then without anyone holding the
 * recovery key. So the slot stores the recovery key's X25519 *public* key; any generation re-seals the data key
 * to it with a fresh ephemeral key (ECIES: X25519 → HKDF-SHA256 → AES-256-GCM, AAD = header prefix and the
 * slot's public fields). Only the recovery key (via HKDF → X25519 private key) opens it.
 */
const SLOT_KIND_X25519 = 1;
const OFF_KIND = 0;
const OFF_THRESHOLD = 1;
const OFF_SHARES = 2;
const OFF_VAULT_ID = 4;
const OFF_CEREMONY_ID = 12;
const OFF_CREATED = 20;
const OFF_RECOVERY_PUB = 28;
const OFF_EPHEMERAL_PUB = 60;
const OFF_NONCE = 92;
const OFF_SEALED = 104;
const OFF_TAG = 136;
const OFF_FINGERPRINTS = 152;
export const RECOVERY_KEY_BYTES = 32;
export const VAULT_ID_BYTES = 8;
export const CEREMONY_ID_BYTES = 8;
export const FINGERPRINT_BYTES = 8;
export const MAX_SHARES = 16;

// DER prefixes of an X25519 PKCS#8 private key and SPKI public key (RFC 8410), followed by the 32 raw bytes.
const PKCS8_X25519 = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_X25519 = Buffer.from('302a300506032b656e032100', 'hex');

function privateKeyFromRaw(raw: Buffer): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_X25519, raw]), format: 'der', type: 'pkcs8' });
}

function publicKeyFromRaw(raw: Buffer): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_X25519, raw]), format: 'der', type: 'spki' });
}

function rawPublic(key: KeyObject): Buffer {
  return createPublicKey(key).export({ format: 'der', type: 'spki' }).subarray(SPKI_X25519.length);
}

function recoveryPrivateKey(recoveryKey: Uint8Array): KeyObject {
  const scalar = Buffer.from(
    hkdfSync('sha256', recoveryKey, Buffer.alloc(0), 'certdesk vault v1 recovery x25519', 32),
  );
  try {
    return privateKeyFromRaw(scalar);
  } finally {
    scalar.fill(0);
  }
}

/** The public key a recovery key is recognised by (stored in the slot). */
export function recoveryPublicKey(recoveryKey: Uint8Array): Buffer {
  if (recoveryKey.length !== RECOVERY_KEY_BYTES) throw new Error('a recovery key is 32 bytes');
  return rawPublic(recoveryPrivateKey(recoveryKey));
}

function wrapKey(shared: Buffer, ephemeralPub: Buffer, recoveryPub: Buffer): Buffer {
  // An all-zero shared secret means a low-order public key: never derive from it.
  if (shared.every((b) => b === 0)) throw corrupt('recovery slot holds an invalid public key');
  return Buffer.from(
    hkdfSync(
      'sha256',
      shared,
      Buffer.concat([ephemeralPub, recoveryPub]),
      'certdesk vault v1 recovery slot',
      32,
    ),
  );
}

function slotAad(headerPrefix: Buffer, slot: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from('CDV1recovery', 'latin1'),
    headerPrefix,
    slot.subarray(0, OFF_NONCE),
    slot.subarray(OFF_FINGERPRINTS),
  ]);
}

/** Builds the slot: the data key sealed to `setup.publicKey`, bound to this generation's header prefix. */
export function sealRecoverySlot(setup: RecoverySetup, dek: Buffer, headerPrefix: Buffer): Buffer {
  const slot = Buffer.alloc(RECOVERY_SLOT_BYTES);
  slot.writeUInt8(SLOT_KIND_X25519, OFF_KIND);
  slot.writeUInt8(setup.threshold, OFF_THRESHOLD);
  slot.writeUInt8(setup.shares, OFF_SHARES);
  setup.vaultId.copy(slot, OFF_VAULT_ID);
  setup.ceremonyId.copy(slot, OFF_CEREMONY_ID);
  slot.writeBigUInt64BE(BigInt(setup.createdAt.getTime()), OFF_CREATED);
  setup.publicKey.copy(slot, OFF_RECOVERY_PUB);
  const ephemeral = generateKeyPairSync('x25519').privateKey;
  const ephemeralPub = rawPublic(ephemeral);
  ephemeralPub.copy(slot, OFF_EPHEMERAL_PUB);
  setup.fingerprints.forEach((f, i) => f.copy(slot, OFF_FINGERPRINTS + i * FINGERPRINT_BYTES));
  const shared = diffieHellman({ privateKey: ephemeral, publicKey: publicKeyFromRaw(setup.publicKey) });
  const key = wrapKey(shared, ephemeralPub, setup.publicKey);
  const nonce = randomBytes(12);
  nonce.copy(slot, OFF_NONCE);
  const c = createCipheriv('aes-256-gcm', key, nonce);
  c.setAAD(slotAad(headerPrefix, slot));
  Buffer.concat([c.update(dek), c.final()]).copy(slot, OFF_SEALED);
  c.getAuthTag().copy(slot, OFF_TAG);
  key.fill(0);
  shared.fill(0);
  return slot;
}

/** The slot's public description. VAULT_CORRUPT when a field is out of range (the checksum held, so a bug or forgery). */
export function describeRecoverySlot(slot: Buffer): RecoverySetup {
  const kind = slot.readUInt8(OFF_KIND);
  if (kind !== SLOT_KIND_X25519) throw corrupt(`unknown recovery slot kind ${kind}`);
  const threshold = slot.readUInt8(OFF_THRESHOLD);
  const shares = slot.readUInt8(OFF_SHARES);
  if (threshold < 2 || threshold > shares || shares > MAX_SHARES)
    throw corrupt(`recovery slot announces ${threshold} of ${shares} shares`);
  const fingerprints: Buffer[] = [];
  for (let i = 0; i < shares; i++) {
    const at = OFF_FINGERPRINTS + i * FINGERPRINT_BYTES;
    fingerprints.push(Buffer.from(slot.subarray(at, at + FINGERPRINT_BYTES)));
  }
  return {
    threshold,
    shares,
    vaultId: Buffer.from(slot.subarray(OFF_VAULT_ID, OFF_VAULT_ID + VAULT_ID_BYTES)),
    ceremonyId: Buffer.from(slot.subarray(OFF_CEREMONY_ID, OFF_CEREMONY_ID + CEREMONY_ID_BYTES)),
    createdAt: new Date(Number(slot.readBigUInt64BE(OFF_CREATED))),
    publicKey: Buffer.from(slot.subarray(OFF_RECOVERY_PUB, OFF_RECOVERY_PUB + 32)),
    fingerprints,
  };
}

/**
 * The data key, or null when `recoveryKey` is not this slot's key (or the slot was altered). The caller has
 * already checked the header checksum, so null here means the key is wrong.
 */
export function openRecoverySlot(slot: Buffer, recoveryKey: Uint8Array, headerPrefix: Buffer): Buffer | null {
  const ephemeralPub = slot.subarray(OFF_EPHEMERAL_PUB, OFF_EPHEMERAL_PUB + 32);
  const recoveryPub = slot.subarray(OFF_RECOVERY_PUB, OFF_RECOVERY_PUB + 32);
  const privateKey = recoveryPrivateKey(recoveryKey);
  if (!rawPublic(privateKey).equals(recoveryPub)) return null;
  const shared = diffieHellman({ privateKey, publicKey: publicKeyFromRaw(Buffer.from(ephemeralPub)) });
  const key = wrapKey(shared, Buffer.from(ephemeralPub), Buffer.from(recoveryPub));
  try {
    const d = createDecipheriv('aes-256-gcm', key, slot.subarray(OFF_NONCE, OFF_NONCE + 12));
    d.setAAD(slotAad(headerPrefix, slot));
    d.setAuthTag(slot.subarray(OFF_TAG, OFF_TAG + 16));
    return Buffer.concat([d.update(slot.subarray(OFF_SEALED, OFF_TAG)), d.final()]);
  } catch {
    return null;
  } finally {
    key.fill(0);
    shared.fill(0);
  }
}
