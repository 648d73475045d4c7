import { useState } from 'react';
import type { AppErrorShape } from '../../../../shared/result';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { MessageText } from '../../components/MessageText';

export interface TrustAnchorDialogProps {
  onSubmit: (certPem: string) => Promise<AppErrorShape | null>;
  onClose: () => void;
}

/** A certificate-only CA (no key) so chains from outside can be checked against it. */
export function TrustAnchorDialog({ onSubmit, onClose }: TrustAnchorDialogProps): React.JSX.Element {
  const [pem, setPem] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const missing = pem.includes('-----BEGIN CERTIFICATE-----')
    ? null
    : 'Paste a PEM certificate (-----BEGIN CERTIFICATE-----)';

  const submit = async (): Promise<void> => {
    setTried(true);
    if (missing) return;
    setBusy(true);
    setError(null);
    const failure = await onSubmit(pem.trim());
    setBusy(false);
    if (failure) setError(failure.message);
    else onClose();
  };

  return (
    <Dialog
      title="Import trust anchor"
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" busy={busy} onClick={() => void submit()}>
            Import trust anchor
          </Button>
        </>
      }
    >
      <Field
        label="CA certificate (PEM)"
        error={tried ? missing : null}
        hint="No private key: this CA can be used to check chains, not to sign."
      >
        {(control) => (
          <textarea
            {...control}
            value={pem}
            spellCheck={false}
            onChange={(e) => setPem(e.target.value)}
            data-autofocus
          />
        )}
      </Field>
      {error && (
        <p className="form-error" role="alert">
          <MessageText text={error} />
        </p>
      )}
    </Dialog>
  );
}
