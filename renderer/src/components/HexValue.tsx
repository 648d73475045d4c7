import { Fragment } from 'react';
import { colonHex, splitHexRuns } from './format';
import { WrapText } from './WrapText';

export interface HexValueProps {
  /** Hex bytes in any case, with or without separators. */
  hex: string;
  /** What it is, e.g. "Serial" or "SHA-256 fingerprint": names the value and its copy button. */
  label: string;
  /** Copies the text; the page wires the store's clipboard action. */
  onCopy: (text: string, label: string) => void;
}

/**
 * A serial or fingerprint as colon-grouped upper-case bytes that wraps only between bytes (a break
 * opportunity after each colon, none inside a byte), with a button copying exactly the shown form.
 */
export function HexValue({ hex, label, onCopy }: HexValueProps): React.JSX.Element {
  const text = colonHex(hex);
  return (
    <span className="hex-value">
      <HexBytes hex={hex} />
      <button
        type="button"
        className="btn btn-ghost btn-small hex-copy"
        aria-label={`Copy ${label}`}
        onClick={() => onCopy(text, label)}
      >
        Copy
      </button>
    </span>
  );
}

/** The colon-grouped bytes alone (no copy button), for dense tables: wraps only between bytes. */
export function HexBytes({ hex }: { hex: string }): React.JSX.Element {
  const bytes = colonHex(hex).split(':');
  return (
    <span className="mono hex-bytes">
      {bytes.map((b, i) => (
        <Fragment key={i}>
          {b}
          {i < bytes.length - 1 && (
            <>
              :<wbr />
            </>
          )}
        </Fragment>
      ))}
    </span>
  );
}

/**
 * A line of text from main whose colon-grouped bytes wrap only between bytes, and whose paths, names and digests
 * wrap at their separators (WrapText).
 */
export function HexText({ text }: { text: string }): React.JSX.Element {
  return (
    <>
      {splitHexRuns(text).map((p, i) =>
        'hex' in p ? <HexBytes key={i} hex={p.hex} /> : <WrapText key={i} text={p.text} />,
      )}
    </>
  );
}
