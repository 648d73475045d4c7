import { useState } from 'react';
import type { AppErrorShape } from '../../../../shared/result';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { PathPicker } from '../../components/PathPicker';
import { Tabs } from '../../components/Tabs';
import type { PathChoice } from '../../../../shared/ipc/path-grants';
import { chooseFile } from '../../lib/choose-path';
import type { ImportCaInput } from './ca-actions';
import { MessageText } from '../../components/MessageText';

export interface ImportCaDialogProps {
  onSubmit: (input: ImportCaInput) => Promise<AppErrorShape | null>;
  onClose: () => void;
}

type Mode = 'pem' | 'p12';

/** Import an existing CA with its key: certificate + key files, or one PKCS#12 file (product.md §2). */
export function ImportCaDialog({ onSubmit, onClose }: ImportCaDialogProps): React.JSX.Element {
  const [mode, setMode] = useState<Mode>('pem');
  const [certFile, setCertFile] = useState<PathChoice | null>(null);
  const [keyFile, setKeyFile] = useState<PathChoice | null>(null);
  const [keyPassphrase, setKeyPassphrase] = useState('');
  const [p12File, setP12File] = useState<PathChoice | null>(null);
  const [p12Passphrase, setP12Passphrase] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const missing =
    mode === 'pem'
      ? {
          cert: certFile ? null : 'Choose the CA certificate file (PEM or DER)',
          key: keyFile ? null : 'Choose the CA private key file',
        }
      : { p12: p12File ? null : 'Choose the PKCS#12 (.p12 / .pfx) file' };
  const choose = async (
    set: (c: PathChoice | null) => void,
    title: string,
    extensions: string[],
  ): Promise<void> => {
    const file = await chooseFile({ purpose: 'read-file', title, filters: [{ name: title, extensions }] });
    if (file) set(file);
  };
  const blocked = Object.values(missing).some(Boolean);

  const submit = async (e?: React.FormEvent): Promise<void> => {
    e?.preventDefault();
    setTried(true);
    if (blocked) return;
    setBusy(true);
    setError(null);
    const input: ImportCaInput =
      mode === 'pem'
        ? {
            certGrant: certFile?.grant ?? '',
            keyGrant: keyFile?.grant ?? '',
            ...(keyPassphrase ? { keyPassphrase } : {}),
          }
        : { p12Grant: p12File?.grant ?? '', p12Passphrase };
    const failure = await onSubmit(input);
    setBusy(false);
    if (failure) {
      // main's grants are used up by any attempt: the next one starts from a new choice of the files.
      setCertFile(null);
      setKeyFile(null);
      setP12File(null);
      setTried(false);
      setError(`${failure.message} Choose the file${mode === 'pem' ? 's' : ''} again to retry.`);
    } else onClose();
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
              <PathPicker
                label="Certificate file"
                chooseLabel="Choose certificate file"
                choice={certFile}
                onChoose={() => void choose(setCertFile, 'CA certificate', ['crt', 'pem', 'cer', 'der'])}
                error={tried ? missing.cert : null}
                hint="PEM or DER, e.g. ca.crt on the USB stick"
                placeholder="No file chosen"
              />
              <PathPicker
                label="Private key file"
                chooseLabel="Choose private key file"
                choice={keyFile}
                onChoose={() => void choose(setKeyFile, 'CA private key', ['key', 'pem'])}
                error={tried ? missing.key : null}
                hint="PKCS#1, SEC1, PKCS#8 or encrypted PKCS#8, e.g. ca.key"
                placeholder="No file chosen"
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
              <PathPicker
                label="PKCS#12 file"
                chooseLabel="Choose PKCS#12 file"
                choice={p12File}
                onChoose={() => void choose(setP12File, 'PKCS#12', ['p12', 'pfx'])}
                error={tried ? missing.p12 : null}
                hint="e.g. ca.p12 or ca.pfx"
                placeholder="No file chosen"
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
            <MessageText text={error} />
          </p>
        )}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
