import { useEffect, useState } from 'react';
import { useAppStore } from '../../store';
import { api } from '../../lib/api';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { CopyBlock } from '../issuance/CopyBlock';
import { parseValidityDays } from '../ca/ca-form';
import '../issuance/issuance.css';
import { DateTime, MessageText } from '../../components';
import { WriteButton } from '../vault/WriteButton';

export interface CrlPanelProps {
  caId: string;
  /** the CA's name, for the suggested file name */
  caName: string;
}

type CrlFormat = 'pem' | 'der';

/** The CA's latest CRL (number, this/next update, PEM) and "Generate CRL" with a next-update period. */
export function CrlPanel({ caId, caName }: CrlPanelProps): React.JSX.Element {
  const crl = useAppStore((s) => s.crls[caId]);
  const defaultDays = useAppStore((s) => s.settings.crlNextUpdateDays);
  const nowMs = useAppStore((s) => s.nowMs);
  const loadCrls = useAppStore((s) => s.loadCrls);
  const pushToast = useAppStore((s) => s.pushToast);
  const [days, setDays] = useState(String(defaultDays));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [format, setFormat] = useState<CrlFormat>('pem');
  const [saving, setSaving] = useState(false);
  const dayParse = parseValidityDays(days);
  const overdue = crl ? new Date(crl.nextUpdate).getTime() < nowMs : false;

  useEffect(() => {
    if (crl === undefined) void loadCrls();
  }, [crl, loadCrls]);

  const generate = async (): Promise<void> => {
    if (!dayParse.ok || dayParse.value === null) return;
    setBusy(true);
    setError(null);
    const r = await api().crl.generate({ caId, days: Math.min(dayParse.value, 3650) });
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    pushToast('success', `CRL number ${r.value.number} generated; next update ${r.value.nextUpdate}`);
    await loadCrls();
  };

  /** main's save dialog picks the file (and asks before replacing one); main writes and audits it */
  const save = async (): Promise<void> => {
    setError(null);
    const safeName = caName.replace(/[^A-Za-z0-9._-]+/g, '_');
    const choice = await api().dialog.saveFile({
      title: `Save the CRL of ${caName}`,
      defaultName: format === 'der' ? `${safeName}.crl.der` : `${safeName}.crl`,
      filters: [
        {
          name: format === 'der' ? 'DER CRL' : 'PEM CRL',
          extensions: format === 'der' ? ['der', 'crl'] : ['crl', 'pem'],
        },
      ],
    });
    if (!choice.ok) {
      setError(choice.error.message);
      return;
    }
    if (!choice.value.grant) return;
    setSaving(true);
    const r = await api().crl.save({ caId, fileGrant: choice.value.grant, format, overwrite: true });
    setSaving(false);
    if (r.ok)
      pushToast(
        'success',
        `Saved CRL number ${r.value.number} as ${format.toUpperCase()} to ${r.value.path}`,
      );
    else setError(r.error.message);
  };

  return (
    <section className="cd-crl" aria-label="Certificate revocation list">
      <h4>Certificate revocation list</h4>
      {crl ? (
        <dl className="cd-dl">
          <dt>CRL number</dt>
          <dd>{crl.number}</dd>
          <dt>This update</dt>
          <dd>
            <DateTime iso={crl.thisUpdate} />
          </dd>
          <dt>Next update</dt>
          <dd className={overdue ? 'cd-bad' : undefined}>
            <DateTime iso={crl.nextUpdate} />
            {overdue ? ' — overdue: generate a new CRL and redistribute it' : ''}
          </dd>
        </dl>
      ) : (
        <p className="muted">{crl === null ? 'No CRL generated for this CA yet.' : 'Loading…'}</p>
      )}
      <div className="cd-crl-form">
        <TextField
          label="Next update in (days)"
          inputMode="numeric"
          value={days}
          onChange={(e) => setDays(e.target.value)}
          error={dayParse.ok ? null : dayParse.reason}
          className="cd-crl-days"
        />
        <WriteButton variant="primary" busy={busy} disabled={!dayParse.ok} onClick={() => void generate()}>
          Generate CRL
        </WriteButton>
      </div>
      {error && (
        <p className="form-error" role="alert">
          <MessageText text={error} />
        </p>
      )}
      {crl && (
        <div className="cd-crl-form cd-crl-save">
          <fieldset className="cd-inline-choice">
            <legend>CRL file format</legend>
            {(['pem', 'der'] as const).map((f) => (
              <label key={f} className="cd-check">
                <input
                  type="radio"
                  name={`crl-format-${caId}`}
                  value={f}
                  checked={format === f}
                  onChange={() => setFormat(f)}
                />
                {f === 'pem' ? 'PEM (text)' : 'DER (binary)'}
              </label>
            ))}
          </fieldset>
          <Button busy={saving} onClick={() => void save()}>
            Save CRL…
          </Button>
        </div>
      )}
      {crl && <CopyBlock label="CRL PEM" text={crl.pem} />}
    </section>
  );
}
