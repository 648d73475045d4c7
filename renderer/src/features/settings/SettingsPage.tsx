import { chooseFile, chooseSaveFile } from '../../lib/choose-path';
import { useAppStore } from '../../store';
import { RecoveryPanel } from '../recovery/RecoveryPanel';
import { VaultMaintenance } from '../vault/VaultMaintenance';
import { SettingsForm } from './SettingsForm';

export function SettingsPage(): React.JSX.Element {
  const settings = useAppStore((s) => s.settings);
  const loaded = useAppStore((s) => s.settingsLoaded);
  const vaultPath = useAppStore((s) => s.vault.path);
  const { saveSettings, changePassphrase, backupVault, restoreVault } = useAppStore.getState();
  return (
    <div className="page">
      <div className="page-header">
        <h2>Settings</h2>
      </div>
      {!loaded && <p className="muted">Showing defaults: the saved settings could not be read yet.</p>}
      {/* Remount the form when the stored settings change (load or save elsewhere) so it shows them. */}
      <SettingsForm key={JSON.stringify(settings)} settings={settings} onSave={saveSettings} />
      <VaultMaintenance
        vaultPath={vaultPath}
        onChangePassphrase={changePassphrase}
        onBackup={backupVault}
        onRestore={restoreVault}
        onChooseBackup={() =>
          chooseFile({
            purpose: 'restore-vault',
            title: 'Choose the vault backup to restore',
            filters: [{ name: 'CertDesk vault', extensions: ['certdesk'] }],
          })
        }
        onChooseBackupTarget={() =>
          chooseSaveFile({
            title: 'Write the vault backup to',
            defaultName: `certdesk-backup-${new Date().toISOString().slice(0, 10)}.certdesk`,
            filters: [{ name: 'CertDesk vault', extensions: ['certdesk'] }],
          })
        }
      />
      <RecoveryPanel />
    </div>
  );
}
