import { api } from '../lib/api';
import type { AppState } from './index';
import type { Route } from './ui-slice';

type Store = { getState: () => AppState };

/** Commands the native menu sends ('menu:command') and the keyboard shortcuts share. */
export type AppCommand = 'lock' | 'issue' | 'find' | 'shortcuts' | `go:${Route}`;

export function runCommand(store: Store, command: AppCommand): void {
  const s = store.getState();
  const unlocked = s.vault.state === 'unlocked';
  if (command === 'shortcuts') return s.setShortcutsOpen(true);
  if (!unlocked) return;
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
      void s.loadCerts();
      if (s.openCertId) void s.loadDetail(s.openCertId);
    }),
    bridge.on('vault:locked', (payload) => {
      const reason = (payload as { reason?: unknown } | null)?.reason;
      store.getState().handleLocked(typeof reason === 'string' ? reason : undefined);
    }),
    bridge.on('vault:changed', () => void store.getState().refreshVault()),
    bridge.on('menu:command', (payload) => {
      if (typeof payload === 'string') runCommand(store, payload as AppCommand);
    }),
  ];
  return () => offs.forEach((off) => off());
}
