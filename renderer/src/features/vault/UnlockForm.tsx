import { useState } from 'react';
import type { AppErrorShape } from '../../../../shared/result';
import { Button, TextField } from '../../components';

export interface UnlockFormProps {
  path: string | null;
  onUnlock: (passphrase: string) => Promise<AppErrorShape | null>;
}

/** The passphrase stays in this component and is cleared after every attempt. */
export function UnlockForm({ path, onUnlock }: UnlockFormProps): React.JSX.Element {
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    if (!passphrase) {
      setError('Type the vault passphrase.');
      return;
    }
    setBusy(true);
    const r = await onUnlock(passphrase);
    setPassphrase('');
    setBusy(false);
    // The service's own message may be phrased for logs; the operator needs the verdict and the next step.
    if (r)
      setError(
        r.code === 'WRONG_PASSPHRASE'
          ? 'Wrong passphrase: nothing was changed. Check it and try again.'
          : r.message,
      );
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Unlock vault">
      {path && (
        <p className="muted">
          Vault file: <code>{path}</code>
        </p>
      )}
      <TextField
        label="Passphrase"
        type="password"
        value={passphrase}
        onChange={(e) => setPassphrase(e.target.value)}
        error={error}
        autoComplete="current-password"
        autoFocus
      />
      <Button type="submit" variant="primary" busy={busy}>
        Unlock
      </Button>
    </form>
  );
}
