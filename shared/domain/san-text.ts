import type { San } from './types';

const SAN_PREFIX: Record<San['type'], string> = { dns: 'DNS', ip: 'IP', uri: 'URI', email: 'email' };

/** A SAN as openssl's subjectAltName syntax writes it: `DNS:`, `IP:`, `URI:`, `email:` (what `--san` takes). */
export function sanLabel(san: San): string {
  return `${SAN_PREFIX[san.type]}:${san.value}`;
}

/** Several SANs, comma-separated, in the same syntax. */
export function sanListLabel(sans: readonly San[]): string {
  return sans.map(sanLabel).join(', ');
}
