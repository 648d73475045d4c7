import { Field } from '../../components';

export interface SharesFieldProps {
  value: string;
  onChange: (text: string) => void;
  error: string | null;
}

/** Where custodians type or paste their shares: the same field for a recovery and for a drill. */
export function SharesField({ value, onChange, error }: SharesFieldProps): React.JSX.Element {
  return (
    <Field
      label="Shares"
      error={error}
      hint="Type or paste each share's 23 groups (or the text of its .txt file), an empty line between shares."
    >
      {(control) => (
        <textarea
          {...control}
          rows={8}
          spellCheck={false}
          autoComplete="off"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          className="share-input"
        />
      )}
    </Field>
  );
}
