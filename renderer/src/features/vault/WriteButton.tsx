import { Button, type ButtonProps } from '../../components';
import { useAppStore } from '../../store';
import { READ_ONLY_REASON } from '../../store/read-only';

/**
 * A Button that changes the vault. A damaged vault opened read-only has main refuse every change,
 * so the button says so before it is pressed: disabled, with the reason as its tooltip and accessible
 * description (the read-only banner above the page says why the vault is read-only).
 */
export function WriteButton({ disabled, title, ...rest }: ButtonProps): React.JSX.Element {
  const readOnly = useAppStore((s) => Boolean(s.vault.readOnly));
  return <Button {...rest} disabled={disabled || readOnly} title={readOnly ? READ_ONLY_REASON : title} />;
}
