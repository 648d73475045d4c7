import { useId } from 'react';
import { sanListLabel } from '../../../../shared/domain/san-text';
import { KEY_ALGORITHMS, type CsrView, type KeyAlgorithm } from '../../../../shared/domain/types';
import { Button } from '../../components/Button';
import { Field } from '../../components/Field';
import { KEY_ALGORITHM_LABELS, KEY_ALGORITHM_NOTES } from './profile-options';

export interface KeyStepProps {
  keyMode: 'generate' | 'csr';
  keyAlgorithm: KeyAlgorithm;
  csrPem: string;
  csr: CsrView | null;
  csrError: string | null;
  csrBusy: boolean;
  onMode: (mode: 'generate' | 'csr') => void;
  onAlgorithm: (alg: KeyAlgorithm) => void;
  onCsrPem: (pem: string) => void;
  onReadCsr: () => void;
  onUseCsrRequest: () => void;
  /** Subject + SAN editors, shown under a parsed CSR so its requested names stay editable. */
  requestEditor: React.ReactNode;
}

export function KeyStep(p: KeyStepProps): React.JSX.Element {
  const id = useId();
  return (
    <>
      <fieldset className="cd-choice-list">
        <legend>Private key</legend>
        <label className="cd-choice">
          <input
            type="radio"
            name="key-mode"
            checked={p.keyMode === 'generate'}
            onChange={() => p.onMode('generate')}
          />
          <span className="cd-choice-main">
            <strong>Generate a new key</strong>
            <span className="muted">Generated in the main process and stored encrypted in the vault.</span>
          </span>
        </label>
        <label className="cd-choice">
          <input
            type="radio"
            name="key-mode"
            checked={p.keyMode === 'csr'}
            onChange={() => p.onMode('csr')}
          />
          <span className="cd-choice-main">
            <strong>Sign a CSR</strong>
            <span className="muted">The key stays with whoever made the certificate signing request.</span>
          </span>
        </label>
      </fieldset>
      {p.keyMode === 'generate' ? (
        <Field label="Key algorithm" hint={KEY_ALGORITHM_NOTES[p.keyAlgorithm]}>
          {(control) => (
            <select
              {...control}
              value={p.keyAlgorithm}
              onChange={(e) => p.onAlgorithm(e.target.value as KeyAlgorithm)}
            >
              {KEY_ALGORITHMS.map((a) => (
                <option key={a} value={a}>
                  {KEY_ALGORITHM_LABELS[a]}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : (
        <>
          <Field
            label="CSR (PEM)"
            error={p.csrError}
            hint="Paste the -----BEGIN CERTIFICATE REQUEST----- block."
          >
            {(control) => (
              <textarea
                {...control}
                value={p.csrPem}
                spellCheck={false}
                onChange={(e) => p.onCsrPem(e.target.value)}
              />
            )}
          </Field>
          <div className="button-row">
            <Button onClick={p.onReadCsr} busy={p.csrBusy} disabled={!p.csrPem.trim()}>
              Read CSR
            </Button>
          </div>
          {p.csr && (
            <section className="panel cd-csr" aria-labelledby={`${id}-csr`}>
              <h3 id={`${id}-csr`}>Requested in the CSR</h3>
              <dl className="cd-dl">
                <dt>Subject</dt>
                <dd className="mono">{p.csr.subject || '(empty)'}</dd>
                <dt>SANs</dt>
                <dd className="mono">{p.csr.sans.length ? sanListLabel(p.csr.sans) : 'none'}</dd>
                <dt>Public key</dt>
                <dd>
                  {p.csr.publicKey.algorithm}
                  {p.csr.publicKey.size ? ` ${p.csr.publicKey.size} bits` : ''}
                  {p.csr.publicKey.curve ? ` ${p.csr.publicKey.curve}` : ''}
                </dd>
                <dt>Signature</dt>
                <dd className={p.csr.signatureValid ? 'cd-ok' : 'cd-bad'}>
                  {p.csr.signatureValid
                    ? 'Valid: the requester holds the private key'
                    : 'Invalid: do not sign this CSR'}
                </dd>
              </dl>
              <div className="button-row">
                <Button onClick={p.onUseCsrRequest}>Use requested subject and SANs</Button>
              </div>
              <p className="field-hint">
                The certificate carries the subject and SANs below; edit them if the request asks for too
                much.
              </p>
              {p.requestEditor}
            </section>
          )}
        </>
      )}
    </>
  );
}
