import { useState } from 'react';
import { splitTypedShares } from '../../../../shared/domain/recovery-text';
import type { RecoveryDrillResult, RecoveryStatus } from '../../../../shared/domain/types';
import { Button, Dialog } from '../../components';
import { api } from '../../lib/api';
import { SharesField } from './SharesField';

export interface DrillDialogProps {
  status: RecoveryStatus;
  onClose: () => void;
}

/**
 * "Practise a recovery…": custodians prove their shares still rebuild the current recovery key. Nothing in the
 * vault changes; main records the drill in the audit log. Shares stay in this component only.
 */
export function DrillDialog({ status, onClose }: DrillDialogProps): React.JSX.Element {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [passed, setPassed] = useState<RecoveryDrillResult | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    setError(null);
    setPassed(null);
    const shares = splitTypedShares(text);
    if (shares.length === 0) {
      setError('Paste or type the shares, an empty line between two shares.');
      return;
    }
    setBusy(true);
    const r = await api().recovery.drill({
      shares: shares.map((t, i) => ({ label: `share ${i + 1}`, text: t })),
    });
    setBusy(false);
    setText('');
    if (r.ok) setPassed(r.value);
    else setError(r.error.message);
  };

  return (
    <Dialog title="Practise a recovery" onClose={onClose} size="medium">
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="Practise a recovery">
        <p className="muted">
          {`Any ${status.threshold} of the ${status.shares} custodians type their shares. The drill proves they rebuild this vault's recovery key; nothing changes, and the drill is recorded in the audit log.`}
        </p>
        <SharesField value={text} onChange={setText} error={error} />
        {passed && (
          <p className="alert alert-ok" role="status">
            {`Passed: shares ${passed.used.join(', ')} rebuild the recovery key of ceremony ${passed.status.ceremonyId}. Nothing was changed.`}
          </p>
        )}
        <div className="button-row">
          <Button type="submit" variant="primary" busy={busy}>
            Run the drill
          </Button>
          <Button onClick={onClose}>Close</Button>
        </div>
      </form>
    </Dialog>
  );
}
