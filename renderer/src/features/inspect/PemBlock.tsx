import { Button } from '../../components';
import { useAppStore } from '../../store';

/** PEM text with a Copy button; the clipboard write goes through the renderer's navigator.clipboard only. */
export function PemBlock({ pem, label }: { pem: string; label: string }): React.JSX.Element {
  const copy = async (): Promise<void> => {
    const { pushToast } = useAppStore.getState();
    try {
      await navigator.clipboard.writeText(pem);
      pushToast('success', `${label} copied to the clipboard`);
    } catch {
      pushToast('error', 'Could not write to the clipboard: select the PEM text and copy it by hand.');
    }
  };
  return (
    <div className="pem-block">
      <div className="button-row">
        <Button small onClick={() => void copy()} aria-label={`Copy ${label}`}>
          Copy PEM
        </Button>
      </div>
      <pre className="pem" aria-label={label} tabIndex={0}>
        {pem}
      </pre>
    </div>
  );
}
