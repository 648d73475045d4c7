import { useEffect, useState } from 'react';
import { splitTypedShares } from '../../../../shared/domain/recovery-text';
import type { RecoveryStatus } from '../../../../shared/domain/types';
import type { AppErrorShape } from '../../../../shared/result';
import { Button, Dialog } from '../../components';
import { api } from '../../lib/api';
import { SharesField } from './SharesField';
import { NewPassphraseFields } from '../vault/NewPassphraseFields';
import { newPassphraseErrors } from '../vault/passphrase-strength';

export interface RecoverDialogProps {
  onRecover: (shares: string[], newPassphrase: string) => Promise<AppErrorShape | null>;
  onClose: () => void;
}

/**
 * "Recover with shares…": M custodians type or paste their shares, the operator sets a new passphrase. Shares
 * and passphrases stay in this component and are cleared after each attempt; main names any bad share.
 */
export function RecoverDialog({ onRecover, onClose }: RecoverDialogProps): React.JSX.Element {
  const [status, setStatus] = useState<RecoveryStatus | null | undefined>(undefined);
  const [text, setText] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const errors = newPassphraseErrors(next, repeat);

  useEffect(() => {
    void api()
      .recovery.status({})
      .then((r) => setStatus(r.ok ? r.value : null));
  }, []);

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    setSubmitted(true);
    setError(null);
    const shares = splitTypedShares(text);
    if (shares.length === 0) {
      setError('Paste or type the shares, an empty line between two shares.');
      return;
    }
    if (errors.passphrase || errors.confirm) return;
    setBusy(true);
    const r = await onRecover(shares, next);
    setBusy(false);
    setNext('');
    setRepeat('');
    setSubmitted(false);
    if (r) setError(r.message);
    else setText('');
  };

  return (
    <Dialog title="Recover with shares" onClose={onClose} size="medium">
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="Recover with shares">
        <p className="muted">
          {status === undefined
            ? 'Reading the vault…'
            : status
              ? `This vault opens with any ${status.threshold} of its ${status.shares} shares (vault ID ${status.vaultId}). A new passphrase replaces the lost one.`
              : 'This vault has no recovery shares: only its passphrase opens it.'}
        </p>
        <SharesField value={text} onChange={setText} error={error} />
        <NewPassphraseFields
          label="New passphrase"
          passphrase={next}
          repeat={repeat}
          onPassphrase={setNext}
          onRepeat={setRepeat}
          passphraseError={submitted ? errors.passphrase : null}
          repeatError={submitted ? errors.confirm : null}
        />
        <div className="button-row">
          <Button type="submit" variant="primary" busy={busy} disabled={status === null}>
            Recover and set passphrase
          </Button>
          <Button onClick={onClose}>Cancel</Button>
        </div>
      </form>
    </Dialog>
  );
}
