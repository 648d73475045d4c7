/**
 * Pure parsing for the CA wizards: name-constraint lists typed one per line, path length and validity.
 * Entries are checked with the shared SAN rules so the operator sees the problem before main refuses it.
 */
import { parseCidr, validateSan } from '../../../../shared/domain/san';
import type { NameConstraintsSpec } from '../../../../shared/domain/types';

export const NC_KINDS = ['dns', 'ip', 'email', 'uri'] as const;
export type NcKind = (typeof NC_KINDS)[number];
export type NcKey = `${'permitted' | 'excluded'}-${NcKind}`;
export type NcDraft = Record<NcKey, string>;

export const EMPTY_NC: NcDraft = {
  'permitted-dns': '',
  'excluded-dns': '',
  'permitted-ip': '',
  'excluded-ip': '',
  'permitted-email': '',
  'excluded-email': '',
  'permitted-uri': '',
  'excluded-uri': '',
};

export const NC_LABELS: Record<NcKind, { label: string; hint: string }> = {
  dns: { label: 'DNS names', hint: 'e.g. internal.example.com (covers its subdomains)' },
  ip: { label: 'IP ranges (CIDR)', hint: 'e.g. 10.0.0.0/8 or fd00::/8' },
  email: { label: 'Email', hint: 'a mailbox, a host (example.com) or a domain (.example.com)' },
  uri: { label: 'URI hosts', hint: 'a host (example.com) or a domain (.example.com)' },
};

const SPEC_KEY: Record<NcKey, keyof NameConstraintsSpec> = {
  'permitted-dns': 'permittedDns',
  'excluded-dns': 'excludedDns',
  'permitted-ip': 'permittedIp',
  'excluded-ip': 'excludedIp',
  'permitted-email': 'permittedEmail',
  'excluded-email': 'excludedEmail',
  'permitted-uri': 'permittedUri',
  'excluded-uri': 'excludedUri',
};

export function lines(text: string): string[] {
  return text
    .split(/[\n,]+/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

function hostPart(entry: string): string {
  return entry.startsWith('.') ? entry.slice(1) : entry;
}

/** The reason an entry is not a usable constraint of its kind, or null. */
export function ncEntryError(kind: NcKind, entry: string): string | null {
  switch (kind) {
    case 'dns': {
      const v = validateSan({ type: 'dns', value: hostPart(entry) });
      return v.ok
        ? entry.includes('*')
          ? `"${entry}" must not contain a wildcard: a DNS constraint already covers subdomains`
          : null
        : v.reason;
    }
    case 'ip':
      return parseCidr(entry) && entry.includes('/')
        ? null
        : `"${entry}" is not an IP range in CIDR notation (e.g. 10.0.0.0/8)`;
    case 'email': {
      if (entry.includes('@')) {
        const v = validateSan({ type: 'email', value: entry });
        return v.ok ? null : v.reason;
      }
      const v = validateSan({ type: 'dns', value: hostPart(entry) });
      return v.ok ? null : `"${entry}" is not a mailbox, host or domain`;
    }
    case 'uri': {
      const v = validateSan({ type: 'dns', value: hostPart(entry) });
      return v.ok ? null : `"${entry}" must be a host or .domain, not a full URI`;
    }
  }
}

export interface NcParse {
  spec: NameConstraintsSpec | undefined;
  errors: Partial<Record<NcKey, string>>;
}

/** Textareas → NameConstraintsSpec (undefined when every list is empty) plus the first problem per list. */
export function parseNameConstraints(draft: NcDraft): NcParse {
  const spec: NameConstraintsSpec = {};
  const errors: Partial<Record<NcKey, string>> = {};
  for (const key of Object.keys(SPEC_KEY) as NcKey[]) {
    const kind = key.split('-')[1] as NcKind;
    const entries = lines(draft[key]);
    if (entries.length === 0) continue;
    const problem = entries.map((e) => ncEntryError(kind, e)).find((e) => e !== null);
    if (problem) errors[key] = problem;
    spec[SPEC_KEY[key]] = entries;
  }
  return { spec: Object.keys(spec).length > 0 ? spec : undefined, errors };
}

export type NumberParse = { ok: true; value: number | null } | { ok: false; reason: string };

/** Empty means "no path-length constraint". */
export function parsePathLen(text: string): NumberParse {
  const t = text.trim();
  if (!t) return { ok: true, value: null };
  if (!/^\d+$/.test(t) || Number(t) > 16)
    return { ok: false, reason: 'Path length must be a whole number from 0 to 16, or empty for no limit' };
  return { ok: true, value: Number(t) };
}

export function parseValidityDays(text: string): NumberParse {
  const t = text.trim();
  if (!/^\d+$/.test(t) || Number(t) < 1 || Number(t) > 36500)
    return { ok: false, reason: 'Validity must be a whole number of days from 1 to 36500' };
  return { ok: true, value: Number(t) };
}

/** "3650 days ≈ 10 years" for the validity hint. */
export function describeDays(days: number): string {
  const years = days / 365.25;
  return years >= 1 ? `${days} days ≈ ${Math.round(years * 10) / 10} years` : `${days} days`;
}
