import { useState } from 'react';
import type { ImportPreview, ImportResult } from '../../../../shared/domain/types';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { ImportPreviewView } from './ImportPreviewView';
import { previewImport, runImport, SOURCE_NAMES, type ChosenSource } from './migration-actions';
import { MessageText } from '../../components/MessageText';

export interface ImportSourceDialogProps {
  chosen: ChosenSource;
  onImported: (result: ImportResult) => void;
  onClose: () => void;
}

type Step = { kind: 'password' } | { kind: 'preview'; preview: ImportPreview };

/** Password → preview (counts, conflicts, problems, per-item notes and lint) → one atomic import. */
export function ImportSourceDialog({
  chosen,
  onImported,
  onClose,
}: ImportSourceDialogProps): React.JSX.Element {
  const name = SOURCE_NAMES[chosen.source];
  const secretLabel = chosen.source === 'xca' ? 'Database password' : 'PKI passphrase';
  const [password, setPassword] = useState('');
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const preview = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    const r = await previewImport(chosen, password);
    setBusy(false);
    if (r.ok) setStep({ kind: 'preview', preview: r.value });
    else setError(r.error.message);
  };

  const commit = async (skipConflicts: boolean): Promise<void> => {
    setBusy(true);
    setError(null);
    const r = await runImport(chosen, password, skipConflicts);
    setBusy(false);
    if (r.ok) onImported(r.value);
    else setError(r.error.message);
  };

  const p = step.kind === 'preview' ? step.preview : null;
  const adds = p ? p.counts.cas + p.counts.leaves : 0;
  const footer = p ? (
    <>
      <Button onClick={onClose}>Cancel</Button>
      {p.counts.conflicts > 0 ? (
        <Button variant="primary" busy={busy} disabled={adds === 0} onClick={() => void commit(true)}>
          Import without conflicting items
        </Button>
      ) : (
        <Button
          variant="primary"
          busy={busy}
          disabled={adds === 0 && p.counts.crlNumbers === 0}
          onClick={() => void commit(false)}
        >
          Import {adds} certificate{adds === 1 ? '' : 's'}
        </Button>
      )}
    </>
  ) : (
    <>
      <Button onClick={onClose}>Cancel</Button>
      <Button variant="primary" busy={busy} onClick={() => void preview()}>
        Preview
      </Button>
    </>
  );

  return (
    <Dialog title={`Import from ${name}`} size={p ? 'large' : 'medium'} onClose={onClose} footer={footer}>
      <p className="muted">
        Source: <code>{chosen.path}</code>
      </p>
      {step.kind === 'password' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void preview();
          }}
        >
          <TextField
            label={secretLabel}
            type="password"
            autoComplete="off"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            hint={
              chosen.source === 'xca'
                ? 'XCA encrypts the private keys with it. Nothing is written until you confirm the preview.'
                : 'For encrypted keys (leave empty for a nopass PKI). Nothing is written until you confirm the preview.'
            }
            data-autofocus
          />
        </form>
      )}
      {p && <ImportPreviewView preview={p} />}
      {error && (
        <p className="form-error" role="alert">
          <MessageText text={error} />
        </p>
      )}
    </Dialog>
  );
}
