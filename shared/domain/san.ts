/**
 * SAN rules shared by main (enforcement before signing) and the renderer (live row validation).
 * Pure TS: no Node, no DOM. Rules follow RFC 5280 §4.2.1.6, RFC 1034 host names, the SPIFFE ID spec and
 * CA/B wildcard practice (see docs/pitfalls.md "SANs").
 */
import { AppError } from '../ipc/error-codes';
import { parseIp } from './san-ip';
import type { San, SanType } from './types';

export { parseIp, parseCidr, formatIp } from './san-ip';

export type SanCheck = { ok: true } | { ok: false; reason: string };

const OK: SanCheck = { ok: true };
const bad = (reason: string): SanCheck => ({ ok: false, reason });

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** Host-name rules; `allowWildcard` permits `*` as the whole left-most label only. */
function checkDnsName(value: string, allowWildcard: boolean): string | null {
  if (value.length === 0) return 'is empty';
  if (value.length > 253) return 'is longer than 253 characters';
  if (value.endsWith('.')) return 'ends with a dot (write the name without the trailing root dot)';
  if (parseIp(value))
    return 'is an IP address: add it as an IP SAN, not a DNS SAN (clients never match IPs against DNS names)';
  const labels = value.split('.');
  // A name whose top label is all digits parses as an IPv4 address in URL parsers (WHATWG) and resolvers,
  // and no top-level domain is numeric, so it is a mistyped address, never a host name.
  const last = labels[labels.length - 1] ?? '';
  if (/^[0-9]+$/.test(last))
    return `ends in the all-digit label "${last}": it is an IP address or a typo, not a host name (no top-level domain is numeric)`;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] ?? '';
    if (label.includes('*')) {
      if (!allowWildcard) return 'contains a wildcard, which is not allowed here';
      if (i !== 0 || label !== '*')
        return `has a wildcard that is not the whole left-most label ("${label}")`;
      if (labels.length < 2) return 'is a bare wildcard: it needs at least one label after "*."';
      continue;
    }
    if (label.length === 0) return 'has an empty label (two dots in a row or a leading dot)';
    if (label.length > 63) return `has a label longer than 63 characters ("${label.slice(0, 20)}…")`;
    if ([...label].some((ch) => ch.charCodeAt(0) > 0x7f)) {
      return `has a non-ASCII label "${label}": write internationalised names in their punycode form (xn--…)`;
    }
    if (!LABEL.test(label)) {
      return `has a bad label "${label}" (letters, digits and inner hyphens only; no underscore, space or leading/trailing hyphen)`;
    }
  }
  return null;
}

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):(.*)$/s;
const SPIFFE_TD = /^[a-z0-9._-]+$/;
const SPIFFE_SEG = /^[a-zA-Z0-9._-]+$/;

function checkSpiffe(value: string): string | null {
  if (!value.startsWith('spiffe://'))
    return 'is a malformed SPIFFE ID: the scheme must be exactly "spiffe://" in lower case';
  const rest = value.slice('spiffe://'.length);
  if (/[?#]/.test(rest)) return 'is a malformed SPIFFE ID: no query or fragment allowed';
  const slash = rest.indexOf('/');
  const td = slash < 0 ? rest : rest.slice(0, slash);
  if (td.length === 0) return 'is a malformed SPIFFE ID: the trust domain is empty';
  if (td.includes('@') || td.includes(':'))
    return 'is a malformed SPIFFE ID: the trust domain may not have a user or a port';
  if (!SPIFFE_TD.test(td)) {
    return `is a malformed SPIFFE ID: trust domain "${td}" must be lower-case letters, digits, ".", "-" or "_"`;
  }
  if (slash < 0 || rest.length === slash + 1) {
    return 'is a malformed SPIFFE ID: a workload ID needs a path (spiffe://<trust-domain>/<path>)';
  }
  const segments = rest.slice(slash + 1).split('/');
  for (const seg of segments) {
    if (seg.length === 0) return 'is a malformed SPIFFE ID: empty path segment or trailing slash';
    if (seg === '.' || seg === '..')
      return 'is a malformed SPIFFE ID: "." and ".." path segments are not allowed';
    if (!SPIFFE_SEG.test(seg))
      return `is a malformed SPIFFE ID: path segment "${seg}" may only use letters, digits, ".", "-", "_"`;
  }
  return null;
}

function checkUri(value: string): string | null {
  if (value.length === 0) return 'is empty';
  if (/[\s<>"{}|\\^`]/.test(value) || /[^\x21-\x7e]/.test(value))
    return 'contains spaces or characters not allowed in a URI';
  const m = SCHEME.exec(value);
  if (!m) return 'is a relative URI: it needs a scheme such as https: or spiffe:';
  const scheme = (m[1] ?? '').toLowerCase();
  if (scheme === 'spiffe') return checkSpiffe(value);
  if ((m[2] ?? '').length === 0) return 'has nothing after the scheme';
  // RFC 5280 §4.2.1.6: a URI with an authority must carry a host.
  if (m[2]?.startsWith('//') && /^\/\/(?:[^@/]*@)?(?:[:/?#]|$)/.test(m[2])) return 'has an empty host';
  return null;
}

function checkEmail(value: string): string | null {
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) return 'is not an email address (local@domain)';
  const local = value.slice(0, at);
  if (local.length > 64) return 'has a local part longer than 64 characters';
  if (
    !/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$/.test(local) ||
    local.startsWith('.') ||
    local.endsWith('.') ||
    local.includes('..')
  ) {
    return `has an invalid local part "${local}"`;
  }
  const domainIssue = checkDnsName(value.slice(at + 1), false);
  return domainIssue ? `has a domain that ${domainIssue}` : null;
}

const TYPE_LABEL: Record<SanType, string> = { dns: 'DNS', ip: 'IP', uri: 'URI', email: 'email' };

/** "DNS:user-service" — how entries are named in messages (openssl's spelling). */
export function sanLabel(san: San): string {
  return `${TYPE_LABEL[san.type] ?? san.type}:${san.value}`;
}

export function validateSan(san: San): SanCheck {
  const value = san.value;
  if (value !== value.trim()) return bad(`${sanLabel(san)} has leading or trailing spaces`);
  let issue: string | null;
  switch (san.type) {
    case 'dns':
      issue = checkDnsName(value, true);
      break;
    case 'ip':
      issue = parseIp(value) ? null : 'is not a valid IPv4 or IPv6 address';
      break;
    case 'uri':
      issue = checkUri(value);
      break;
    case 'email':
      issue = checkEmail(value);
      break;
    default:
      issue = 'has an unknown SAN type';
  }
  return issue ? bad(`${sanLabel(san)} ${issue}`) : OK;
}

/** Identity used for duplicate detection: DNS and email domains are case-insensitive, IPs by their bytes. */
export function sanKey(san: San): string {
  switch (san.type) {
    case 'dns':
      return `dns:${san.value.toLowerCase()}`;
    case 'ip': {
      const bytes = parseIp(san.value);
      return bytes ? `ip:${Array.from(bytes).join('.')}` : `ip:${san.value}`;
    }
    case 'email': {
      const at = san.value.lastIndexOf('@');
      return `email:${san.value.slice(0, at)}@${san.value.slice(at + 1).toLowerCase()}`;
    }
    default:
      return `${san.type}:${san.value}`;
  }
}

/** One verdict per row; a row repeating an earlier row is flagged as a duplicate. */
export function validateSans(list: San[]): SanCheck[] {
  const seen = new Map<string, number>();
  return list.map((san, i) => {
    const check = validateSan(san);
    if (!check.ok) return check;
    const key = sanKey(san);
    const first = seen.get(key);
    if (first !== undefined) return bad(`${sanLabel(san)} is a duplicate of row ${first + 1}`);
    seen.set(key, i);
    return OK;
  });
}

/** Throws INVALID_SAN naming the first bad entry and the rule. */
export function assertValidSans(list: San[]): void {
  const checks = validateSans(list);
  const problems = checks.flatMap((c) => (c.ok ? [] : [c.reason]));
  if (problems.length > 0) throw new AppError('INVALID_SAN', problems.join('; '));
}

const PREFIX: Record<string, SanType> = { dns: 'dns', ip: 'ip', uri: 'uri', email: 'email' };

/** "DNS:a,IP:1.2.3.4,URI:spiffe://x/y,email:a@b" (openssl syntax) → San[]; INVALID_SAN on a bad entry. */
export function parseOpensslSan(text: string): San[] {
  const entries = text
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
  const sans = entries.map((entry): San => {
    const colon = entry.indexOf(':');
    const type = colon > 0 ? PREFIX[entry.slice(0, colon).trim().toLowerCase()] : undefined;
    if (!type) {
      throw new AppError(
        'INVALID_SAN',
        `"${entry}" must start with DNS:, IP:, URI: or email: (openssl subjectAltName syntax)`,
      );
    }
    return { type, value: entry.slice(colon + 1).trim() };
  });
  assertValidSans(sans);
  return sans;
}

/** Guesses the SAN type of a bare pasted entry. */
export function guessSanType(value: string): SanType {
  if (parseIp(value)) return 'ip';
  if (SCHEME.test(value) && value.includes(':/')) return 'uri';
  if (value.includes('@')) return 'email';
  return 'dns';
}

export interface ParsedSanLine {
  san: San;
  check: SanCheck;
}

/**
 * Pasted text → typed rows with verdicts. Entries are separated by new lines, commas, semicolons or spaces;
 * each may carry an openssl prefix (DNS:, IP:, URI:, email:), otherwise its type is guessed.
 */
export function parseSanLines(text: string): ParsedSanLine[] {
  const entries = text.split(/[\s,;]+/).filter((e) => e.length > 0);
  const sans = entries.map((entry): San => {
    const m = /^(dns|ip|uri|email):(.*)$/is.exec(entry);
    const type = m ? PREFIX[(m[1] ?? '').toLowerCase()] : undefined;
    if (m && type) return { type, value: m[2] ?? '' };
    return { type: guessSanType(entry), value: entry };
  });
  const checks = validateSans(sans);
  return sans.map((san, i) => ({ san, check: checks[i] ?? OK }));
}
