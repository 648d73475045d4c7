import { useState } from 'react';
import type { AppErrorShape } from '../../../../shared/result';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { Tabs } from '../../components/Tabs';
import type { ImportCaInput } from './ca-actions';

export interface ImportCaDialogProps {
  onSubmit: (input: ImportCaInput) => Promise<AppErrorShape | null>;
  onClose: () => void;
}

type Mode = 'pem' | 'p12';

/** Import an existing CA with its key: certificate + key files, or one PKCS#12 file (product.md §2). */
export function ImportCaDialog({ onSubmit, onClose }: ImportCaDialogProps): React.JSX.Element {
  const [mode, setMode] = useState<Mode>('pem');
  const [certPath, setCertPath] = useState('');
  const [keyPath, setKeyPath] = useState('');
  const [keyPassphrase, setKeyPassphrase] = useState('');
  const [p12Path, setP12Path] = useState('');
  const [p12Passphrase, setP12Passphrase] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const missing =
    mode === 'pem'
      ? {
          cert: certPath.trim() ? null : 'Type the path of the CA certificate (PEM or DER)',
          key: keyPath.trim() ? null : 'Type the path of the CA private key',
        }
      : { p12: p12Path.trim() ? null : 'Type the path of the PKCS#12 (.p12 / .pfx) file' };
  const blocked = Object.values(missing).some(Boolean);

  const submit = async (e?: React.FormEvent): Promise<void> => {
    e?.preventDefault();
    setTried(true);
    if (blocked) return;
    setBusy(true);
    setError(null);
    const input: ImportCaInput =
      mode === 'pem'
        ? { certPath: certPath.trim(), keyPath: keyPath.trim(), ...(keyPassphrase ? { keyPassphrase } : {}) }
        : { p12Path: p12Path.trim(), p12Passphrase };
    const failure = await onSubmit(input);
    setBusy(false);
    if (failure) setError(failure.message);
    else onClose();
  };

  return (
    <Dialog
      title="Import CA"
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" busy={busy} onClick={() => void submit()}>
            Import CA
          </Button>
        </>
      }
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Tabs
          label="Import format"
          tabs={[
            { id: 'pem', label: 'Certificate + key' },
            { id: 'p12', label: 'PKCS#12' },
          ]}
          selected={mode}
          onSelect={(m) => {
            setMode(m);
            setTried(false);
          }}
        >
          {mode === 'pem' ? (
            <>
              <TextField
                label="Certificate file"
                value={certPath}
                onChange={(e) => setCertPath(e.target.value)}
                error={tried ? missing.cert : null}
                hint="e.g. /media/usb/ca.crt"
                spellCheck={false}
                data-autofocus
              />
              <TextField
                label="Private key file"
                value={keyPath}
                onChange={(e) => setKeyPath(e.target.value)}
                error={tried ? missing.key : null}
                hint="PKCS#1, SEC1, PKCS#8 or encrypted PKCS#8, e.g. /media/usb/ca.key"
                spellCheck={false}
              />
              <TextField
                label="Key passphrase"
                type="password"
                value={keyPassphrase}
                onChange={(e) => setKeyPassphrase(e.target.value)}
                hint="Only for an encrypted key."
                autoComplete="off"
              />
            </>
          ) : (
            <>
              <TextField
                label="PKCS#12 file"
                value={p12Path}
                onChange={(e) => setP12Path(e.target.value)}
                error={tried ? missing.p12 : null}
                hint="e.g. /media/usb/ca.p12"
                spellCheck={false}
              />
              <TextField
                label="PKCS#12 passphrase"
                type="password"
                value={p12Passphrase}
                onChange={(e) => setP12Passphrase(e.target.value)}
                autoComplete="off"
              />
            </>
          )}
        </Tabs>
        <p className="field-hint">
          The key must match the certificate; it is stored encrypted in the vault and never leaves main.
        </p>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
