import type { ButtonHTMLAttributes } from 'react';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** Visual weight. Default is `secondary`. */
  variant?: ButtonVariant;
  /** Shows a busy state and disables the button while an operation runs. Default is false. */
  busy?: boolean;
  /** Smaller padding for toolbars and table rows. Default is false. */
  small?: boolean;
}

/** The one button style; `type` defaults to "button" so a button never submits a form by accident. */
export function Button({
  variant = 'secondary',
  busy = false,
  small = false,
  className,
  disabled,
  type,
  children,
  ...rest
}: ButtonProps): React.JSX.Element {
  const classes = ['btn', `btn-${variant}`, small ? 'btn-small' : '', className ?? '']
    .filter(Boolean)
    .join(' ');
  return (
    <button
      {...rest}
      type={type ?? 'button'}
      className={classes}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
    >
      {busy && <span className="btn-spinner" aria-hidden="true" />}
      {children}
    </button>
  );
}
