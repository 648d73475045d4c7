import { useId, type InputHTMLAttributes, type ReactNode } from 'react';
import { MessageText } from './MessageText';

/** Props a Field hands to its control so label, hint and error are wired for assistive tech. */
export interface FieldControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

export interface FieldProps {
  label: string;
  /** Message naming what to fix; shown under the control and announced. */
  error?: string | null;
  /** Quiet help text under the control. */
  hint?: ReactNode;
  children: (control: FieldControlProps) => ReactNode;
  className?: string;
  /** Fixed id for the control (e.g. a shortcut focuses it); generated when absent. */
  id?: string;
}

/** A labelled control with optional hint and error; the control is rendered by `children`. */
export function Field({
  label,
  error,
  hint,
  children,
  className,
  id: fixedId,
}: FieldProps): React.JSX.Element {
  const generated = useId();
  const id = fixedId ?? generated;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-describedby': describedBy, ...(error ? { 'aria-invalid': true as const } : {}) })}
      {hint && (
        <div id={hintId} className="field-hint">
          {hint}
        </div>
      )}
      {error && (
        <div id={errorId} className="field-error" role="alert">
          <MessageText text={error} />
        </div>
      )}
    </div>
  );
}

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  error?: string | null;
  hint?: ReactNode;
}

/** Field + <input>: the common case. */
export function TextField({ label, error, hint, className, ...input }: TextFieldProps): React.JSX.Element {
  return (
    <Field label={label} error={error} hint={hint} className={className}>
      {(control) => <input {...input} {...control} />}
    </Field>
  );
}
