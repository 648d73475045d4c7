import { useState } from 'react';
import type { AppErrorShape } from '../../../../shared/result';
import { Button, TextField, type ButtonVariant } from '../../components';
import type { UnlockOptions } from '../../store/session-slice';

/** One way to unlock: the first is the form's default (Enter), the others are extra buttons. */
export interface UnlockAction {
  label: string;
  variant?: ButtonVariant;
  options?: UnlockOptions;
}

export interface UnlockFormProps {
  path: string | null;
  onUnlock: (passphrase: string, options?: UnlockOptions) => Promise<AppErrorShape | null>;
  /** Default: a single "Unlock". */
  actions?: readonly UnlockAction[];
}

const PLAIN_UNLOCK: readonly UnlockAction[] = [{ label: 'Unlock', variant: 'primary' }];

/** The passphrase stays in this component and is cleared after every attempt. */
export function UnlockForm({ path, onUnlock, actions = PLAIN_UNLOCK }: UnlockFormProps): React.JSX.Element {
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const run = async (action: UnlockAction): Promise<void> => {
    if (!passphrase) {
      setError('Type the vault passphrase.');
      return;
    }
    setBusy(action.label);
    const r = await onUnlock(passphrase, action.options);
    setPassphrase('');
    setBusy(null);
    // The service's own message may be phrased for logs; the operator needs the verdict and the next step.
    if (!r) setError(null);
    else if (r.code === 'WRONG_PASSPHRASE')
      setError('Wrong passphrase: nothing was changed. Check it and try again.');
    // Damaged and rolled-back vaults are explained above the form, with their choices.
    else if (r.code === 'VAULT_DAMAGED' || r.code === 'VAULT_ROLLED_BACK')
      setError('Not opened: see above, then type the passphrase again and choose.');
    else if (r.code === 'CANCELLED') setError('Not confirmed: nothing was changed.');
    else setError(r.message);
  };

  const [first, ...rest] = actions;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (first) void run(first);
      }}
      noValidate
      aria-label="Unlock vault"
    >
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
      <div className="button-row">
        {first && (
          <Button type="submit" variant={first.variant ?? 'primary'} busy={busy === first.label}>
            {first.label}
          </Button>
        )}
        {rest.map((a) => (
          <Button
            key={a.label}
            variant={a.variant ?? 'secondary'}
            busy={busy === a.label}
            onClick={() => void run(a)}
          >
            {a.label}
          </Button>
        ))}
      </div>
    </form>
  );
}
