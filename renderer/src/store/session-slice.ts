import type { StateCreator } from 'zustand';
import type { AppInfo, DamagedVaultChoice, VaultStatus } from '../../../shared/domain/types';
import type { PathChoice } from '../../../shared/ipc/path-grants';
import type { AppErrorShape } from '../../../shared/result';
import { api } from '../lib/api';
import type { AppState } from './index';

/**
 * App info and vault state. Passphrases are parameters of the actions only: they are never written to the
 * store (style.md rule 9), so a devtools snapshot or a crash dump of the renderer state holds none.
 */
export interface SessionSlice {
  appInfo: AppInfo | null;
  appError: string | null;
  vault: VaultStatus;
  /** the service's clock minus the renderer's (the e2e harness may start the service at a fixed date) */
  clockOffsetMs: number;
  /**
   * the clock every status is derived from: advanced by tick() and read again whenever data from main arrives
   * (see serviceClock), so nothing is judged against a clock older than itself
   */
  nowMs: number;
  loadAppInfo: () => Promise<void>;
  refreshVault: () => Promise<void>;
  /** `location`: main's grant for a new vault file (save dialog); without it the default location */
  createVault: (input: { location?: PathChoice; passphrase: string }) => Promise<AppErrorShape | null>;
  /** a vault file chosen in main's dialog (its single-use grant) */
  openVault: (file: PathChoice) => Promise<AppErrorShape | null>;
  /**
   * `options` carry the operator's choice on the gate among what main offered for a damaged (`damaged`) or
   * rolled-back (`acceptRollback`) vault; main confirms the ones that change files.
   */
  unlockVault: (passphrase: string, options?: UnlockOptions) => Promise<AppErrorShape | null>;
  /** opens the locked vault with M recovery shares and sets a new passphrase (the shares are not kept) */
  recoverVault: (shares: string[], newPassphrase: string) => Promise<AppErrorShape | null>;
  lockVault: () => Promise<void>;
  changePassphrase: (current: string, next: string) => Promise<AppErrorShape | null>;
  /** encrypted copy of the vault file, verified by main after writing */
  backupVault: (target: PathChoice) => Promise<AppErrorShape | null>;
  /** replaces this vault's contents with a backup (main keeps the session if the backup is unreadable) */
  /** a backup chosen in main's dialog; main asks before it replaces the open vault */
  restoreVault: (backup: PathChoice, passphrase: string) => Promise<AppErrorShape | null>;
  /** main locked the vault (idle timer, OS lock screen, suspend, or our own request): drop everything cached from it */
  handleLocked: (reason?: string) => void;
  tick: () => void;
}

export interface UnlockOptions {
  damaged?: DamagedVaultChoice;
  acceptRollback?: true;
}

/** AppInfo may carry the service's `now` (ISO); older services do not, and then the renderer clock is used. */
function serviceNow(info: AppInfo): number | null {
  const raw = info.now;
  if (typeof raw !== 'string') return null;
  const t = Date.parse(raw);
  return Number.isNaN(t) ? null : t;
}

/**
 * The service's clock as the page reads it now. Stored as nowMs with every answer from main that statuses are
 * derived from: a certificate made since the last tick (an openssl certificate's notBefore is the second it
 * was signed) would otherwise read "Not yet valid" until the next one.
 */
export function serviceClock(state: Pick<SessionSlice, 'clockOffsetMs'>): number {
  return Date.now() + state.clockOffsetMs;
}

/** Toast text for a lock main reports; null for locks the operator asked for (they get their own toast). */
export function lockMessage(reason: string | undefined): string | null {
  switch (reason) {
    case 'user':
    case 'vault-create':
    case 'vault-open':
    case 'vault-restore':
    case 'quit':
      return null;
    case 'idle':
      return 'Vault locked automatically after inactivity. Unlock to continue.';
    default:
      return `Vault locked automatically${reason ? ` (${reason})` : ''}. Unlock to continue.`;
  }
}

export const createSessionSlice: StateCreator<AppState, [], [], SessionSlice> = (set, get) => {
  const afterUnlock = async (): Promise<void> => {
    await Promise.all([get().loadSettings(), get().refreshInventory()]);
  };
  const applyVault = async (vault: VaultStatus): Promise<void> => {
    const wasUnlocked = get().vault.state === 'unlocked';
    set({ vault });
    if (vault.state === 'unlocked' && !wasUnlocked) await afterUnlock();
    if (vault.state !== 'unlocked' && wasUnlocked) get().clearVaultData();
  };
  return {
    appInfo: null,
    appError: null,
    vault: { state: 'none', path: null },
    clockOffsetMs: 0,
    nowMs: Date.now(),
    loadAppInfo: async () => {
      const result = await api().app.info({});
      if (!result.ok) {
        set({ appError: result.error.message });
        return;
      }
      const t = serviceNow(result.value);
      const clockOffsetMs = t === null ? 0 : t - Date.now();
      set({ appInfo: result.value, appError: null, clockOffsetMs, nowMs: Date.now() + clockOffsetMs });
      await applyVault(result.value.vault);
    },
    refreshVault: async () => {
      const result = await api().vault.status({});
      if (result.ok) await applyVault(result.value);
    },
    createVault: async ({ location, passphrase }) => {
      const result = await api().vault.create(
        location?.grant ? { fileGrant: location.grant, passphrase } : { passphrase },
      );
      if (!result.ok) return result.error;
      await applyVault(result.value);
      get().pushToast('success', `Vault created at ${result.value.path ?? 'the default location'}`);
      return null;
    },
    openVault: async (file) => {
      const result = await api().vault.open({ fileGrant: file.grant ?? '' });
      if (!result.ok) return result.error;
      await applyVault(result.value);
      return null;
    },
    unlockVault: async (passphrase, options) => {
      const result = await api().vault.unlock({ passphrase, ...options });
      if (!result.ok) {
        // main now offers the choices for this vault (VaultStatus.damage / rolledBack): show them.
        if (result.error.code === 'VAULT_DAMAGED' || result.error.code === 'VAULT_ROLLED_BACK')
          await get().refreshVault();
        return result.error;
      }
      await applyVault(result.value);
      return null;
    },
    recoverVault: async (shares, newPassphrase) => {
      const result = await api().recovery.restore({
        shares: shares.map((text, i) => ({ label: `share ${i + 1}`, text })),
        newPassphrase,
      });
      if (!result.ok) return result.error;
      await applyVault(result.value);
      get().pushToast(
        'success',
        'Vault recovered: use the new passphrase from now on, and rotate the shares.',
      );
      return null;
    },
    lockVault: async () => {
      const result = await api().vault.lock({});
      if (!result.ok) {
        get().pushToast('error', `Could not lock the vault: ${result.error.message}`);
        return;
      }
      await applyVault(result.value);
      get().pushToast('info', 'Vault locked');
    },
    changePassphrase: async (current, next) => {
      const r = await api().vault.changePassphrase({ current, next });
      if (!r.ok) return r.error;
      get().pushToast('success', 'Passphrase changed. Use the new one from now on.');
      return null;
    },
    backupVault: async (target) => {
      const r = await api().vault.backup({ fileGrant: target.grant ?? '' });
      if (!r.ok) return r.error;
      get().pushToast(
        'success',
        `Backup written and verified: ${r.value.path} (${r.value.bytes} bytes, SHA-256 ${r.value.sha256.slice(0, 16)}…)`,
      );
      return null;
    },
    restoreVault: async (backup, passphrase) => {
      const r = await api().vault.restore({ backupGrant: backup.grant ?? '', passphrase });
      if (!r.ok) return r.error;
      get().clearVaultData();
      set({ vault: { ...get().vault, state: 'locked' } });
      await applyVault(r.value);
      get().pushToast('success', `Vault restored from ${backup.path ?? 'the backup'}`);
      return null;
    },
    handleLocked: (reason) => {
      const vault = get().vault;
      if (vault.state !== 'unlocked') return;
      set({ vault: { ...vault, state: 'locked' } });
      get().clearVaultData();
      const message = lockMessage(reason);
      if (message) get().pushToast('info', message);
    },
    tick: () => {
      set({ nowMs: serviceClock(get()) });
      // The dashboard's counts are main's, as of their fetch: while it shows, they follow the clock too.
      if (get().route === 'dashboard' && get().vault.state === 'unlocked') void get().loadDashboard();
    },
  };
};
