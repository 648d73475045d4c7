import { useState } from 'react';
import type { CertSummary, CsrView, IssueResult } from '../../../../shared/domain/types';
import type { AppErrorShape, Result } from '../../../../shared/result';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Field, TextField } from '../../components/Field';
import { CopyBlock } from '../issuance/CopyBlock';
import { describeDays, parsePathLen, parseValidityDays } from './ca-form';
import type { SignCaCsrInput } from './ca-actions';
import { DateTime, MessageText } from '../../components';
import { formatDateTime } from '../../components/format';

export interface SignCaCsrDialogProps {
  parents: readonly CertSummary[];
  defaultDays: number;
  onParse: (pem: string) => Promise<Result<CsrView>>;
  onSubmit: (input: SignCaCsrInput) => Promise<Result<IssueResult>>;
  onClose: () => void;
}

/**
 * Scale-out path (product.md §2): sign the CSR of an online intermediate (step-ca, Vault) so the root
 * stays offline here. The key never comes to CertDesk; the signed certificate goes back as PEM.
 */
export function SignCaCsrDialog({
  parents,
  defaultDays,
  onParse,
  onSubmit,
  onClose,
}: SignCaCsrDialogProps): React.JSX.Element {
  const [parentId, setParentId] = useState(parents[0]?.id ?? '');
  const [pem, setPem] = useState('');
  const [csr, setCsr] = useState<CsrView | null>(null);
  const [csrError, setCsrError] = useState<string | null>(null);
  const [pathLen, setPathLen] = useState('0');
  const [days, setDays] = useState(String(defaultDays));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [result, setResult] = useState<IssueResult | null>(null);
  const parent = parents.find((p) => p.id === parentId) ?? null;
  const pathParse = parsePathLen(pathLen);
  const dayParse = parseValidityDays(days);
  const ready = parent && csr?.signatureValid && pathParse.ok && dayParse.ok;

  const read = async (): Promise<void> => {
    const r = await onParse(pem.trim());
    setCsr(r.ok ? r.value : null);
    setCsrError(
      r.ok
        ? r.value.signatureValid
          ? null
          : 'The CSR signature does not verify: ask for a new CSR'
        : r.error.message,
    );
  };
  const submit = async (): Promise<void> => {
    if (!ready || !pathParse.ok || !dayParse.ok) return;
    setBusy(true);
    setError(null);
    const r = await onSubmit({
      caId: parentId,
      csrPem: pem.trim(),
      profile: 'intermediate',
      pathLen: pathParse.value,
      ...(days.trim() === String(defaultDays) ? {} : { validity: { days: dayParse.value ?? defaultDays } }),
    });
    setBusy(false);
    if (r.ok) setResult(r.value);
    else setError(r.error);
  };

  if (result) {
    return (
      <Dialog
        key="result"
        title={`Signed ${result.summary.cn}`}
        onClose={onClose}
        size="large"
        footer={
          <Button variant="primary" onClick={onClose} data-autofocus>
            Done
          </Button>
        }
      >
        <p role="status">
          Install this certificate in the online CA, together with the chain up to {parent?.cn}. Valid{' '}
          <DateTime iso={result.summary.notBefore} /> → <DateTime iso={result.summary.notAfter} />.
        </p>
        {result.note && (
          <p className="cd-note" role="note">
            <MessageText text={result.note} />
          </p>
        )}
        <CopyBlock label="Intermediate CA certificate PEM" text={result.pem} />
      </Dialog>
    );
  }

  return (
    <Dialog
      key="form"
      title="Sign an intermediate CA CSR"
      onClose={onClose}
      size="large"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" busy={busy} disabled={!ready} onClick={() => void submit()}>
            Sign intermediate CA
          </Button>
        </>
      }
    >
      <Field label="Issuing CA" hint={parent ? `Valid until ${formatDateTime(parent.notAfter)}` : undefined}>
        {(control) => (
          <select {...control} value={parentId} onChange={(e) => setParentId(e.target.value)}>
            {parents.map((p) => (
              <option key={p.id} value={p.id}>
                {p.cn}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="Intermediate CA CSR (PEM)"
        error={csrError}
        hint="From step-ca, HashiCorp Vault or openssl: -----BEGIN CERTIFICATE REQUEST-----"
      >
        {(control) => (
          <textarea
            {...control}
            value={pem}
            spellCheck={false}
            data-autofocus
            onChange={(e) => {
              setPem(e.target.value);
              setCsr(null);
            }}
          />
        )}
      </Field>
      <div className="button-row">
        <Button onClick={() => void read()} disabled={!pem.trim()}>
          Read CSR
        </Button>
      </div>
      {csr && (
        <dl className="cd-dl cd-csr">
          <dt>Subject</dt>
          <dd className="mono">{csr.subject}</dd>
          <dt>Public key</dt>
          <dd>
            {csr.publicKey.algorithm}
            {csr.publicKey.size ? ` ${csr.publicKey.size} bits` : ''}
            {csr.publicKey.curve ? ` ${csr.publicKey.curve}` : ''}
          </dd>
          <dt>Signature</dt>
          <dd className={csr.signatureValid ? 'cd-ok' : 'cd-bad'}>
            {csr.signatureValid ? 'Valid' : 'Invalid: do not sign'}
          </dd>
        </dl>
      )}
      <div className="form-grid">
        <TextField
          label="Path length"
          inputMode="numeric"
          value={pathLen}
          onChange={(e) => setPathLen(e.target.value)}
          error={pathParse.ok ? null : pathParse.reason}
          hint="0: the online CA may issue leaves only, not further CAs."
        />
        <TextField
          label="Validity (days)"
          inputMode="numeric"
          value={days}
          onChange={(e) => setDays(e.target.value)}
          error={dayParse.ok ? null : dayParse.reason}
          hint={
            dayParse.ok && dayParse.value
              ? `${describeDays(dayParse.value)}; never beyond the issuing CA`
              : undefined
          }
        />
      </div>
      {error && (
        <p className="form-error" role="alert">
          <MessageText text={error.message} />
        </p>
      )}
    </Dialog>
  );
}
