/** Display formatting shared by every screen. Dates are shown in UTC, as certificates state them. */

export function formatDate(iso: string): string {
  return iso.slice(0, 10);
}

export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "in 5 days", "today", "3 days ago" from a whole-day count (expiry.ts daysLeft). */
export function daysText(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'in 1 day';
  if (days > 1) return `in ${days} days`;
  if (days === -1) return '1 day ago';
  return `${-days} days ago`;
}

/** Colon-separated upper-case hex, as openssl prints fingerprints. */
export function colonHex(hex: string): string {
  return hex
    .replace(/[^0-9a-f]/gi, '')
    .toUpperCase()
    .replace(/(..)(?=.)/g, '$1:');
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
