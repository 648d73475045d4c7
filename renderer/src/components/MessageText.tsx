import { DateTime } from './DateTime';
import { splitInstants } from './format';

export interface MessageTextProps {
  /** A message from main; any ISO 8601 instant in it is shown as a local date-time with the zone. */
  text: string;
}

/** Main's message text with each quoted instant in the one date format (exact ISO on hover and in copies). */
export function MessageText({ text }: MessageTextProps): React.JSX.Element {
  return <>{splitInstants(text).map((p, i) => ('iso' in p ? <DateTime key={i} iso={p.iso} /> : p.text))}</>;
}
