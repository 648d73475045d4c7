import { useState } from 'react';
import { Button, Field, PathPicker, Tabs, TextField, MessageText } from '../../components';
import type { PathChoice } from '../../../../shared/ipc/path-grants';
import { chooseFile } from '../../lib/choose-path';
import { useAppStore } from '../../store';
import { InspectResultView } from './InspectResultView';

type Source = 'paste' | 'file';

/** Inspect an external file: paste, a file chosen in main's dialog, or drop anywhere on the window (see use-file-drop.ts). */
export function InspectPage(): React.JSX.Element {
  const result = useAppStore((s) => s.inspectResult);
  const source = useAppStore((s) => s.inspectSource);
  const error = useAppStore((s) => s.inspectError);
  const inspecting = useAppStore((s) => s.inspecting);
  const { inspectText, inspectFile, openCert, copyText } = useAppStore.getState();
  const [tab, setTab] = useState<Source>('paste');
  const [text, setText] = useState('');
  const [file, setFile] = useState<PathChoice | null>(null);
  // Only for PKCS#12: local state, cleared after each attempt.
  const [passphrase, setPassphrase] = useState('');
  const [inputError, setInputError] = useState<string | null>(null);

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    const value = tab === 'paste' ? text.trim() : file;
    if (!value) {
      setInputError(
        tab === 'paste' ? 'Paste PEM text (or base64 DER) first.' : 'Choose the file to inspect.',
      );
      return;
    }
    setInputError(null);
    const pass = passphrase || undefined;
    setPassphrase('');
    if (typeof value === 'string') await inspectText(value, 'Pasted text', pass);
    else {
      // main's grant is used up by this call: inspecting again starts from a new choice.
      setFile(null);
      await inspectFile(value, pass);
    }
  };
  const choose = async (): Promise<void> => {
    const chosen = await chooseFile({
      purpose: 'read-file',
      title: 'Inspect a file',
      filters: [
        {
          name: 'Certificates, CSRs, CRLs, PKCS#12',
          extensions: ['pem', 'crt', 'cer', 'der', 'csr', 'crl', 'p12', 'pfx'],
        },
      ],
    });
    if (chosen) setFile(chosen);
  };

  return (
    <div className="page">
      <div className="page-header">
        <h2>Inspect a file</h2>
      </div>
      <p className="muted">
        Certificates, chains, CSRs, CRLs and PKCS#12 bundles are decoded and checked against this vault&apos;s
        CAs. You can also drop a file anywhere on the window.
      </p>
      <form className="panel" onSubmit={(e) => void submit(e)} noValidate aria-label="Inspect input">
        <Tabs
          label="Input"
          tabs={[
            { id: 'paste', label: 'Paste text' },
            { id: 'file', label: 'File' },
          ]}
          selected={tab}
          onSelect={setTab}
        >
          {tab === 'paste' ? (
            <Field label="PEM text" error={inputError}>
              {(c) => (
                <textarea
                  {...c}
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                  placeholder="-----BEGIN CERTIFICATE-----"
                  spellCheck={false}
                />
              )}
            </Field>
          ) : (
            <PathPicker
              label="File to inspect"
              chooseLabel="Choose file to inspect"
              choice={file}
              onChoose={() => void choose()}
              error={inputError}
              placeholder="No file chosen"
            />
          )}
          <TextField
            label="PKCS#12 passphrase (only for .p12/.pfx)"
            type="password"
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
            autoComplete="off"
          />
          <Button type="submit" variant="primary" busy={inspecting}>
            Inspect
          </Button>
        </Tabs>
      </form>
      {error && (
        <p className="alert alert-error" role="alert">
          {source ? `${source}: ` : ''}
          <MessageText text={error} />
        </p>
      )}
      {result && (
        <InspectResultView
          result={result}
          source={source}
          onOpenKnown={openCert}
          onCopy={(t, l) => void copyText(t, l)}
        />
      )}
    </div>
  );
}
