import { useState } from 'react';
import { REVOCATION_REASONS, type RevocationReason } from '../../../../shared/domain/types';
import { useAppStore } from '../../store';
import { api } from '../../lib/api';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Field, TextField } from '../../components/Field';
import { REASON_HELP, REASON_LABELS, revocationDateInput } from './reasons';
import '../issuance/issuance.css';
import { MessageText } from '../../components/MessageText';
import { zoneName } from '../../components/format';

export interface RevokeDialogProps {
  id: string;
  cn: string;
  onClose: () => void;
}

/** Revoke one certificate with an RFC 5280 reason and date; the next CRL of its CA lists it. */
export function RevokeDialog({ id, cn, onClose }: RevokeDialogProps): React.JSX.Element {
  const loadCerts = useAppStore((s) => s.loadCerts);
  const pushToast = useAppStore((s) => s.pushToast);
  const nowMs = useAppStore((s) => s.nowMs);
  const [reason, setReason] = useState<RevocationReason>('superseded');
  const [date, setDate] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const dateParse = revocationDateInput(date);

  const revoke = async (): Promise<void> => {
    if (!dateParse.ok) return;
    setBusy(true);
    setError(null);
    const r = await api().certs.revoke({ id, reason, ...(dateParse.value ? { date: dateParse.value } : {}) });
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    pushToast('success', `Revoked ${cn} (${reason}). Generate a new CRL for its CA to publish it.`);
    void loadCerts();
    onClose();
  };

  return (
    <Dialog
      title={`Revoke ${cn}`}
      onClose={onClose}
      size="small"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="danger" busy={busy} disabled={!dateParse.ok} onClick={() => void revoke()}>
            Revoke certificate
          </Button>
        </>
      }
    >
      <p>Revocation cannot be undone. Clients that check the CRL will refuse this certificate.</p>
      <Field label="Reason" hint={`${REASON_HELP[reason]} RFC 5280 reason code: ${reason}`}>
        {(control) => (
          <select
            {...control}
            value={reason}
            onChange={(e) => setReason(e.target.value as RevocationReason)}
            data-autofocus
          >
            {REVOCATION_REASONS.map((r) => (
              <option key={r} value={r}>
                {REASON_LABELS[r]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <TextField
        label="Revocation date"
        type="datetime-local"
        value={date}
        onChange={(e) => setDate(e.target.value)}
        error={dateParse.ok ? null : dateParse.reason}
        hint={`In this computer's local time (${zoneName(new Date(nowMs).toISOString())}). Leave empty for now. An earlier date says since when the certificate should not be trusted (e.g. when a key leaked).`}
      />
      {error && (
        <p className="form-error" role="alert">
          <MessageText text={error} />
        </p>
      )}
    </Dialog>
  );
}
