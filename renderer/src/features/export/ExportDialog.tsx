import { useMemo, useState } from 'react';
import type { ExportResult } from '../../../../shared/domain/types';
import { useAppStore } from '../../store';
import { api } from '../../lib/api';
import { chooseFolder } from '../../lib/choose-path';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Field, TextField } from '../../components/Field';
import { PathPicker } from '../../components/PathPicker';
import { passphraseStrength } from '../vault/passphrase-strength';
import {
  EMPTY_EXPORT_FORM,
  exportErrors,
  exportInput,
  mainAsksBeforeExport,
  type ExportForm,
  type P12Choice,
} from './export-form';
import '../issuance/issuance.css';
import './export.css';
import { MessageText } from '../../components/MessageText';

const P12_HINTS: Record<P12Choice, string> = {
  none: 'Optional: certificate, chain and key in one .p12 file, for Java keystores and Windows.',
  modern: 'AES-256 + PBKDF2, protected by the export passphrase.',
  legacy: '3DES/RC2 for old Java and Windows: weaker, use only when the modern file is refused.',
};

export interface ExportDialogProps {
  ids: string[];
  onClose: () => void;
}

/** Export bundles (seed-style file names) into a folder the operator names; main writes every file. */
export function ExportDialog({ ids, onClose }: ExportDialogProps): React.JSX.Element {
  const certs = useAppStore((s) => s.certs);
  const pushToast = useAppStore((s) => s.pushToast);
  const [form, setForm] = useState<ExportForm>(EMPTY_EXPORT_FORM);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ExportResult | null>(null);

  const selected = useMemo(() => certs.filter((c) => ids.includes(c.id)), [certs, ids]);
  // Until the list has loaded, assume keys may be present so the passphrase is asked rather than skipped.
  const withKeys = selected.length === 0 || selected.some((c) => c.hasKey);
  const errors = exportErrors(form, withKeys);
  const shown = tried ? errors : {};
  const set = <K extends keyof ExportForm>(key: K, value: ExportForm[K]): void => {
    setForm((f) => ({ ...f, [key]: value }));
  };
  const names = selected.map((c) => c.cn).join(', ') || `${ids.length} certificate(s)`;

  const browse = async (): Promise<void> => {
    const folder = await chooseFolder({ purpose: 'write-folder', title: `Export ${names} to folder` });
    if (folder) set('folder', folder);
  };

  const submit = async (): Promise<void> => {
    setTried(true);
    if (Object.keys(errors).length > 0) return;
    setBusy(true);
    setError(null);
    const r = await api().export.bundle(exportInput(ids, form, withKeys));
    setBusy(false);
    if (r.ok) {
      setResult(r.value);
      pushToast('success', `Exported ${names} to ${r.value.dir}`);
    } else {
      // main's grant for the folder is used up by any attempt: the next one starts from a new choice.
      setForm((f) => ({ ...f, folder: null }));
      setTried(false);
      setError(r.error.message);
    }
  };
  const strength = passphraseStrength(form.passphrase);

  if (result) {
    return (
      <Dialog
        key="result"
        title="Export finished"
        onClose={onClose}
        footer={
          <Button variant="primary" onClick={onClose} data-autofocus>
            Done
          </Button>
        }
      >
        <p role="status">
          Written to <code>{result.dir}</code>, checksums verified.
          {result.unencryptedKeys
            ? ' Private keys were written unencrypted; this is recorded in the audit log.'
            : ''}
        </p>
        {result.bundles.map((b) => (
          <section key={b.id} className="cd-export-bundle" aria-label={`Files for ${b.cn}`}>
            <h3>{b.cn}</h3>
            <p className="muted mono">{b.dir}</p>
            <ul className="cd-file-list">
              {b.files.map((f) => (
                <li key={f} className="mono">
                  {f}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </Dialog>
    );
  }

  return (
    <Dialog
      key="form"
      title={`Export ${names}`}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" busy={busy} onClick={() => void submit()}>
            {mainAsksBeforeExport(form, withKeys) ? 'Export…' : 'Export'}
          </Button>
        </>
      }
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <PathPicker
          label="Target folder"
          chooseLabel="Choose target folder"
          choice={form.folder}
          onChoose={() => void browse()}
          error={shown.folder}
          placeholder="No folder chosen"
          hint="Each certificate gets its own sub-folder with ca.crt, server.crt or client.crt, the key, chain files and SHA256SUMS. A previous export of the same certificate is replaced only after you confirm."
        />
        {withKeys && (
          <fieldset>
            <legend>Private key protection</legend>
            {!form.unencrypted && (
              <p className="field-hint">
                Keys are written as encrypted PKCS#8; openssl and Go read them with this passphrase.
              </p>
            )}
            <label className="cd-check">
              <input
                type="checkbox"
                checked={form.unencrypted}
                onChange={(e) =>
                  setForm((f) => ({ ...f, unencrypted: e.target.checked, confirmUnencrypted: false }))
                }
              />
              Write unencrypted keys
            </label>
            {form.unencrypted && (
              <div className="cd-warning">
                <p role="alert">
                  <strong>Warning:</strong> anyone who copies the USB stick gets the private key and can
                  impersonate the service. Only do this if the target cannot read encrypted keys, and delete
                  the files once deployed. The export is recorded in the audit log.
                </p>
                <label className="cd-check">
                  <input
                    type="checkbox"
                    checked={form.confirmUnencrypted}
                    onChange={(e) => set('confirmUnencrypted', e.target.checked)}
                    aria-invalid={shown.confirmUnencrypted ? true : undefined}
                  />
                  I understand: write the private key unencrypted
                </label>
                {shown.confirmUnencrypted && <div className="field-error">{shown.confirmUnencrypted}</div>}
              </div>
            )}
          </fieldset>
        )}
        {(!form.unencrypted || form.p12 !== 'none') && (withKeys || form.p12 !== 'none') && (
          <label className="cd-check cd-check-row">
            <input
              type="checkbox"
              checked={form.generatePassphrase}
              onChange={(e) => set('generatePassphrase', e.target.checked)}
            />
            Generate a passphrase (CertDesk shows it once, in a separate window)
          </label>
        )}
        {(!form.unencrypted || form.p12 !== 'none') &&
          (withKeys || form.p12 !== 'none') &&
          !form.generatePassphrase && (
            <div className="form-grid">
              <TextField
                label="Export passphrase"
                type="password"
                autoComplete="new-password"
                value={form.passphrase}
                onChange={(e) => set('passphrase', e.target.value)}
                error={shown.passphrase}
                hint={
                  form.passphrase
                    ? `Strength: ${strength.label}${strength.tip ? ` — ${strength.tip}` : ''}`
                    : 'At least 12 characters, as for the vault.'
                }
              />
              <TextField
                label="Export passphrase again"
                type="password"
                autoComplete="new-password"
                value={form.passphraseAgain}
                onChange={(e) => set('passphraseAgain', e.target.value)}
                error={shown.passphraseAgain}
              />
            </div>
          )}
        <div className="form-grid">
          <Field label="PKCS#12 file" error={shown.p12} hint={P12_HINTS[form.p12]}>
            {(control) => (
              <select {...control} value={form.p12} onChange={(e) => set('p12', e.target.value as P12Choice)}>
                <option value="none">None</option>
                <option value="modern">Modern (AES-256)</option>
                <option value="legacy">Legacy (old Java / Windows)</option>
              </select>
            )}
          </Field>
          <label className="cd-check cd-check-field">
            <input
              type="checkbox"
              checked={form.includeCrl}
              onChange={(e) => set('includeCrl', e.target.checked)}
            />
            Include the CA's latest CRL
          </label>
        </div>
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
