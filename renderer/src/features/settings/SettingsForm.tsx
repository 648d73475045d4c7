import { useState } from 'react';
import { KEY_ALGORITHMS, type Settings } from '../../../../shared/domain/types';
import type { AppErrorShape } from '../../../../shared/result';
import { Field, TextField } from '../../components';
import { fromDraft, toDraft, type DraftErrors, type SettingsDraft } from './settings-form';
import { WriteButton } from '../vault/WriteButton';
import { KEY_ALGORITHM_LABELS, KEY_ALGORITHM_NOTES } from '../issuance/profile-options';

export interface SettingsFormProps {
  settings: Settings;
  onSave: (s: Settings) => Promise<AppErrorShape | null>;
}

export function SettingsForm({ settings, onSave }: SettingsFormProps): React.JSX.Element {
  const [draft, setDraft] = useState<SettingsDraft>(() => toDraft(settings));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<SettingsDraft>): void => setDraft((d) => ({ ...d, ...patch }));
  const num = (key: keyof SettingsDraft, label: string, hint?: string): React.JSX.Element => (
    <TextField
      label={label}
      inputMode="numeric"
      value={draft[key]}
      onChange={(e) => set({ [key]: e.target.value })}
      error={errors[key]}
      hint={hint}
    />
  );

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    const { settings: next, errors: errs } = fromDraft(draft);
    setErrors(errs);
    setServerError(null);
    if (!next) return;
    setBusy(true);
    const r = await onSave(next);
    setBusy(false);
    if (r) setServerError(r.message);
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Settings">
      <fieldset>
        <legend>Expiry thresholds (days)</legend>
        <div className="settings-grid">
          {num('critical', 'Critical (red)', 'Shown red on the dashboard.')}
          {num('warning', 'Warning (amber)', 'Inside this window a certificate is “expiring”.')}
          {num(
            'notice',
            'Notice',
            'Still valid, but inside this window: counted as “Later” under “Expiring soon”.',
          )}
        </div>
      </fieldset>
      <fieldset>
        <legend>Default validity per profile (days)</legend>
        <div className="settings-grid">
          {num(
            'server',
            'TLS server',
            'Apple clients refuse more than 825 days; 397 is the public-web limit.',
          )}
          {num('client', 'TLS client')}
          {num('service', 'Service (server + client)')}
          {num('intermediate', 'Intermediate CA')}
          {num('root', 'Root CA')}
        </div>
      </fieldset>
      <fieldset>
        <legend>Keys, locking, CRLs and appearance</legend>
        <div className="settings-grid">
          <Field label="Default key algorithm" hint={KEY_ALGORITHM_NOTES[draft.defaultKeyAlgorithm]}>
            {(c) => (
              <select
                {...c}
                value={draft.defaultKeyAlgorithm}
                onChange={(e) =>
                  set({ defaultKeyAlgorithm: e.target.value as Settings['defaultKeyAlgorithm'] })
                }
              >
                {KEY_ALGORITHMS.map((k) => (
                  <option key={k} value={k}>
                    {KEY_ALGORITHM_LABELS[k]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {num(
            'autoLockMinutes',
            'Auto-lock after idle (minutes)',
            '0 turns idle locking off (the OS lock screen still locks).',
          )}
          {num('crlNextUpdateDays', 'CRL next update (days)', 'How long a generated CRL stays current.')}
          <Field label="Theme">
            {(c) => (
              <select
                {...c}
                value={draft.theme}
                onChange={(e) => set({ theme: e.target.value as Settings['theme'] })}
              >
                <option value="system">Follow the system</option>
                <option value="light">Light</option>
                <option value="dark">Dark</option>
              </select>
            )}
          </Field>
        </div>
      </fieldset>
      {serverError && (
        <p className="alert alert-error" role="alert">
          {serverError}
        </p>
      )}
      <WriteButton type="submit" variant="primary" busy={busy}>
        Save settings
      </WriteButton>
    </form>
  );
}
