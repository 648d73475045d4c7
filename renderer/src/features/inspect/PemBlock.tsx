import { Button } from '../../components';

export interface PemBlockProps {
  pem: string;
  label: string;
  /** copies the text (the page wires the store's clipboard action) */
  onCopy: (text: string, label: string) => void;
}

/** PEM text with a Copy button. */
export function PemBlock({ pem, label, onCopy }: PemBlockProps): React.JSX.Element {
  return (
    <div className="pem-block">
      <div className="button-row">
        <Button small onClick={() => onCopy(pem, label)}>
          Copy {label}
        </Button>
      </div>
      <pre className="pem" aria-label={label} tabIndex={0}>
        {pem}
      </pre>
    </div>
  );
}
