import type { ReactNode } from 'react';
import { TextField } from '../../components';
import { MIN_PASSPHRASE_LENGTH, passphraseStrength } from './passphrase-strength';

export interface NewPassphraseFieldsProps {
  /** "Passphrase" when creating a vault, "New passphrase" when replacing one */
  label: 'Passphrase' | 'New passphrase';
  passphrase: string;
  repeat: string;
  onPassphrase: (value: string) => void;
  onRepeat: (value: string) => void;
  passphraseError: string | null;
  repeatError: string | null;
  /** shown under the repeat field (e.g. that there is no recovery without the passphrase) */
  repeatHint?: ReactNode;
  autoFocus?: boolean;
}

/**
 * The one pair of "choose a passphrase" fields: every place that sets a vault passphrase (create, change,
 * recover with shares) shows the same strength meter and the same errors, so an operator learns one rule.
 */
export function NewPassphraseFields({
  label,
  passphrase,
  repeat,
  onPassphrase,
  onRepeat,
  passphraseError,
  repeatError,
  repeatHint,
  autoFocus = false,
}: NewPassphraseFieldsProps): React.JSX.Element {
  const strength = passphraseStrength(passphrase);
  return (
    <>
      <TextField
        label={label}
        type="password"
        value={passphrase}
        onChange={(e) => onPassphrase(e.target.value)}
        error={passphraseError}
        autoComplete="new-password"
        hint={
          passphrase ? (
            <span className="strength">
              <meter
                min={0}
                max={4}
                low={2}
                high={3}
                optimum={4}
                value={strength.score}
                aria-label="Passphrase strength"
              />
              <span aria-live="polite">
                {strength.label}
                {strength.tip ? ` — ${strength.tip}` : ''}
              </span>
            </span>
          ) : (
            `At least ${MIN_PASSPHRASE_LENGTH} characters.`
          )
        }
        {...(autoFocus ? { 'data-autofocus': true, autoFocus: true } : {})}
      />
      <TextField
        label={label === 'Passphrase' ? 'Repeat passphrase' : 'Repeat new passphrase'}
        type="password"
        value={repeat}
        onChange={(e) => onRepeat(e.target.value)}
        error={repeatError}
        autoComplete="new-password"
        hint={repeatHint}
      />
    </>
  );
}
