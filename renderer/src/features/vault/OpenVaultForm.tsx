import { useState } from 'react';
import type { PathChoice } from '../../../../shared/ipc/path-grants';
import type { AppErrorShape } from '../../../../shared/result';
import { Button, PathPicker } from '../../components';

export interface OpenVaultFormProps {
  onOpen: (file: PathChoice) => Promise<AppErrorShape | null>;
  /** asks main to show its open dialog; null when cancelled */
  onBrowse: () => Promise<PathChoice | null>;
}

export function OpenVaultForm({ onOpen, onBrowse }: OpenVaultFormProps): React.JSX.Element {
  const [file, setFile] = useState<PathChoice | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    if (!file) {
      setError('Choose the vault file to open.');
      return;
    }
    setBusy(true);
    // main's grant is used up by this call: another attempt starts from a new choice.
    setFile(null);
    const r = await onOpen(file);
    setBusy(false);
    setError(r?.message ?? null);
  };
  const browse = async (): Promise<void> => {
    const chosen = await onBrowse();
    if (chosen) {
      setFile(chosen);
      setError(null);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Open an existing vault">
      <PathPicker
        label="Vault file"
        chooseLabel="Choose vault file"
        choice={file}
        onChoose={() => void browse()}
        error={error}
        placeholder="No vault file chosen"
      />
      <Button type="submit" variant="primary" busy={busy}>
        Open vault
      </Button>
    </form>
  );
}
