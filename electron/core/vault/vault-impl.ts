import { createPrivateKey, randomBytes, webcrypto } from 'node:crypto';
import { AppError } from '../../../shared/ipc/error-codes';
import { writeVerifiedBackup } from './backup-writer';
import { readAt } from './durable-fs';
import { appendFramesDurably, cutToIntactPrefix, installGeneration } from './durable-write';
import { writeGeneration, type GenerationSpec, type WrittenGeneration } from './generation';
import { encodeSlot, FORMAT_VERSION, SALT_BYTES } from './header';
import { DEFAULT_KDF, deriveKek, resolveKdfParams } from './kdf';
import { integrityKey, keyWrappingKey, newKeyRef, wrapKeyBytes, type IntegrityPurpose } from './keyring';
import { assertStrongPassphrase } from './passphrase';
import { DANGEROUS_unwrapWith, passphraseMatches, writeRekeyedGeneration } from './rekey';
import { assertCallerRecords, keyRecords, KEY_RECORD, KEY_DELETE_RECORD } from './replay';
import type {
  BackupResult,
  CreateVaultOptions,
  KdfParams,
  KeyRef,
  RecoverySetup,
  SigningKeyAlgorithm,
  Vault,
  VaultInfo,
  VaultRecord,
} from './types';
import { describeVault, readCurrentRecords, recoverySetupOf, type VaultSession } from './vault-state';

export type { VaultSession } from './vault-state';

/** Automatic compaction: after this many frames, or once the log is twice its last compacted size. */
const AUTO_COMPACT_FRAMES = 2048;
const AUTO_COMPACT_MIN_BYTES = 32 * 1024 * 1024;

export class VaultImpl implements Vault {
  readonly path: string;
  readonly readOnly: boolean;
  private s: VaultSession | null;
  private kwk: Buffer;
  private queue: Promise<unknown> = Promise.resolve();
  private failed: string | null = null;
  private readonly markFailed = (reason: string): void => {
    this.failed = reason;
  };
  private framesAtCompaction: number;
  private bytesAtCompaction: number;

  constructor(session: VaultSession) {
    this.s = session;
    this.path = session.path;
    this.readOnly = session.readOnly;
    this.kwk = keyWrappingKey(session.dek);
    this.framesAtCompaction = 0;
    this.bytesAtCompaction = session.chain.end;
  }

  get isOpen(): boolean {
    return this.s !== null;
  }

  private session(): VaultSession {
    if (!this.s) throw new AppError('VAULT_LOCKED', 'The vault is locked.');
    return this.s;
  }

  private writable(): VaultSession {
    const s = this.session();
    if (s.readOnly)
      throw new AppError('NOT_SUPPORTED', 'The vault was opened read-only; this change needs the writer.');
    if (this.failed)
      throw new AppError('INTERNAL', `An earlier write failed (${this.failed}); lock and reopen the vault.`);
    return s;
  }

  /** One operation at a time: appends, compactions and backups must not interleave on the file. */
  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(op, op);
    this.queue = run.catch(() => undefined);
    return run;
  }

  async append(records: readonly VaultRecord[]): Promise<void> {
    assertCallerRecords(records, 'Record');
    return this.serial(async () => {
      this.writable();
      await this.appendFrames(records);
      this.session().records += records.length;
    });
  }

  /**
   * The durable write: frames at the end of the last complete append, fsync, commit pointer, fsync. A due
   * automatic compaction runs first, before this write: the caller applies an append to its live state only
   * once the append resolves, so only now does the live snapshot hold every acknowledged record. Compacting
   * right after an append wrote a snapshot without it, and the next open lost that append's records.
   */
  private async appendFrames(records: readonly VaultRecord[]): Promise<void> {
    if (records.length === 0) return;
    // An older format is rewritten as a current generation before its first change: from the live state when
    // the caller keeps one (as an automatic compaction is), so the new generation is all current layout.
    if (this.writable().header.formatVersion !== FORMAT_VERSION)
      await this.compactNow(this.session().liveSnapshot?.());
    else await this.maybeAutoCompact();
    await appendFramesDurably(this.writable(), records, this.markFailed);
  }

  /**
   * The operator's repair of a vault cut short of its commit pointer: cuts the file back to the intact prefix
   * and points the commit pointer there (fsynced), so later appends extend what remains.
   */
  async repairTail(): Promise<void> {
    return this.serial(() => cutToIntactPrefix(this.writable(), this.markFailed));
  }

  private async maybeAutoCompact(): Promise<void> {
    const s = this.session();
    if (!s.autoCompact) return;
    const frames = s.chain.frames - this.framesAtCompaction;
    const grown =
      s.liveSnapshot &&
      s.chain.end - this.bytesAtCompaction > Math.max(AUTO_COMPACT_MIN_BYTES, this.bytesAtCompaction);
    if (frames < (s.autoCompactFrames ?? AUTO_COMPACT_FRAMES) && !grown) return;
    try {
      await this.compactNow(s.liveSnapshot?.());
    } catch {
      // A failed compaction left the old generation in place; the write goes on, unless it set `failed`.
    }
  }

  async wrapKey(pkcs8Der: Uint8Array): Promise<KeyRef> {
    try {
      createPrivateKey({ key: Buffer.from(pkcs8Der), format: 'der', type: 'pkcs8' });
    } catch {
      throw new AppError('INVALID_KEY', 'The key to store is not a valid PKCS#8 private key.');
    }
    return this.serial(async () => {
      const s = this.writable();
      const ref = newKeyRef();
      const w = wrapKeyBytes(this.kwk, ref, pkcs8Der);
      await this.appendFrames([{ type: KEY_RECORD, data: { ...w } }]);
      s.keys.set(ref, w);
      return ref;
    });
  }

  appendWithKeys(
    pkcs8Ders: readonly Uint8Array[],
    build: (refs: KeyRef[]) => VaultRecord[],
  ): Promise<KeyRef[]> {
    return this.serial(async () => {
      const s = this.writable();
      // No createPrivateKey check per key (wrapKey's): it costs more than generating the key, and batch keys
      // come from our own generator, whose output the batch tests import with OpenSSL.
      const wrapped = pkcs8Ders.map((k) => wrapKeyBytes(this.kwk, newKeyRef(), k));
      const refs = wrapped.map((w) => w.ref);
      const records = build(refs);
      assertCallerRecords(records, 'Record');
      await this.appendFrames([
        ...wrapped.map((w): VaultRecord => ({ type: KEY_RECORD, data: { ...w } })),
        ...records,
      ]);
      for (const w of wrapped) s.keys.set(w.ref, w);
      s.records += records.length;
      return refs;
    });
  }

  private unwrapped(ref: KeyRef): Buffer {
    const w = this.session().keys.get(ref);
    if (!w) throw new AppError('NOT_FOUND', `No private key ${ref} in the vault.`);
    return DANGEROUS_unwrapWith(this.kwk, w);
  }

  async unwrapKey(ref: KeyRef, algorithm: SigningKeyAlgorithm): Promise<webcrypto.CryptoKey> {
    const bytes = this.unwrapped(ref);
    try {
      return await webcrypto.subtle.importKey('pkcs8', bytes, algorithm, false, ['sign']);
    } catch (e) {
      throw new AppError(
        'INVALID_KEY',
        `Private key ${ref} does not import as ${algorithm.name}: ${(e as Error).message}`,
      );
    } finally {
      bytes.fill(0);
    }
  }

  async DANGEROUS_unwrapKeyBytes(ref: KeyRef): Promise<Uint8Array> {
    return this.unwrapped(ref);
  }

  hasKey(ref: KeyRef): boolean {
    return this.s?.keys.has(ref) ?? false;
  }

  deleteKey(ref: KeyRef): Promise<void> {
    return this.serial(async () => {
      const s = this.writable();
      if (!s.keys.has(ref)) throw new AppError('NOT_FOUND', `No private key ${ref} in the vault.`);
      await this.appendFrames([{ type: KEY_DELETE_RECORD, data: { ref } }]);
      s.keys.delete(ref);
    });
  }

  async compact(live?: readonly VaultRecord[]): Promise<void> {
    if (live) assertCallerRecords(live, 'Live record');
    return this.serial(() => this.compactNow(live));
  }

  private async compactNow(live: readonly VaultRecord[] | undefined): Promise<void> {
    const s = this.writable();
    const records = live ? [...live] : await readCurrentRecords(s);
    const spec: GenerationSpec = {
      kek: s.kek,
      dek: s.dek,
      kdf: s.header.kdf,
      salt: s.header.salt,
      generation: s.header.generation + 1,
      recovery: this.recoverySetup(),
    };
    const gen = await writeGeneration(s.path, spec, [...keyRecords(s.keys, s.retiredAuditKeys), ...records]);
    await this.install(gen, 'keep-previous', 'The vault was compacted.', () => {
      s.records = records.length;
    });
  }

  upgradeKdf(passphrase: string, kdf: KdfParams = DEFAULT_KDF): Promise<void> {
    return this.serial(async () => {
      const s = this.writable();
      const target = resolveKdfParams(kdf);
      if (!(await passphraseMatches(s, passphrase)))
        throw new AppError('WRONG_PASSPHRASE', 'The passphrase is wrong.');
      const salt = randomBytes(SALT_BYTES);
      const kek = await deriveKek(passphrase, salt, target);
      const records = await readCurrentRecords(s);
      // Same data key: wrapped keys, audit and witness keys stay valid; only the envelope is re-sealed.
      const gen = await writeGeneration(
        s.path,
        {
          kek,
          dek: s.dek,
          kdf: target,
          salt,
          generation: s.header.generation + 1,
          recovery: this.recoverySetup(),
        },
        [...keyRecords(s.keys, s.retiredAuditKeys), ...records],
      );
      await this.install(
        gen,
        'keep-previous',
        'The key derivation was strengthened: the vault now opens with its passphrase at the new cost.',
        () => {
          s.kek.fill(0);
          s.kek = kek;
        },
      );
    });
  }

  integrityKeys(purpose: IntegrityPurpose): Buffer[] {
    const s = this.session();
    const current = integrityKey(s.dek, purpose);
    if (purpose !== 'audit') return [current];
    return [current, ...s.retiredAuditKeys.map((k) => Buffer.from(k, 'base64')).reverse()];
  }

  /**
   * Renames a verified generation into place, keeping or discarding the previous one as `<vault>.bak`.
   * `switched` moves the rest of the session to the new generation as soon as it is in place, before the
   * directory sync, whose failure reports `inEffect` as done.
   */
  private install(
    gen: WrittenGeneration,
    previous: 'keep-previous' | 'discard-previous',
    inEffect: string,
    switched: () => void,
  ): Promise<void> {
    return installGeneration(
      this.session(),
      gen,
      {
        previous,
        inEffect,
        installed: (chain) => {
          this.framesAtCompaction = chain.frames;
          this.bytesAtCompaction = chain.end;
          switched();
        },
      },
      this.markFailed,
    );
  }

  changePassphrase(current: string, next: string, opts?: CreateVaultOptions): Promise<void> {
    return this.serial(async () => {
      const s = this.writable();
      assertStrongPassphrase(next);
      const kdf = resolveKdfParams(opts?.kdf);
      if (!(await passphraseMatches(s, current)))
        throw new AppError('WRONG_PASSPHRASE', 'The current passphrase is wrong.');
      await this.rekey(next, kdf);
    });
  }

  /**
   * Sets a passphrase without the current one. Only for a vault just opened through its recovery slot, whose
   * passphrase key is unknown (openVaultWithRecoveryKey calls it before handing the vault out).
   */
  resetPassphraseAfterRecovery(next: string, opts?: CreateVaultOptions): Promise<void> {
    return this.serial(async () => {
      this.writable();
      assertStrongPassphrase(next);
      await this.rekey(next, resolveKdfParams(opts?.kdf));
    });
  }

  /** New salt, KEK and DEK, every key re-wrapped, recovery slot re-sealed to the same public key. */
  private async rekey(next: string, kdf: KdfParams): Promise<void> {
    const salt = randomBytes(SALT_BYTES);
    const kek = await deriveKek(next, salt, kdf);
    // The previous generation opens with the old passphrase: do not keep it as .bak.
    await this.regenerate(
      { kek, salt, kdf, recovery: this.recoverySetup() },
      'discard-previous',
      'The passphrase was changed: the vault now opens with the new passphrase.',
    );
  }

  /**
   * Writes a new generation under a fresh data key (every private key re-wrapped) with the given passphrase key
   * and recovery slot, installs it, then swaps the session's keys. A fresh data key means a copy of an older
   * header (an old passphrase, or shares of a rotated ceremony) cannot open what is written from now on.
   */
  private async regenerate(
    keys: { kek: Buffer; salt: Buffer; kdf: KdfParams; recovery: RecoverySetup | null },
    previous: 'keep-previous' | 'discard-previous',
    inEffect: string,
  ): Promise<void> {
    const s = this.writable();
    const next = await writeRekeyedGeneration(s, this.kwk, keys);
    await this.install(next.gen, previous, inEffect, () => {
      if (s.kek !== keys.kek) s.kek.fill(0);
      s.dek.fill(0);
      this.kwk.fill(0);
      s.kek = keys.kek;
      s.dek = next.dek;
      this.kwk = next.kwk;
      s.keys = next.keys;
      s.retiredAuditKeys = next.retiredAuditKeys;
      s.records = next.records;
    });
  }

  private recoverySetup(): RecoverySetup | null {
    return recoverySetupOf(this.session());
  }

  setRecovery(setup: RecoverySetup | null): Promise<void> {
    return this.serial(async () => {
      const s = this.writable();
      // A replaced or removed slot must open nothing any more, and the previous generation still holds it.
      const previous = s.header.recovery ? 'discard-previous' : 'keep-previous';
      await this.regenerate(
        { kek: s.kek, salt: s.header.salt, kdf: s.header.kdf, recovery: setup },
        previous,
        setup
          ? 'The recovery shares were set up: from now on the new shares open the vault, and shares of an ' +
              'earlier ceremony do not.'
          : 'The recovery shares were removed: no shares open the vault any more.',
      );
    });
  }

  backup(toPath: string): Promise<BackupResult> {
    return this.serial(async () => {
      const s = this.session();
      const image = await readAt(s.fh, 0, s.chain.end);
      // Our own commit pointer: the file's may lag behind complete frames we accepted at open.
      encodeSlot(s.chain, s.header, s.pkey).copy(image, s.header.slotOffset);
      return writeVerifiedBackup(image, s.kek, toPath);
    });
  }

  info(): VaultInfo {
    return describeVault(this.session());
  }

  lock(): Promise<void> {
    return this.serial(async () => {
      const s = this.s;
      if (!s) return;
      this.s = null;
      s.kek.fill(0);
      s.dek.fill(0);
      s.rkey.fill(0);
      s.pkey.fill(0);
      this.kwk.fill(0);
      s.keys.clear();
      await s.fh.close().catch(() => undefined);
      await s.lock?.release();
    });
  }
}
