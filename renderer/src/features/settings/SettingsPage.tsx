import { useAppStore } from '../../store';
import { SettingsForm } from './SettingsForm';

export function SettingsPage(): React.JSX.Element {
  const settings = useAppStore((s) => s.settings);
  const loaded = useAppStore((s) => s.settingsLoaded);
  const saveSettings = useAppStore((s) => s.saveSettings);
  return (
    <div className="page">
      <div className="page-header">
        <h2>Settings</h2>
      </div>
      {!loaded && <p className="muted">Showing defaults: the saved settings could not be read yet.</p>}
      {/* Remount the form when the stored settings change (load or save elsewhere) so it shows them. */}
      <SettingsForm key={JSON.stringify(settings)} settings={settings} onSave={saveSettings} />
    </div>
  );
}
