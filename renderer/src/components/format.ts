/**
 * The one display formatter for dates, serials and fingerprints. Dates are shown in the workstation's local
 * time with its zone named, so "when" is never ambiguous; the exact ISO instant goes in tooltips and copies.
 */

interface LocalParts {
  date: string;
  time: string;
  zone: string;
}

/**
 * One formatter per zone: building an Intl.DateTimeFormat costs far more than formatting with it (it loads
 * the locale and zone data), and every rendered date went through a new one.
 */
const formatters = new Map<string | undefined, Intl.DateTimeFormat>();

function formatterFor(timeZone: string | undefined): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // en-US names zones the way operators read them ("UTC", "EST", "GMT+1"); the digits are assembled by
    // hand so the order is always year-month-day whatever the system locale.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * Chromium loads ICU's locale and time-zone data on the first Intl use in a page (30–40 ms measured here), and
 * the first screen that formats a date or a count is the dashboard right after unlock. Called in idle time at
 * start-up, it moves that cost to the lock screen, where the operator is still typing.
 */
export function warmUpFormatters(): void {
  formatterFor(undefined).formatToParts(0);
  (0).toLocaleString('en');
}

function localParts(d: Date, timeZone?: string): LocalParts {
  const parts = formatterFor(timeZone).formatToParts(d);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    time: `${part('hour')}:${part('minute')}`,
    zone: part('timeZoneName'),
  };
}

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "2027-01-15" in local time; "—" when absent. `timeZone` is for tests; default is the workstation's. */
export function formatDate(iso: string | null | undefined, timeZone?: string): string {
  const d = parse(iso);
  if (!d) return iso || '—';
  return localParts(d, timeZone).date;
}

/** "2027-01-15 13:34 GMT+1" in local time with the zone named; "—" when absent. */
export function formatDateTime(iso: string | null | undefined, timeZone?: string): string {
  const d = parse(iso);
  if (!d) return iso || '—';
  const p = localParts(d, timeZone);
  return `${p.date} ${p.time} ${p.zone}`;
}

/** The zone the workstation's local time is in at `iso`, as the date formats name it ("UTC", "GMT+1"). */
export function zoneName(iso: string, timeZone?: string): string {
  const d = parse(iso);
  return d ? localParts(d, timeZone).zone : '';
}

/** The exact instant for tooltips and copies: ISO 8601 in UTC, whole seconds. */
export function isoInstant(iso: string): string {
  const d = parse(iso);
  return d ? d.toISOString().replace('.000Z', 'Z') : iso;
}

// Main's messages (chain checks, refusals, audit details) quote instants as ISO 8601 because the CLI and
// --json print them verbatim; the window shows each one in the shared date format instead.
const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g;

export type MessagePart = { text: string } | { iso: string };

/**
 * `text` cut at each match of `pattern` (a global regex): text parts and matched parts (`{ [kind]: match }`),
 * in order, nothing lost.
 */
function splitAt<K extends string>(
  text: string,
  pattern: RegExp,
  kind: K,
): ({ text: string } | { [P in K]: string })[] {
  const parts: ({ text: string } | { [P in K]: string })[] = [];
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index) });
    parts.push({ [kind]: m[0] } as { [P in K]: string });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/** `message` cut at each ISO 8601 instant it quotes: text parts and instant parts, in order, nothing lost. */
export function splitInstants(message: string): MessagePart[] {
  return splitAt(message, ISO_INSTANT, 'iso');
}

// Extension lines from main quote key identifiers as colon-grouped bytes inside other text
// ("keyid:74:12:B7:…"); four or more bytes, so a time such as "09:00" is never taken for one.
const COLON_HEX_RUN = /\b[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){3,}\b/g;

export type HexTextPart = { text: string } | { hex: string };

/** `line` cut at each run of colon-grouped bytes: text parts and byte runs, in order, nothing lost. */
export function splitHexRuns(line: string): HexTextPart[] {
  return splitAt(line, COLON_HEX_RUN, 'hex');
}

// Paths, host names and digests in main's messages (where a file went, a file's SHA-256 as sha256sum prints it)
// run long without a space, and a narrow column (the audit log's Detail at 900 px) would otherwise cut them
// anywhere. A line may break after a path or name separator that a word follows ('/', '\\', '.', ',', '_', '-'),
// and between the bytes of a run of 32 or more hex digits; shorter runs (certificate ids) stay whole.
const WRAP_POINT =
  /(?<=[/\\.,_-])(?=[^\s/\\.,_-])|(?<=(?<![0-9A-Fa-f])(?=[0-9A-Fa-f]{32})(?:[0-9A-Fa-f]{2})+)(?=(?:[0-9A-Fa-f]{2})+(?![0-9A-Fa-f]))/g;

export type WrapPart = { text: string } | { wrap: string };

/** `text` cut at each point where a line may break (empty `wrap` parts between the text parts), nothing lost. */
export function splitWrapPoints(text: string): WrapPart[] {
  return splitAt(text, WRAP_POINT, 'wrap');
}

/** Hex bytes (serial, fingerprint) as openssl prints them: upper case, one colon between bytes. */
export function colonHex(hex: string): string {
  const clean = hex.replace(/[^0-9a-f]/gi, '').toUpperCase();
  const even = clean.length % 2 === 1 ? `0${clean}` : clean;
  return even.match(/../g)?.join(':') ?? '';
}

/** "in 5 days", "today", "3 days ago" from a whole-day count (expiry.ts daysLeftShown). */
export function daysText(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'in 1 day';
  if (days > 1) return `in ${days} days`;
  if (days === -1) return '1 day ago';
  return `${-days} days ago`;
}

export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((new Date(toIso).getTime() - new Date(fromIso).getTime()) / 86_400_000);
}

/** The Profile column: a tracked certificate was issued elsewhere, so it has no CertDesk profile. */
export function certProfileLabel(c: { profile: string; tracked?: boolean }): string {
  return c.tracked ? 'Tracked' : profileLabel(c.profile);
}

export function profileLabel(p: string): string {
  const labels: Record<string, string> = {
    root: 'Root CA',
    intermediate: 'Intermediate CA',
    server: 'TLS server',
    client: 'TLS client',
    service: 'Service',
    custom: 'Custom',
  };
  return labels[p] ?? p;
}
