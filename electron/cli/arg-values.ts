import type { San, SanType } from '../../shared/domain/types';
import { usage } from './errors';

const SAN_PREFIXES: Record<string, SanType> = { dns: 'dns', ip: 'ip', uri: 'uri', email: 'email' };

/**
 * `--san` values in openssl's subjectAltName syntax (`DNS:a,IP:127.0.0.1,URI:spiffe://x/y,email:a@b`),
 * repeated or comma-separated. Only the syntax is checked here: the service applies the SAN rules.
 */
export function parseSanArgs(values: readonly string[]): San[] {
  const sans: San[] = [];
  for (const raw of values) {
    for (const part of raw.split(',')) {
      const entry = part.trim();
      if (!entry) continue;
      const colon = entry.indexOf(':');
      const type = colon > 0 ? SAN_PREFIXES[entry.slice(0, colon).toLowerCase()] : undefined;
      if (!type) {
        throw usage(
          `--san "${entry}": expected TYPE:VALUE with TYPE one of DNS, IP, URI, email (e.g. DNS:user-service)`,
        );
      }
      sans.push({ type, value: entry.slice(colon + 1).trim() });
    }
  }
  return sans;
}

/** A positive whole number option (`--days 90`). */
export function parsePositiveInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) <= 0)
    throw usage(`--${name} must be a positive whole number, got "${value}"`);
  return Number(value);
}

export function parseNonNegativeInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw usage(`--${name} must be a whole number ≥ 0, got "${value}"`);
  return Number(value);
}

const UNIT_DAYS: Record<string, number> = { d: 1, w: 7, h: 1 / 24 };

/** `30d`, `2w`, `48h` or a bare number of days → days (fractional for hours). */
export function parseWindow(value: string, name: string): number {
  const m = /^(\d+)([dwh]?)$/.exec(value.trim());
  if (!m || Number(m[1]) < 0) throw usage(`--${name} must look like 30d, 2w or 48h, got "${value}"`);
  return Number(m[1]) * (UNIT_DAYS[m[2] || 'd'] ?? 1);
}

/** Exactly one of --days / --hours, or neither (the service's default applies). */
export function parseValidity(
  days: string | undefined,
  hours: string | undefined,
): { days?: number; hours?: number } | undefined {
  if (days !== undefined && hours !== undefined) throw usage('Give either --days or --hours, not both');
  const d = parsePositiveInt(days, 'days');
  const h = parsePositiveInt(hours, 'hours');
  if (d !== undefined) return { days: d };
  if (h !== undefined) return { hours: h };
  return undefined;
}

export function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  name: string,
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw usage(`--${name} must be one of ${allowed.join(', ')}; got "${value}"`);
  return value as T;
}
