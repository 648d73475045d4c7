import { useRef, useState } from 'react';

export interface CopyBlockProps {
  /** Accessible name of the block and its copy button, e.g. "Equivalent openssl commands". */
  label: string;
  text: string;
  /** Hide the visible caption when a heading right above already says it. Default is false. */
  hideLabel?: boolean;
}

/** A read-only code block with a Copy button; falls back to selecting the text when the clipboard is refused. */
export function CopyBlock({ label, text, hideLabel = false }: CopyBlockProps): React.JSX.Element {
  const ref = useRef<HTMLPreElement>(null);
  const [status, setStatus] = useState('');
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text);
      setStatus('Copied to the clipboard');
    } catch {
      const node = ref.current;
      const selection = window.getSelection();
      if (node && selection) {
        selection.selectAllChildren(node);
        setStatus('The clipboard is not available here: the text is selected, press Ctrl+C to copy it');
      }
    }
  };
  return (
    <div className="cd-copy">
      <div className="cd-copy-bar">
        <span className="cd-copy-label">{hideLabel ? '' : label}</span>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => void copy()}
          aria-label={`Copy ${label}`}
        >
          Copy
        </button>
      </div>
      <pre ref={ref} className="cd-copy-pre" tabIndex={0} role="region" aria-label={`${label} (text)`}>
        <code>{text}</code>
      </pre>
      <span className="cd-copy-status" role="status">
        {status}
      </span>
    </div>
  );
}
