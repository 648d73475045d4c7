import type { IssuePreview } from '../../../../shared/domain/types';
import { TextField } from '../../components/Field';
import { PRESET_LABELS, VALIDITY_PRESETS, validityInput, type ValidityChoice } from './validity-presets';
import { DateTime, MessageText } from '../../components';

export interface ValidityStepProps {
  choice: ValidityChoice;
  onChange: (choice: ValidityChoice) => void;
  /** still the settings default (main clamps it to the issuer instead of refusing) */
  isDefault: boolean;
  issuerCn: string | null;
  issuerNotAfter: string | null;
  preview: IssuePreview | null;
  previewBusy: boolean;
}

export function ValidityStep({
  choice,
  onChange,
  isDefault,
  issuerCn,
  issuerNotAfter,
  preview,
  previewBusy,
}: ValidityStepProps): React.JSX.Element {
  const parsed = validityInput(choice);
  return (
    <>
      <fieldset className="cd-preset-list">
        <legend className="visually-hidden">Validity period</legend>
        {VALIDITY_PRESETS.map((p) => (
          <label key={p} className="cd-preset">
            <input
              type="radio"
              name="validity"
              checked={choice.preset === p}
              onChange={() => onChange({ ...choice, preset: p })}
            />
            {PRESET_LABELS[p]}
          </label>
        ))}
      </fieldset>
      {choice.preset === 'custom' && (
        <TextField
          label="Custom validity in days"
          inputMode="numeric"
          value={choice.customDays}
          error={parsed.ok ? null : parsed.reason}
          onChange={(e) => onChange({ ...choice, customDays: e.target.value })}
        />
      )}
      <div className="cd-validity-preview" aria-live="polite">
        {issuerNotAfter && (
          <p className="muted">
            {isDefault ? 'This is the default validity from Settings. ' : ''}The issuer {issuerCn} is valid
            until <DateTime iso={issuerNotAfter} />; a certificate never outlives its issuer.
          </p>
        )}
        {previewBusy && <p className="muted">Working out the dates…</p>}
        {preview && (
          <p>
            Valid from{' '}
            <strong>
              <DateTime iso={preview.notBefore} />
            </strong>{' '}
            to{' '}
            <strong>
              <DateTime iso={preview.notAfter} />
            </strong>
            .
          </p>
        )}
        {preview?.note && (
          <p className="cd-note" role="note">
            <MessageText text={preview.note} />
          </p>
        )}
      </div>
    </>
  );
}
