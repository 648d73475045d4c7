import { existsSync } from 'node:fs';
import type { webcrypto } from 'node:crypto';
import {
  backupPathFor,
  createVault,
  openVault,
  openVaultWithRecoveryKey,
  type KdfParams,
  type OpenedVault,
  type Vault,
  type VaultDamage,
} from '../core/vault';
import type {
  DamagedVaultChoice,
  VaultDamageOffer,
  VaultRollbackOffer,
  VaultStatus,
} from '../../shared/domain/types';
import { AppError, isAppError } from '../../shared/ipc/error-codes';
import { Inventory } from './inventory';
import { kdfPolicy, kdfShortfall, vaultCreateOptions } from './kdf-options';
import { signingAlgorithmFor } from './signing-key';

export interface Unlocked {
  vault: Vault;
  inventory: Inventory;
}

/**
 * The inventory of a vault just opened. When its records do not replay (a malformed certificate table is
 * VAULT_CORRUPT), the vault is locked before the error goes on: left open, it kept its keys in memory and its
 * writer lock, and the next unlock read "open for writing by another CertDesk process" (this one).
 */
async function replayOrLock(opened: OpenedVault): Promise<Inventory> {
  try {
    return Inventory.replay(opened.records);
  } catch (e) {
    await opened.vault.lock().catch(() => undefined);
    throw e;
  }
}

/**
 * The vault's lifecycle: none → locked (a file chosen) → unlocked (records replayed, keys wrapped inside).
 * Lock drops the vault handle, the inventory and every unwrapped signing key.
 */
export class VaultSession {
  private path: string | null = null;
  private open: Unlocked | null = null;
  private recoveredNote: string | undefined;
  /** what main offered after refusing this vault as damaged; kept across lock so the operator can choose */
  private damageOffer: VaultDamageOffer | null = null;
  /** set after refusing this vault as older than the newest state seen here */
  private rollbackOffer: VaultRollbackOffer | null = null;
  /** the damage found by the open that is unlocked now (read-only or repaired) */
  private openDamage: VaultDamage | null = null;
  private readonly signingKeys = new Map<string, Promise<webcrypto.CryptoKey>>();

  constructor(private readonly opts: { kdf?: KdfParams; readOnly?: boolean; defaultVaultPath?: string }) {
    if (opts.defaultVaultPath && existsSync(opts.defaultVaultPath)) this.path = opts.defaultVaultPath;
  }

  status(): VaultStatus {
    const offers = {
      ...(this.damageOffer ? { damage: { ...this.damageOffer } } : {}),
      ...(this.rollbackOffer ? { rolledBack: { ...this.rollbackOffer } } : {}),
    };
    if (this.open) {
      const kdfWarning = this.kdfShortfall();
      const readOnly = this.readOnlyReason();
      return {
        state: 'unlocked',
        path: this.path,
        ...(this.recoveredNote ? { recoveredNote: this.recoveredNote } : {}),
        ...(kdfWarning ? { kdfWarning } : {}),
        ...(readOnly ? { readOnly } : {}),
        ...offers,
      };
    }
    if (this.path) return { state: 'locked', path: this.path, ...offers };
    return { state: 'none', path: null };
  }

  /** Set while the open vault's KDF cost is below the policy (upgraded at the next writable unlock). */
  kdfShortfall(): string | null {
    return this.open ? kdfShortfall(this.open.vault.info().kdf, kdfPolicy(this.opts.kdf)) : null;
  }

  get vaultPath(): string | null {
    return this.path;
  }

  /** This process opened the vault read-only (the CLI's readers), or the open vault is damaged and read-only. */
  get readOnly(): boolean {
    return this.opts.readOnly === true || this.open?.vault.readOnly === true;
  }

  /** The unlocked vault, or VAULT_LOCKED / NO_VAULT naming what the operator must do first. */
  unlocked(): Unlocked {
    if (this.open) return this.open;
    if (this.path)
      throw new AppError('VAULT_LOCKED', 'The vault is locked: unlock it with its passphrase first');
    throw new AppError('NO_VAULT', 'No vault is open: create a vault or open an existing vault file first');
  }

  private readOnlyReason(): string | null {
    if (!this.open?.vault.readOnly) return null;
    if (this.openDamage && !this.openDamage.repaired)
      return `The vault is damaged (${this.openDamage.message}): it is open read-only, so nothing can be changed. Lock it, then repair it or restore the previous generation.`;
    return 'The vault is open read-only here (another CertDesk process may hold it for writing).';
  }

  /** The choices main offered for the damaged vault at this path, or null. */
  damageChoices(): DamagedVaultChoice[] {
    return this.damageOffer?.choices ?? [];
  }

  /** The damage the unlocked vault was opened with (read-only or repaired), or null. */
  damageFound(): VaultDamage | null {
    return this.openDamage;
  }

  /** After refusing a rolled-back vault: the gate explains it and offers to accept (main still asks). */
  offerRollback(offer: VaultRollbackOffer | null): void {
    this.rollbackOffer = offer;
  }

  /** As `unlocked()`, and refuses when this process opened the vault read-only. */
  writable(): Unlocked {
    const u = this.unlocked();
    const damaged = u.vault.readOnly && this.openDamage && !this.openDamage.repaired;
    if (damaged) throw new AppError('VAULT_DAMAGED', this.readOnlyReason() ?? 'The vault is damaged');
    if (u.vault.readOnly) {
      throw new AppError(
        'VAULT_BUSY',
        'The vault is open read-only here (another CertDesk process may hold it for writing)',
      );
    }
    return u;
  }

  async create(path: string, passphrase: string): Promise<Unlocked> {
    await this.lock();
    const vault = await createVault(path, passphrase, vaultCreateOptions(this.opts.kdf));
    this.path = path;
    this.recoveredNote = undefined;
    this.open = { vault, inventory: new Inventory() };
    return this.open;
  }

  /** Points the session at a vault file known to exist (after restore), locked. */
  adopt(path: string): void {
    if (this.open) throw new AppError('VAULT_BUSY', 'Lock the vault before switching files');
    if (path !== this.path) this.clearOffers();
    this.path = path;
  }

  clearOffers(): void {
    this.damageOffer = null;
    this.rollbackOffer = null;
  }

  /**
   * `damaged` is the operator's choice for a vault refused as damaged: open the intact records read-only, or
   * repair (keeps a copy of the damaged file, then cuts it back to the intact records). Default: refuse.
   */
  async unlock(passphrase: string, damaged?: 'read-only' | 'repair'): Promise<Unlocked> {
    if (this.open) return this.open;
    const path = this.path;
    if (!path)
      throw new AppError('NO_VAULT', 'No vault is open: create a vault or open an existing vault file first');
    let inventory: Inventory | null = null;
    let opened;
    try {
      opened = await openVault(path, passphrase, {
        readOnly: this.opts.readOnly === true,
        damaged: this.opts.readOnly && damaged === 'repair' ? 'read-only' : (damaged ?? 'refuse'),
        // before the inventory is loaded: undefined, and a compaction keeps the records as they are
        liveSnapshot: () => inventory?.snapshot(),
      });
    } catch (e) {
      if (isAppError(e) && e.code === 'VAULT_DAMAGED') {
        const backup = existsSync(backupPathFor(path)) ? backupPathFor(path) : null;
        this.damageOffer = {
          message: e.message,
          choices: [
            'read-only',
            ...(this.opts.readOnly ? [] : (['repair'] as const)),
            ...(backup && !this.opts.readOnly ? (['restore-previous'] as const) : []),
          ],
          ...(backup ? { backupPath: backup } : {}),
        };
      }
      throw e;
    }
    inventory = await replayOrLock(opened);
    this.recoveredNote = opened.recoveredNote;
    this.openDamage = opened.damage ?? null;
    // A repaired vault is whole again; one open read-only keeps offering the repair.
    if (!opened.damage || opened.damage.repaired) this.damageOffer = null;
    else if (this.damageOffer)
      this.damageOffer.choices = this.damageOffer.choices.filter((c) => c !== 'read-only');
    this.open = { vault: opened.vault, inventory };
    return this.open;
  }

  /**
   * Opens the locked vault with a recovery key rebuilt from shares and sets `nextPassphrase` (the passphrase
   * slot is re-sealed; the recovery slot stays). Refused for a read-only session.
   */
  async recover(
    recoveryKey: Uint8Array,
    nextPassphrase: string,
    beforeReset?: (vault: Vault) => Promise<void>,
  ): Promise<Unlocked> {
    if (this.open) throw new AppError('VAULT_BUSY', 'The vault is unlocked: lock it before recovering it');
    if (!this.path) throw new AppError('NO_VAULT', 'No vault is open: open the vault file to recover first');
    if (this.opts.readOnly) throw new AppError('VAULT_BUSY', 'A recovery needs the vault open for writing');
    let inventory: Inventory | null = null;
    const opened = await openVaultWithRecoveryKey(this.path, recoveryKey, nextPassphrase, {
      ...vaultCreateOptions(this.opts.kdf),
      // before the inventory is loaded: undefined, and a compaction keeps the records as they are
      liveSnapshot: () => inventory?.snapshot(),
      ...(beforeReset ? { beforeReset } : {}),
    });
    inventory = await replayOrLock(opened);
    this.recoveredNote = opened.recoveredNote;
    this.open = { vault: opened.vault, inventory };
    return this.open;
  }

  async lock(): Promise<boolean> {
    const open = this.open;
    if (!open) return false;
    this.open = null;
    this.signingKeys.clear();
    this.recoveredNote = undefined;
    // Locking a vault opened read-only because it is damaged brings back the full offer.
    if (this.openDamage && !this.openDamage.repaired && this.damageOffer)
      this.damageOffer.choices = ['read-only', ...this.damageOffer.choices.filter((c) => c !== 'read-only')];
    this.openDamage = null;
    await open.vault.lock();
    return true;
  }

  /** The CA's non-extractable signing key, unwrapped once per unlock and dropped by lock. */
  signingKey(caId: string): Promise<webcrypto.CryptoKey> {
    const { vault, inventory } = this.unlocked();
    const ca = inventory.ca(caId);
    if (!ca.keyRef || !ca.keyAlg) {
      throw new AppError(
        'CA_KEY_MISSING',
        `The vault holds no private key for CA ${ca.summary.cn}: it can verify but not sign`,
      );
    }
    let key = this.signingKeys.get(caId);
    if (!key) {
      key = vault.unwrapKey(ca.keyRef, signingAlgorithmFor(ca.keyAlg));
      this.signingKeys.set(caId, key);
      key.catch(() => this.signingKeys.delete(caId));
    }
    return key;
  }
}
