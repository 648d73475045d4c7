/**
 * Public types of the vault storage engine. The engine is generic: it stores an ordered log of
 * `{ type, data }` records whose meaning the service defines, plus individually wrapped private keys.
 * See FORMAT.md for the on-disk layout.
 */
import type { webcrypto } from 'node:crypto';
import type { IntegrityPurpose } from './keyring';

export type { IntegrityPurpose } from './keyring';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * One record of the vault log. `type` is chosen by the service (cert, revoke, crl, settings, audit-head…);
 * types starting with `$` are reserved for the engine and never returned to the caller.
 */
export interface VaultRecord {
  type: string;
  data: RecordData;
}

/** A record's data object whose top-level fields may be bytes (kept as bytes on disk from format version 4). */
export type RecordFields = { [key: string]: JsonValue | Uint8Array };
/**
 * A record's data: JSON, or an object some of whose top-level fields are bytes. A vault written before format
 * version 4 returns such a field as base64 text, so readers of byte fields accept both.
 */
export type RecordData = JsonValue | RecordFields;

/** scrypt cost parameters as recorded in the vault header. */
export interface KdfParams {
  /** CPU/memory cost, a power of two. Default 2^17 (OWASP minimum for scrypt). */
  N: number;
  /** block size. Default 8. */
  r: number;
  /** parallelism. Default 1. */
  p: number;
}

export interface CreateVaultOptions {
  /**
   * KDF cost override, merged over the default `{ N: 2**17, r: 8, p: 1 }`. Only tests and benchmarks should
   * lower it; the header records what was used and later opens honour it. Values outside KDF_LIMITS are refused.
   */
  kdf?: Partial<KdfParams>;
}

export interface OpenVaultOptions {
  /**
   * Open without taking the writer lock (cron `list`/`show`/`expiring`/`audit verify` next to the running app).
   * A read-only vault refuses every write and sees a consistent prefix of records. Default false.
   */
  readOnly?: boolean;
  /**
   * Supplies the live records when the engine decides to compact automatically (log grown large relative to
   * the last compaction). It must reflect every acknowledged append: the engine calls it at the start of a
   * write, never inside one, so a caller that applies an append's records once the append resolves is
   * complete. Without it, or when it answers undefined (the caller's state is not loaded yet), a compaction
   * only re-batches the existing records into large frames (nothing is dropped). Default: none.
   */
  liveSnapshot?: () => VaultRecord[] | undefined;
  /** Set false to disable automatic compaction (benchmarks, tests). Default true. */
  autoCompact?: boolean;
  /** Frames appended since the last compaction that trigger an automatic one. Default 2048. */
  autoCompactFrames?: number;
  /**
   * What to do when acknowledged data is missing (the file was cut short of its commit pointer):
   * `'refuse'` throws VAULT_DAMAGED naming the damage; `'read-only'` opens the intact prefix read-only and
   * reports `damage`; `'repair'` (the operator's explicit choice) keeps a copy of the damaged file, then opens for
   * writing and cuts the file back to the intact prefix, reporting what was dropped. Nothing is written unless `'repair'`. Default 'refuse'.
   */
  damaged?: 'refuse' | 'read-only' | 'repair';
}

/** Acknowledged data found missing at open (see OpenVaultOptions.damaged). */
export interface VaultDamage {
  /** names what is missing, in bytes and record frames */
  message: string;
  acknowledgedFrames: number;
  intactFrames: number;
  /** `<vault>.bak`, the previous generation, when it exists: a recovery source */
  backupPath?: string;
  /** true once the file was cut back to the intact prefix ('repair') */
  repaired: boolean;
  /** after a repair: `<vault>.damaged-<tag>.bak`, the damaged file byte for byte as it was found (mode 0600) */
  keptAs?: string;
}

/** WebCrypto import parameters for a wrapped private key; the caller knows the algorithm. */
export type SigningKeyAlgorithm =
  | { name: 'ECDSA'; namedCurve: 'P-256' | 'P-384' }
  | { name: 'RSASSA-PKCS1-v1_5'; hash: 'SHA-256' | 'SHA-384' | 'SHA-512' }
  | { name: 'Ed25519' };

/**
 * Opaque handle of a wrapped private key inside the vault (random id, safe to store in records and to log).
 * It carries no key material.
 */
export type KeyRef = string;

export interface VaultInfo {
  path: string;
  readOnly: boolean;
  formatVersion: number;
  /** incremented by every compaction / passphrase change */
  generation: number;
  kdf: KdfParams;
  /** caller-visible records currently in the log (including superseded ones not yet compacted away) */
  records: number;
  /** encrypted frames in the log */
  frames: number;
  /** wrapped private keys held */
  keys: number;
  fileBytes: number;
  /** hex tag of the last acknowledged frame: with generation and frames, names this exact state */
  lastTag: string;
  /** the recovery slot's public part, or null without one */
  recovery: RecoverySetup | null;
}

export interface BackupResult {
  path: string;
  bytes: number;
  /** hex SHA-256 of the backup file as written and re-read */
  sha256: string;
}

/**
 * The public part of a recovery slot (FORMAT.md, "Recovery slot"): who the shares belong to and the key they
 * reconstruct, recognised by its X25519 public key. Nothing here is secret.
 */
export interface RecoverySetup {
  /** M: shares needed (2..shares) */
  threshold: number;
  /** N: shares made (threshold..16) */
  shares: number;
  /** 8 random bytes naming this vault on every share; kept by rotation */
  vaultId: Buffer;
  /** 8 random bytes naming this set of shares; new at every rotation */
  ceremonyId: Buffer;
  createdAt: Date;
  /** X25519 public key derived from the recovery key */
  publicKey: Buffer;
  /** 8-byte fingerprint of each share, index order */
  fingerprints: Buffer[];
}

/** What can be learned from a vault file without the passphrase. */
export interface VaultHeaderInfo {
  formatVersion: number;
  generation: number;
  kdf: KdfParams;
  /** the recovery slot's public part, or null without one */
  recovery: RecoverySetup | null;
}

export interface Vault {
  readonly path: string;
  readonly readOnly: boolean;
  /** false after `lock()`: every other method then throws VAULT_LOCKED. */
  readonly isOpen: boolean;

  /**
   * Durably appends records as one encrypted frame: resolves only after the data and the commit pointer are
   * fsynced (= acknowledged). Cost does not depend on vault size. Throws VAULT_LOCKED, NOT_SUPPORTED (read-only),
   * INVALID_INPUT (reserved `$` type or non-JSON data), INTERNAL on I/O or fsync failure (the write is then
   * not acknowledged and the vault must be reopened).
   */
  append(records: readonly VaultRecord[]): Promise<void>;

  /**
   * Wraps a PKCS#8 DER private key under the key-wrapping key (AES-256-GCM) and appends it durably.
   * The caller should zero its copy afterwards. Returns the ref to store in its own records.
   */
  wrapKey(pkcs8Der: Uint8Array): Promise<KeyRef>;

  /**
   * Batch form of wrapKey + append (issue #8): wraps every PKCS#8 key and appends the wrapped keys together with
   * `records(refs)` as ONE durable append, so a batch pays one fsync pair per chunk instead of two per
   * certificate. The keys must come from CertDesk's own generator (they are not re-parsed). Same errors as append.
   */
  appendWithKeys(
    pkcs8Ders: readonly Uint8Array[],
    records: (refs: KeyRef[]) => VaultRecord[],
  ): Promise<KeyRef[]>;

  /**
   * Unwraps a key for signing as a NON-extractable CryptoKey (usages ['sign']). NOT_FOUND for an unknown ref,
   * INVALID_KEY when the key does not import with the given algorithm.
   */
  unwrapKey(ref: KeyRef, algorithm: SigningKeyAlgorithm): Promise<webcrypto.CryptoKey>;

  /**
   * Returns the raw PKCS#8 DER bytes. ONLY for the export writer, which must encrypt them or write them with
   * mode 0600 after explicit confirmation, and zero the buffer after use.
   */
  DANGEROUS_unwrapKeyBytes(ref: KeyRef): Promise<Uint8Array>;

  hasKey(ref: KeyRef): boolean;

  /** Durably removes a wrapped key (the next compaction drops its ciphertext). */
  deleteKey(ref: KeyRef): Promise<void>;

  /**
   * Writes a new generation atomically (temp → fsync → re-read & verify → rename → fsync dir) and keeps the
   * previous one as `<vault>.bak`. With `live`, only those records (plus the engine's keys) are kept;
   * without, all current records are re-batched.
   */
  compact(live?: readonly VaultRecord[]): Promise<void>;

  /**
   * Re-keys the vault: new salt and KDF (default cost unless `opts.kdf`), a fresh data key, every wrapped key
   * re-wrapped, written as a new generation atomically. WRONG_PASSPHRASE if `current` is wrong,
   * WEAK_PASSPHRASE if `next` is shorter than 12 characters. INTERNAL whose message opens with "The passphrase
   * was changed" when only the directory sync after the rename failed: the new passphrase is then in effect.
   */
  changePassphrase(current: string, next: string, opts?: CreateVaultOptions): Promise<void>;

  /**
   * Adds, replaces (rotation) or removes (null) the recovery slot, written as a new generation atomically. When a
   * slot is replaced or removed the previous generation is not kept as `.bak`, so the old shares open nothing.
   * Passphrase changes and compactions keep the slot, re-sealed to the same recovery public key.
   */
  setRecovery(setup: RecoverySetup | null): Promise<void>;

  /**
   * Writes an encrypted copy (same passphrase) to `toPath` (must not exist: EXPORT_TARGET_EXISTS), fsyncs it,
   * re-reads and fully verifies it before resolving.
   */
  backup(toPath: string): Promise<BackupResult>;

  info(): VaultInfo;

  /**
   * Key for what is kept outside the vault file (an HMAC key for evidence, the seal key of the verdict cache),
   * derived from the data key with one HKDF `info` per purpose. With `'audit'`, also the audit keys of earlier data keys (a passphrase change makes a new data
   * key; the retired keys stay sealed in the vault so older audit entries still verify), newest first.
   */
  integrityKeys(purpose: IntegrityPurpose): Buffer[];

  /**
   * Re-seals the data key under `passphrase` with a fresh salt and the KDF policy (`kdf`, default the
   * production cost) as a new generation. Keys need no re-wrap and records stay. WRONG_PASSPHRASE if wrong.
   */
  upgradeKdf(passphrase: string, kdf?: KdfParams): Promise<void>;

  /** Drops the master key and all key material, closes the file and releases the writer lock. Idempotent. */
  lock(): Promise<void>;
}

export interface OpenedVault {
  vault: Vault;
  /** the caller-visible records in log order */
  records: VaultRecord[];
  /** set when a torn, never-acknowledged final record was ignored (the next write repairs the tail) */
  recoveredNote?: string;
  /** set when opened with `damaged: 'read-only' | 'repair'` and acknowledged data was missing */
  damage?: VaultDamage;
}
