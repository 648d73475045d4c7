import { formatDate, formatDateTime, isoInstant } from './format';

export interface DateTimeProps {
  iso: string;
  /** Show the date only. Default is false (date, time and zone). */
  dateOnly?: boolean;
}

/** A date in local time with the zone; hovering shows the exact ISO instant, and copying the text gets it too. */
export function DateTime({ iso, dateOnly = false }: DateTimeProps): React.JSX.Element {
  const exact = isoInstant(iso);
  return (
    <time
      dateTime={exact}
      title={exact}
      onCopy={(e) => {
        e.clipboardData.setData('text/plain', exact);
        e.preventDefault();
      }}
    >
      {dateOnly ? formatDate(iso) : formatDateTime(iso)}
    </time>
  );
}
