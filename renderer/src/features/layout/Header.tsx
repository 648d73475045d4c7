import type { AppInfo, VaultStatus } from '../../../../shared/domain/types';
import { Button } from '../../components';
import { shortcutLabel } from './nav-items';

export interface HeaderProps {
  appInfo: AppInfo | null;
  vault: VaultStatus;
  onLock: () => void;
  onShowShortcuts: () => void;
}

const VAULT_LABELS: Record<VaultStatus['state'], string> = {
  none: 'No vault',
  locked: 'Locked',
  unlocked: 'Unlocked',
};

export function Header({ appInfo, vault, onLock, onShowShortcuts }: HeaderProps): React.JSX.Element {
  return (
    <header className="shell-header">
      <h1>CertDesk</h1>
      {appInfo && (
        <span className="shell-meta" aria-label="Application version">
          v{appInfo.version} · {appInfo.platform}
        </span>
      )}
      <div className="shell-header-actions">
        <span
          className={`vault-badge vault-badge-${vault.state}`}
          role="status"
          aria-label="Vault state"
          title={vault.path ?? undefined}
        >
          Vault: {VAULT_LABELS[vault.state]}
        </span>
        <Button
          variant="ghost"
          small
          onClick={onShowShortcuts}
          aria-label="Keyboard shortcuts…"
          title={`Keyboard shortcuts (${shortcutLabel('Ctrl+/', appInfo?.platform)})`}
        >
          <span aria-hidden="true">⌨ </span>
          Shortcuts…
        </Button>
        {vault.state === 'unlocked' && (
          <Button
            small
            onClick={onLock}
            title={`Lock the vault (${shortcutLabel('Ctrl+L', appInfo?.platform)})`}
          >
            Lock
          </Button>
        )}
      </div>
    </header>
  );
}
