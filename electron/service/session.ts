import { existsSync } from 'node:fs';
import type { webcrypto } from 'node:crypto';
import { createVault, openVault, openVaultWithRecoveryKey, type KdfParams, type Vault } from '../core/vault';
import type { VaultStatus } from '../../shared/domain/types';
import { AppError } from '../../shared/ipc/error-codes';
import { Inventory } from './inventory';
import { kdfPolicy, kdfShortfall, vaultCreateOptions } from './kdf-options';
import { signingAlgorithmFor } from './signing-key';

export interface Unlocked {
  vault: Vault;
  inventory: Inventory;
}

/**
 * The vault's lifecycle: none → locked (a file chosen) → unlocked (records replayed, keys wrapped inside).
 * Lock drops the vault handle, the inventory and every unwrapped signing key.
 */
export class VaultSession {
  private path: string | null = null;
  private open: Unlocked | null = null;
  private recoveredNote: string | undefined;
  private readonly signingKeys = new Map<string, Promise<webcrypto.CryptoKey>>();

  constructor(private readonly opts: { kdf?: KdfParams; readOnly?: boolean; defaultVaultPath?: string }) {
    if (opts.defaultVaultPath && existsSync(opts.defaultVaultPath)) this.path = opts.defaultVaultPath;
  }

  status(): VaultStatus {
    if (this.open) {
      const kdfWarning = this.kdfShortfall();
      return {
        state: 'unlocked',
        path: this.path,
        ...(this.recoveredNote ? { recoveredNote: this.recoveredNote } : {}),
        ...(kdfWarning ? { kdfWarning } : {}),
      };
    }
    if (this.path) return { state: 'locked', path: this.path };
    return { state: 'none', path: null };
  }

  /** Set while the open vault's KDF cost is below the policy (upgraded at the next writable unlock). */
  kdfShortfall(): string | null {
    return this.open ? kdfShortfall(this.open.vault.info().kdf, kdfPolicy(this.opts.kdf)) : null;
  }

  get vaultPath(): string | null {
    return this.path;
  }

  get readOnly(): boolean {
    return this.opts.readOnly === true;
  }

  /** The unlocked vault, or VAULT_LOCKED / NO_VAULT naming what the operator must do first. */
  unlocked(): Unlocked {
    if (this.open) return this.open;
    if (this.path)
      throw new AppError('VAULT_LOCKED', 'The vault is locked: unlock it with its passphrase first');
    throw new AppError('NO_VAULT', 'No vault is open: create a vault or open an existing vault file first');
  }

  /** As `unlocked()`, and refuses when this process opened the vault read-only. */
  writable(): Unlocked {
    const u = this.unlocked();
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
    this.path = path;
  }

  async unlock(passphrase: string): Promise<Unlocked> {
    if (this.open) return this.open;
    if (!this.path)
      throw new AppError('NO_VAULT', 'No vault is open: create a vault or open an existing vault file first');
    let inventory: Inventory | null = null;
    const opened = await openVault(this.path, passphrase, {
      readOnly: this.opts.readOnly === true,
      liveSnapshot: () => inventory?.snapshot() ?? [],
    });
    inventory = Inventory.replay(opened.records);
    this.recoveredNote = opened.recoveredNote;
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
      liveSnapshot: () => inventory?.snapshot() ?? [],
      ...(beforeReset ? { beforeReset } : {}),
    });
    inventory = Inventory.replay(opened.records);
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
