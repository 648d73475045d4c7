import { useState } from 'react';
import type { AppErrorShape } from '../../../../shared/result';
import { Button, TextField } from '../../components';

export interface OpenVaultFormProps {
  onOpen: (path: string) => Promise<AppErrorShape | null>;
  /** present when native dialogs exist (Electron): asks main for a path */
  onBrowse?: () => Promise<string | null>;
  initialPath?: string;
}

export function OpenVaultForm({ onOpen, onBrowse, initialPath = '' }: OpenVaultFormProps): React.JSX.Element {
  const [path, setPath] = useState(initialPath);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    if (!path.trim()) {
      setError('Type the path of the vault file to open.');
      return;
    }
    setBusy(true);
    const r = await onOpen(path.trim());
    setBusy(false);
    setError(r?.message ?? null);
  };
  const browse = async (): Promise<void> => {
    const chosen = await onBrowse?.();
    if (chosen) setPath(chosen);
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Open an existing vault">
      <div className="button-row">
        <TextField
          className="grow"
          label="Vault file path"
          value={path}
          onChange={(e) => setPath(e.target.value)}
          error={error}
          placeholder="/media/usb/pki/vault.certdesk"
          autoComplete="off"
          spellCheck={false}
        />
        {onBrowse && (
          <Button onClick={() => void browse()} aria-label="Browse for a vault file">
            Browse…
          </Button>
        )}
      </div>
      <Button type="submit" variant="primary" busy={busy}>
        Open vault
      </Button>
    </form>
  );
}
