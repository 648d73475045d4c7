import { useState } from 'react';
import type { AppErrorShape } from '../../../../shared/result';
import type { PathChoice } from '../../../../shared/ipc/path-grants';
import { Button, PathPicker, TextField, MessageText } from '../../components';
import { NewPassphraseFields } from './NewPassphraseFields';
import { newPassphraseErrors } from './passphrase-strength';
import { WriteButton } from './WriteButton';

export interface VaultMaintenanceProps {
  vaultPath: string | null;
  onChangePassphrase: (current: string, next: string) => Promise<AppErrorShape | null>;
  onBackup: (target: PathChoice) => Promise<AppErrorShape | null>;
  onRestore: (backup: PathChoice, passphrase: string) => Promise<AppErrorShape | null>;
  /** asks main to show its open dialog for a backup; null when cancelled */
  onChooseBackup: () => Promise<PathChoice | null>;
  /** asks main to show its save dialog for a new backup file; null when cancelled */
  onChooseBackupTarget: () => Promise<PathChoice | null>;
}

/** Change passphrase, back up and restore. Passphrases stay in local state and are cleared after each submit. */
export function VaultMaintenance(props: VaultMaintenanceProps): React.JSX.Element {
  return (
    <section className="panel" aria-labelledby="vault-maint-title">
      <h3 id="vault-maint-title">Vault</h3>
      {props.vaultPath && (
        <p className="muted">
          Vault file: <code>{props.vaultPath}</code>
        </p>
      )}
      <div className="grid-2">
        <ChangePassphraseForm onSubmit={props.onChangePassphrase} />
        <div>
          <BackupForm onBackup={props.onBackup} onChooseBackupTarget={props.onChooseBackupTarget} />
          <RestoreForm onRestore={props.onRestore} onChooseBackup={props.onChooseBackup} />
        </div>
      </div>
    </section>
  );
}

function ChangePassphraseForm({
  onSubmit,
}: {
  onSubmit: VaultMaintenanceProps['onChangePassphrase'];
}): React.JSX.Element {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = newPassphraseErrors(next, repeat);

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    setSubmitted(true);
    setError(null);
    if (errors.passphrase || errors.confirm || !current) return;
    setBusy(true);
    const r = await onSubmit(current, next);
    setBusy(false);
    setCurrent('');
    setNext('');
    setRepeat('');
    setSubmitted(false);
    setError(r);
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Change passphrase">
      <h4>Change passphrase</h4>
      <TextField
        label="Current passphrase"
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
        error={
          error?.code === 'WRONG_PASSPHRASE'
            ? 'The current passphrase is wrong: nothing was changed.'
            : submitted && !current
              ? 'Type the current passphrase.'
              : null
        }
      />
      <NewPassphraseFields
        label="New passphrase"
        passphrase={next}
        repeat={repeat}
        onPassphrase={setNext}
        onRepeat={setRepeat}
        passphraseError={
          error?.code === 'WEAK_PASSPHRASE' ? error.message : submitted ? errors.passphrase : null
        }
        repeatError={submitted ? errors.confirm : null}
      />
      {error && !['WRONG_PASSPHRASE', 'WEAK_PASSPHRASE'].includes(error.code) && (
        <p className="alert alert-error" role="alert">
          <MessageText text={error.message} />
        </p>
      )}
      {/* main asks in its own box before the passphrase changes */}
      <WriteButton type="submit" busy={busy}>
        Change passphrase…
      </WriteButton>
    </form>
  );
}

function BackupForm({
  onBackup,
  onChooseBackupTarget,
}: Pick<VaultMaintenanceProps, 'onBackup' | 'onChooseBackupTarget'>): React.JSX.Element {
  const [target, setTarget] = useState<PathChoice | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    if (!target) {
      setError('Choose where to write the backup, e.g. a file on a USB stick.');
      return;
    }
    setBusy(true);
    // main's grant is used up by this call: another backup starts from a new choice.
    setTarget(null);
    const r = await onBackup(target);
    setBusy(false);
    setError(r?.message ?? null);
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Back up the vault">
      <h4>Back up</h4>
      <PathPicker
        label="Backup file"
        chooseLabel="Choose where to write the backup"
        choice={target}
        onChoose={() =>
          void onChooseBackupTarget().then((chosen) => {
            if (chosen) {
              setTarget(chosen);
              setError(null);
            }
          })
        }
        error={error}
        hint="An encrypted copy; it opens with the same passphrase. CertDesk re-reads it after writing."
        placeholder="No backup file chosen"
      />
      <Button type="submit" busy={busy}>
        Write backup
      </Button>
    </form>
  );
}

function RestoreForm({
  onRestore,
  onChooseBackup,
}: Pick<VaultMaintenanceProps, 'onRestore' | 'onChooseBackup'>): React.JSX.Element {
  const [backup, setBackup] = useState<PathChoice | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    if (!backup) {
      setError('Choose the backup file.');
      return;
    }
    setBusy(true);
    // main's grant is used up by this call: another attempt starts from a new choice.
    setBackup(null);
    const r = await onRestore(backup, passphrase);
    setPassphrase('');
    setBusy(false);
    setError(r?.message ?? null);
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Restore from a backup">
      <h4>Restore</h4>
      <p className="muted">
        Replaces this vault&apos;s contents with the backup. A backup that cannot be read changes nothing.
      </p>
      <PathPicker
        label="Backup to restore"
        chooseLabel="Choose backup to restore"
        choice={backup}
        onChoose={() =>
          void onChooseBackup().then((chosen) => {
            if (chosen) setBackup(chosen);
          })
        }
        error={error}
        placeholder="No backup chosen"
      />
      <TextField
        label="Backup passphrase"
        type="password"
        autoComplete="off"
        value={passphrase}
        onChange={(e) => setPassphrase(e.target.value)}
      />
      {/* main asks in its own box before the vault's contents are replaced */}
      <Button type="submit" variant="danger" busy={busy}>
        Restore backup…
      </Button>
    </form>
  );
}
