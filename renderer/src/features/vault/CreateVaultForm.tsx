import { useState } from 'react';
import type { AppErrorShape } from '../../../../shared/result';
import type { PathChoice } from '../../../../shared/ipc/path-grants';
import { Button, PathPicker } from '../../components';
import { NewPassphraseFields } from './NewPassphraseFields';
import { MIN_PASSPHRASE_LENGTH, newPassphraseErrors } from './passphrase-strength';

export interface CreateVaultFormProps {
  /** returns the service's error, or null on success */
  onCreate: (input: { location?: PathChoice; passphrase: string }) => Promise<AppErrorShape | null>;
  /** asks main to show its save dialog for the new vault file; null when cancelled */
  onChooseLocation: () => Promise<PathChoice | null>;
}

/** Passphrases live in this component's state only and are cleared once submitted. */
export function CreateVaultForm({ onCreate, onChooseLocation }: CreateVaultFormProps): React.JSX.Element {
  const [location, setLocation] = useState<PathChoice | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<AppErrorShape | null>(null);

  const errors = newPassphraseErrors(passphrase, confirm);
  const pathError =
    serverError && ['VAULT_EXISTS', 'INVALID_INPUT', 'NOT_FOUND'].includes(serverError.code)
      ? serverError.message
      : null;
  const passError =
    serverError?.code === 'WEAK_PASSPHRASE' ? serverError.message : submitted ? errors.passphrase : null;
  const otherError =
    serverError && !pathError && serverError.code !== 'WEAK_PASSPHRASE' ? serverError.message : null;

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    setSubmitted(true);
    setServerError(null);
    if (errors.passphrase || errors.confirm) return;
    setBusy(true);
    // main's grant is used up by this call: another attempt starts from a new choice.
    setLocation(null);
    const error = await onCreate(location ? { location, passphrase } : { passphrase });
    setBusy(false);
    setPassphrase('');
    setConfirm('');
    setSubmitted(false);
    setServerError(error);
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Create a new vault">
      <PathPicker
        label="Vault file (optional)"
        chooseLabel="Choose where to create the vault"
        choice={location}
        onChoose={() =>
          void onChooseLocation().then((chosen) => {
            if (chosen) setLocation(chosen);
          })
        }
        error={pathError}
        hint="Leave it unchosen to use the default vault file of this workstation."
        placeholder="Default location"
      />
      <NewPassphraseFields
        label="Passphrase"
        passphrase={passphrase}
        repeat={confirm}
        onPassphrase={setPassphrase}
        onRepeat={setConfirm}
        passphraseError={passError}
        repeatError={submitted ? errors.confirm : null}
        repeatHint={`At least ${MIN_PASSPHRASE_LENGTH} characters. There is no recovery without it: keep it somewhere safe.`}
        autoFocus
      />
      {otherError && (
        <p className="alert alert-error" role="alert">
          {otherError}
        </p>
      )}
      <Button type="submit" variant="primary" busy={busy}>
        Create vault
      </Button>
    </form>
  );
}
