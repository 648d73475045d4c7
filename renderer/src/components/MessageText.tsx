import { DateTime } from './DateTime';
import { HexText } from './HexValue';
import { splitInstants } from './format';

export interface MessageTextProps {
  /**
   * A message from main or a notification; any ISO 8601 instant in it is shown as a local date-time with the
   * zone, and any colon-grouped bytes (a serial, a fingerprint) wrap only between bytes.
   */
  text: string;
}

/** Message text with each quoted instant in the one date format (exact ISO on hover and in copies). */
export function MessageText({ text }: MessageTextProps): React.JSX.Element {
  return (
    <>
      {splitInstants(text).map((p, i) =>
        'iso' in p ? <DateTime key={i} iso={p.iso} /> : <HexText key={i} text={p.text} />,
      )}
    </>
  );
}
