import { useState } from 'react';
import { Button, Field, Tabs, TextField } from '../../components';
import { useAppStore } from '../../store';
import { InspectResultView } from './InspectResultView';

type Source = 'paste' | 'path';

/** Inspect an external file: paste, typed path, or drop anywhere on the window (see use-file-drop.ts). */
export function InspectPage(): React.JSX.Element {
  const result = useAppStore((s) => s.inspectResult);
  const source = useAppStore((s) => s.inspectSource);
  const error = useAppStore((s) => s.inspectError);
  const inspecting = useAppStore((s) => s.inspecting);
  const { inspectText, inspectPath, openCert, copyText } = useAppStore.getState();
  const [tab, setTab] = useState<Source>('paste');
  const [text, setText] = useState('');
  const [path, setPath] = useState('');
  // Only for PKCS#12: local state, cleared after each attempt.
  const [passphrase, setPassphrase] = useState('');
  const [inputError, setInputError] = useState<string | null>(null);

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    const value = tab === 'paste' ? text.trim() : path.trim();
    if (!value) {
      setInputError(
        tab === 'paste' ? 'Paste PEM text (or base64 DER) first.' : 'Type the path of the file to inspect.',
      );
      return;
    }
    setInputError(null);
    const pass = passphrase || undefined;
    setPassphrase('');
    if (tab === 'paste') await inspectText(value, 'Pasted text', pass);
    else await inspectPath(value, pass);
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
            { id: 'path', label: 'File path' },
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
            <TextField
              label="File path"
              value={path}
              onChange={(e) => setPath(e.target.value)}
              error={inputError}
              placeholder="/media/usb/user-service/server.crt"
              spellCheck={false}
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
          {error}
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
