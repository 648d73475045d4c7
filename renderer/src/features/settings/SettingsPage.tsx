import { api } from '../../lib/api';
import { chooseFile } from '../../lib/choose-path';
import { useAppStore } from '../../store';
import { RecoveryPanel } from '../recovery/RecoveryPanel';
import { VaultMaintenance } from '../vault/VaultMaintenance';
import { SettingsForm } from './SettingsForm';

export function SettingsPage(): React.JSX.Element {
  const settings = useAppStore((s) => s.settings);
  const loaded = useAppStore((s) => s.settingsLoaded);
  const vaultPath = useAppStore((s) => s.vault.path);
  const nativeDialogs = useAppStore((s) => s.appInfo?.nativeDialogs === true);
  const { saveSettings, changePassphrase, backupVault, restoreVault } = useAppStore.getState();
  const chooseFolder = nativeDialogs
    ? async (): Promise<string | null> => {
        const r = await api().dialog.chooseFolder({
          purpose: 'write-folder',
          title: 'Folder for the vault backup',
        });
        return r.ok ? r.value.path : null;
      }
    : undefined;
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
        onChooseFolder={chooseFolder}
      />
      <RecoveryPanel />
    </div>
  );
}
