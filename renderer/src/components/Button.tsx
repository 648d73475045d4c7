import type { ButtonHTMLAttributes } from 'react';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** Visual weight. Default is `secondary`. */
  variant?: ButtonVariant;
  /** Shows a busy state and ignores presses while an operation runs (focus stays on it). Default is false. */
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
  onClick,
  ...rest
}: ButtonProps): React.JSX.Element {
  const classes = ['btn', `btn-${variant}`, small ? 'btn-small' : '', className ?? '']
    .filter(Boolean)
    .join(' ');
  // Chromium moves keyboard focus to the page body when the focused button becomes disabled, so a busy button
  // stays enabled for focus, says it is unavailable (aria-disabled) and ignores presses, including a form's
  // Enter (implicit submission is a click on the default button).
  return (
    <button
      {...rest}
      type={type ?? 'button'}
      className={classes}
      disabled={disabled}
      aria-disabled={(busy && !disabled) || undefined}
      aria-busy={busy || undefined}
      onClick={busy ? (e) => e.preventDefault() : onClick}
    >
      {busy && <span className="btn-spinner" aria-hidden="true" />}
      {children}
    </button>
  );
}
