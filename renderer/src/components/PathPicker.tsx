import type { ReactNode } from 'react';
import type { PathChoice } from '../../../shared/ipc/path-grants';
import { Button } from './Button';
import { Field } from './Field';

export interface PathPickerProps {
  /** the field's label, e.g. "Target folder" */
  label: string;
  /**
   * what the button does, e.g. "Choose target folder"; its accessible name adds "…" (as its visible "Choose…"
   * does), because the button always opens main's file or folder dialog
   */
  chooseLabel: string;
  /** what main's dialog answered; null until chosen (or after a call used it up) */
  choice: PathChoice | null;
  onChoose: () => void;
  error?: string | null;
  hint?: ReactNode;
  /** shown while nothing is chosen. Default "Nothing chosen yet". */
  placeholder?: string;
}

/**
 * A file or folder picked in main's native dialog. The path is shown read-only: the renderer cannot
 * type one, it only ever holds main's single-use grant for the operator's choice.
 */
export function PathPicker({
  label,
  chooseLabel,
  choice,
  onChoose,
  error,
  hint,
  placeholder = 'Nothing chosen yet',
}: PathPickerProps): React.JSX.Element {
  return (
    <div className="cd-path-picker">
      <Field label={label} error={error} hint={hint}>
        {(control) => (
          <input
            {...control}
            readOnly
            value={choice?.path ?? ''}
            placeholder={placeholder}
            spellCheck={false}
          />
        )}
      </Field>
      <Button onClick={onChoose} aria-label={`${chooseLabel}…`}>
        Choose…
      </Button>
    </div>
  );
}
