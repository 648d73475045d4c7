import { api } from '../lib/api';
import type { MenuCommand } from '../../../shared/ipc/menu-commands';
import type { AppState } from './index';
import { readOnlyRefusal } from './read-only';
import type { Route } from './ui-slice';

type Store = { getState: () => AppState };

/** Commands the keyboard shortcuts and the native menu ('menu:command') share. */
export type AppCommand = 'lock' | 'issue' | 'find' | 'shortcuts' | `go:${Route}`;

export type { MenuCommand } from '../../../shared/ipc/menu-commands';

export function runMenuCommand(store: Store, command: MenuCommand): void {
  const s = store.getState();
  const unlocked = s.vault.state === 'unlocked';
  const refusal = readOnlyRefusal(command, unlocked && Boolean(s.vault.readOnly));
  if (refusal) return s.pushToast('info', refusal);
  switch (command) {
    case 'lock':
      // main has already locked the vault itself; vault:locked brings the renderer to the lock screen.
      return;
    case 'about':
      return s.pushToast(
        'info',
        `${s.appInfo?.name ?? 'CertDesk'} ${s.appInfo?.version ?? ''} on ${s.appInfo?.platform ?? ''}`,
      );
    case 'new-vault':
    case 'open-vault':
      if (unlocked)
        return s.pushToast('info', 'Lock this vault first (Ctrl+L), then create or open another one.');
      return s.setGateTab(command === 'new-vault' ? 'create' : 'open');
    case 'import':
      if (unlocked) s.navigate('authorities');
      return;
    case 'export':
      if (!unlocked) return;
      if (s.route === 'certificates' && s.openCertId) return s.requestExport();
      s.navigate('certificates');
      return s.pushToast('info', 'Open a certificate, then choose Export….');
  }
}

export function runCommand(store: Store, command: AppCommand): void {
  const s = store.getState();
  const unlocked = s.vault.state === 'unlocked';
  if (command === 'shortcuts') return s.setShortcutsOpen(true);
  if (!unlocked) return;
  const refusal = readOnlyRefusal(command, Boolean(s.vault.readOnly));
  if (refusal) return s.pushToast('info', refusal);
  if (command === 'lock') return void s.lockVault();
  if (command === 'issue') return s.navigate('issue');
  if (command === 'find') {
    if (s.route !== 'certificates' || s.openCertId) s.navigate('certificates');
    // The search box mounts with the Certificates page: focus it on the next frame.
    requestAnimationFrame(() => document.getElementById('inventory-search')?.focus());
    return;
  }
  s.navigate(command.slice(3) as Route);
}

/**
 * Subscribes the store to main's push events. The store only caches what main owns, so each event
 * triggers a refetch rather than carrying data.
 */
export function subscribeToMain(store: Store): () => void {
  const bridge = api();
  const offs = [
    bridge.on('certs:changed', () => {
      const s = store.getState();
      if (s.vault.state !== 'unlocked') return;
      void s.refreshInventory();
      if (s.openCertId) void s.loadDetail(s.openCertId);
    }),
    bridge.on('audit:appended', () => {
      const s = store.getState();
      if (s.vault.state !== 'unlocked') return;
      // Only a page showing the log refetches (audit:list reads the whole log in main); each page loads on
      // mount, so one opened later is current anyway.
      if (s.route === 'dashboard') void s.loadRecentAudit();
      if (s.route === 'audit') void s.loadAudit();
    }),
    bridge.on('vault:locked', ({ reason }) => store.getState().handleLocked(reason)),
    bridge.on('vault:changed', () => void store.getState().refreshVault()),
    bridge.on('menu:command', ({ command }) => runMenuCommand(store, command)),
  ];
  return () => offs.forEach((off) => off());
}
