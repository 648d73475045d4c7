import { useId, useState } from 'react';
import type { CertSummary, ExportResult } from '../../../../shared/domain/types';
import type { Result } from '../../../../shared/result';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { MessageText } from '../../components/MessageText';

export interface TrustBundleDialogProps {
  /** every CA in the vault */
  authorities: CertSummary[];
  now: Date;
  /** the CA whose certificate alone is exported; absent for the whole trust bundle */
  only?: CertSummary;
  onExport: (input: {
    caIds: string[];
    withCrls: boolean;
    overwrite: boolean;
  }) => Promise<Result<ExportResult> | null>;
  onClose: () => void;
}

/** Why a CA cannot go into a bundle any more, or null (the service applies the same rule). */
function leftOutReason(ca: CertSummary, now: Date): string | null {
  if (ca.revoked) return 'revoked';
  if (Date.parse(ca.notAfter) <= now.getTime()) return 'expired';
  return null;
}

/**
 * The CAs main left out of the bundle, each with main's reason and its date: a CA below a revoked or expired
 * one is only found out by main, so the operator learns here which CA above it is to blame.
 */
export function LeftOutCas({
  excluded,
}: {
  excluded: NonNullable<ExportResult['excluded']>;
}): React.JSX.Element | null {
  const titleId = useId();
  if (excluded.length === 0) return null;
  return (
    <>
      <p className="muted" id={titleId}>
        Left out (listed in manifest.json):
      </p>
      <ul className="muted" aria-labelledby={titleId}>
        {excluded.map((e) => (
          <li key={e.id}>
            {e.cn}: <MessageText text={e.detail ?? e.reason} />
          </li>
        ))}
      </ul>
    </>
  );
}

/** Choose CAs (and CRLs), then a folder in main's dialog; the result lists the files written. */
export function TrustBundleDialog({
  authorities,
  now,
  only,
  onExport,
  onClose,
}: TrustBundleDialogProps): React.JSX.Element {
  const usable = authorities.filter((a) => !leftOutReason(a, now));
  const [chosen, setChosen] = useState<string[]>(only ? [only.id] : usable.map((a) => a.id));
  const [withCrls, setWithCrls] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [exists, setExists] = useState<string | null>(null);
  const [result, setResult] = useState<ExportResult | null>(null);
  const title = only ? `Export certificate of ${only.cn}` : 'Export trust bundle';

  const submit = async (overwrite: boolean): Promise<void> => {
    if (chosen.length === 0) {
      setError('Choose at least one CA');
      return;
    }
    setBusy(true);
    setError(null);
    const r = await onExport({ caIds: chosen, withCrls, overwrite });
    setBusy(false);
    if (!r) return;
    if (r.ok) setResult(r.value);
    else if (r.error.code === 'EXPORT_TARGET_EXISTS') setExists(r.error.message);
    else setError(r.error.message);
  };

  if (result) {
    const bundle = result.bundles[0];
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
          Written to <code>{bundle?.dir}</code>, checksums verified.
        </p>
        <ul className="cd-file-list" aria-label="Files written">
          {bundle?.files.map((f) => (
            <li key={f} className="mono">
              {f}
            </li>
          ))}
        </ul>
        <LeftOutCas excluded={result.excluded ?? []} />
      </Dialog>
    );
  }

  return (
    <Dialog
      key="form"
      title={title}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          {exists ? (
            <Button variant="danger" busy={busy} onClick={() => void submit(true)}>
              Choose folder and replace…
            </Button>
          ) : (
            <Button variant="primary" busy={busy} onClick={() => void submit(false)}>
              Choose folder and export…
            </Button>
          )}
        </>
      }
    >
      <p className="muted">
        CA certificates only, no keys: ca-bundle.pem (intermediates before their issuer, roots last), one .crt
        per CA, manifest.json, SHA256SUMS and a README saying where each file goes.
      </p>
      {!only && (
        <fieldset>
          <legend>Certificate authorities</legend>
          {authorities.map((a) => {
            const reason = leftOutReason(a, now);
            return (
              <label key={a.id} className="cd-check">
                <input
                  type="checkbox"
                  checked={!reason && chosen.includes(a.id)}
                  disabled={reason !== null}
                  onChange={(e) =>
                    setChosen((c) => (e.target.checked ? [...c, a.id] : c.filter((id) => id !== a.id)))
                  }
                />
                {a.cn}
                {reason && <span className="muted"> — left out: {reason}</span>}
              </label>
            );
          })}
        </fieldset>
      )}
      <label className="cd-check cd-check-field">
        <input type="checkbox" checked={withCrls} onChange={(e) => setWithCrls(e.target.checked)} />
        Include CRLs (PEM and DER)
      </label>
      {exists && (
        <p className="form-error" role="alert">
          <MessageText text={exists} />
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          <MessageText text={error} />
        </p>
      )}
    </Dialog>
  );
}
