import { useMemo, useRef, useState } from 'react';
import type { BatchProgress, BatchResult } from '../../../../shared/domain/types';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { MessageText } from '../../components/MessageText';
import { Field } from '../../components/Field';
import { PathPicker } from '../../components/PathPicker';
import type { PathChoice } from '../../../../shared/ipc/path-grants';
import { api } from '../../lib/api';
import { chooseFile } from '../../lib/choose-path';
import { useAppStore } from '../../store';
import { ExportDialog } from '../export/ExportDialog';
import {
  batchDefaults,
  issuedIds,
  newBatchId,
  previewManifest,
  resultSummary,
  SAMPLE_MANIFEST,
} from './batch-model';
import { BatchPreviewTable } from './BatchPreviewTable';
import { BatchProgressBar } from './BatchProgressBar';
import { BatchResultTable } from './BatchResultTable';
import './batch.css';
import { WriteButton } from '../vault/WriteButton';

/**
 * Batch issuance (issue #8): paste or pick a CSV/JSON manifest, see every row's verdict before anything is
 * issued, issue the valid rows under one CA with progress and cancel, then export them all.
 */
export function BatchPage(): React.JSX.Element {
  const certs = useAppStore((s) => s.certs);
  const settings = useAppStore((s) => s.settings);
  const pushToast = useAppStore((s) => s.pushToast);
  const signers = useMemo(() => certs.filter((c) => c.kind === 'ca' && c.hasKey && !c.revoked), [certs]);
  const [text, setText] = useState('');
  const [caId, setCaId] = useState<string>('');
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<BatchProgress | null>(null);
  const [result, setResult] = useState<BatchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [file, setFile] = useState<PathChoice | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const batchId = useRef<string | null>(null);

  const preview = useMemo(() => previewManifest(text, batchDefaults(settings)), [text, settings]);
  const chosenCa = signers.find((c) => c.id === caId) ?? (signers.length === 1 ? signers[0] : undefined);
  const canIssue = !running && !!chosenCa && !!preview && !preview.fileError && preview.valid > 0;

  // main shows its open dialog and reads the chosen file; the renderer only receives the text to preview.
  const pickFile = async (): Promise<void> => {
    const choice = await chooseFile({
      purpose: 'read-file',
      title: 'Choose a batch manifest',
      filters: [
        { name: 'Manifests (CSV, JSON)', extensions: ['csv', 'json'] },
        { name: 'All files', extensions: ['*'] },
      ],
    });
    if (!choice?.grant) return;
    const r = await api().batch.readManifest({ fileGrant: choice.grant });
    if (r.ok) {
      setFile(choice);
      setFileError(null);
      setText(r.value.manifest);
      setResult(null);
    } else {
      setFile(null);
      setFileError(r.error.message);
    }
  };

  const issue = async (): Promise<void> => {
    if (!chosenCa || !canIssue) return;
    const id = newBatchId(() => crypto.randomUUID());
    batchId.current = id;
    setRunning(true);
    setProgress(null);
    setResult(null);
    setError(null);
    const off = api().on('batch:progress', (p) => {
      if (p.batchId === id) setProgress(p);
    });
    try {
      const r = await api().batch.issue({ caId: chosenCa.id, manifest: text, batchId: id });
      if (r.ok) {
        setResult(r.value);
        pushToast(r.value.failed || r.value.cancelled ? 'info' : 'success', resultSummary(r.value));
      } else setError(r.error.message);
    } finally {
      off();
      batchId.current = null;
      setRunning(false);
    }
  };

  const cancel = async (): Promise<void> => {
    const id = batchId.current;
    if (id) await api().batch.cancel({ batchId: id });
  };

  const exportIds = issuedIds(result);
  return (
    <section className="cd-page batch-page" aria-labelledby="batch-title">
      <header className="page-header">
        <h2 id="batch-title">Batch issuance</h2>
      </header>
      {signers.length === 0 ? (
        <EmptyState title="No CA that can sign">
          Create or import a CA with its private key on the Authorities screen first.
        </EmptyState>
      ) : (
        <div className="panel">
          <h3>Manifest</h3>
          <p className="muted">
            CSV with the header <code>name,profile,sans,key,days</code> or a JSON array of{' '}
            <code>{'{ name, profile, sans: [...], key, days }'}</code>. The name becomes the CN; profiles are
            server, client or service; empty key/days use the vault defaults.
          </p>
          <PathPicker
            label="Manifest file"
            chooseLabel="Choose manifest file"
            choice={file}
            onChoose={() => {
              if (!running) void pickFile();
            }}
            error={fileError}
            placeholder="No file chosen: paste below or choose a file"
          />
          <Field
            label="Manifest (CSV or JSON)"
            hint={
              <Button small variant="ghost" onClick={() => setText(SAMPLE_MANIFEST)} disabled={running}>
                Insert an example
              </Button>
            }
          >
            {(control) => (
              <textarea
                {...control}
                className="batch-manifest"
                value={text}
                spellCheck={false}
                disabled={running}
                onChange={(e) => {
                  setText(e.target.value);
                  setFile(null);
                  setResult(null);
                }}
              />
            )}
          </Field>
          <Field label="Issuing CA">
            {(control) => (
              <select
                {...control}
                value={chosenCa?.id ?? ''}
                onChange={(e) => setCaId(e.target.value)}
                disabled={running}
              >
                {!chosenCa && <option value="">Choose a CA…</option>}
                {signers.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.cn} ({c.profile === 'root' ? 'root' : 'intermediate'}, expires{' '}
                    {c.notAfter.slice(0, 10)})
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      )}

      {preview && (
        <div className="panel" aria-label="Preview" role="region">
          <h3>Preview</h3>
          {preview.fileError ? (
            <p className="alert alert-error" role="alert">
              {preview.fileError}
            </p>
          ) : (
            <>
              <p className="batch-summary" role="status" aria-label="Preview summary">
                {preview.valid} ready · {preview.invalid} with problems (they are skipped and reported)
              </p>
              <BatchPreviewTable preview={preview} />
            </>
          )}
          <div className="button-row batch-summary">
            <WriteButton variant="primary" onClick={() => void issue()} disabled={!canIssue} busy={running}>
              {preview.valid === 1 ? 'Issue 1 certificate' : `Issue ${preview.valid} certificates`}
            </WriteButton>
            {running && <Button onClick={() => void cancel()}>Cancel</Button>}
          </div>
          {running && <BatchProgressBar progress={progress} expected={preview.valid} />}
          {error && (
            <p className="alert alert-error" role="alert">
              <MessageText text={error} />
            </p>
          )}
        </div>
      )}

      {result && (
        <div className="panel" role="region" aria-label="Result">
          <h3>Result</h3>
          <div className="batch-summary">
            <p role="status" aria-label="Batch outcome">
              {resultSummary(result)}
            </p>
            <Button variant="primary" onClick={() => setExporting(true)} disabled={exportIds.length === 0}>
              Export all…
            </Button>
          </div>
          <BatchResultTable rows={result.rows} />
        </div>
      )}
      {exporting && <ExportDialog ids={exportIds} onClose={() => setExporting(false)} />}
    </section>
  );
}
