/**
 * Batch manifests (a stable contract): CSV with the header `name,profile,sans,key,days`, or a JSON array of
 * `{ name, profile, sans: [...], key, days }`. `name` becomes the CN; `sans` use openssl syntax.
 * Every row is validated on its own so one bad row never hides the verdict on the others.
 */
import { KEY_ALGORITHMS, type KeyAlgorithm, type San } from './types';
import { validateSans, sanLabel } from './san';

export const BATCH_PROFILES = ['server', 'client', 'service'] as const;
export type BatchProfile = (typeof BATCH_PROFILES)[number];
export const CSV_HEADER = ['name', 'profile', 'sans', 'key', 'days'] as const;
/** RFC 5280 upper bound for a commonName (ub-common-name). */
const MAX_CN_LENGTH = 64;
const MAX_ROWS = 10_000;

export interface BatchRow {
  name: string;
  profile: BatchProfile;
  sans: San[];
  key: KeyAlgorithm;
  days: number;
}

export interface BatchRowVerdict {
  /** 1-based row number within the manifest (CSV: data rows after the header; JSON: array index + 1) */
  index: number;
  name: string;
  row: BatchRow | null;
  errors: string[];
}

export interface BatchManifest {
  format: 'csv' | 'json';
  rows: BatchRowVerdict[];
  /** a problem with the file as a whole (bad header, not an array…): then rows is empty */
  fileError: string | null;
}

export interface BatchDefaults {
  key: KeyAlgorithm;
  days: number;
}

/** Splits one CSV record honouring double quotes ("" escapes a quote). */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else current += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(current);
      current = '';
    } else current += ch;
  }
  fields.push(current);
  return fields.map((f) => f.trim());
}

function parseSanField(text: string, errors: string[]): San[] {
  const sans: San[] = [];
  for (const entry of text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const m = /^(dns|ip|uri|email):(.*)$/is.exec(entry);
    if (!m) {
      errors.push(`SAN "${entry}" must start with DNS:, IP:, URI: or email:`);
      continue;
    }
    const type = (m[1] ?? '').toLowerCase() as San['type'];
    sans.push({ type, value: (m[2] ?? '').trim() });
  }
  validateSans(sans).forEach((check, i) => {
    const san = sans[i];
    if (!check.ok && san) errors.push(`SAN ${sanLabel(san)}: ${check.reason}`);
  });
  return sans;
}

/** A field value as the operator wrote it, for error messages. */
function describe(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

interface RawRow {
  name: unknown;
  profile: unknown;
  sans: unknown;
  key: unknown;
  days: unknown;
}

function validateRow(index: number, raw: RawRow, defaults: BatchDefaults): BatchRowVerdict {
  const errors: string[] = [];
  const name = typeof raw.name === 'string' ? raw.name.trim() : '';
  if (!name) errors.push('name is empty (it becomes the certificate CN)');
  else if (name.length > MAX_CN_LENGTH) errors.push(`name is longer than ${MAX_CN_LENGTH} characters`);

  const profile = typeof raw.profile === 'string' ? raw.profile.trim().toLowerCase() : '';
  if (!(BATCH_PROFILES as readonly string[]).includes(profile)) {
    errors.push(`profile "${describe(raw.profile)}" is not one of ${BATCH_PROFILES.join(', ')}`);
  }

  let sans: San[] = [];
  if (typeof raw.sans === 'string') sans = parseSanField(raw.sans, errors);
  else if (Array.isArray(raw.sans) && raw.sans.every((s) => typeof s === 'string')) {
    sans = parseSanField(raw.sans.join(','), errors);
  } else if (raw.sans !== undefined && raw.sans !== null)
    errors.push('sans must be a list of openssl-style entries');
  if ((profile === 'server' || profile === 'service') && sans.length === 0) {
    errors.push(`a ${profile} certificate needs at least one SAN (Go and browsers ignore the CN)`);
  }

  const keyText = typeof raw.key === 'string' ? raw.key.trim() : '';
  const key = (keyText || defaults.key) as KeyAlgorithm;
  if (!(KEY_ALGORITHMS as readonly string[]).includes(key)) {
    errors.push(`key "${keyText}" is not one of ${KEY_ALGORITHMS.join(', ')}`);
  }

  const daysValue = typeof raw.days === 'string' ? raw.days.trim() : raw.days;
  let days = defaults.days;
  if (daysValue !== '' && daysValue !== undefined && daysValue !== null) {
    const n =
      typeof daysValue === 'number' ? daysValue : /^\d+$/.test(describe(daysValue)) ? Number(daysValue) : NaN;
    if (!Number.isInteger(n) || n <= 0 || n > 36500)
      errors.push(`days "${describe(daysValue)}" is not a whole number of days (1–36500)`);
    else days = n;
  }

  const row = errors.length === 0 ? { name, profile: profile as BatchProfile, sans, key, days } : null;
  return { index, name, row, errors };
}

function flagDuplicateNames(rows: BatchRowVerdict[]): void {
  const seen = new Map<string, number>();
  for (const r of rows) {
    if (!r.name) continue;
    const first = seen.get(r.name.toLowerCase());
    if (first !== undefined) {
      r.errors.push(`name duplicates row ${first}`);
      r.row = null;
    } else seen.set(r.name.toLowerCase(), r.index);
  }
}

function parseCsv(text: string, defaults: BatchDefaults): BatchManifest {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerIndex = lines.findIndex((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  const header = headerIndex >= 0 ? splitCsvLine(lines[headerIndex] ?? '').map((h) => h.toLowerCase()) : [];
  if (header.join(',') !== CSV_HEADER.join(',')) {
    return {
      format: 'csv',
      rows: [],
      fileError: `CSV header must be exactly "${CSV_HEADER.join(',')}" (found "${header.join(',')}")`,
    };
  }
  const rows: BatchRowVerdict[] = [];
  for (const line of lines.slice(headerIndex + 1)) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const fields = splitCsvLine(line);
    const index = rows.length + 1;
    if (fields.length !== CSV_HEADER.length) {
      rows.push({
        index,
        name: fields[0] ?? '',
        row: null,
        errors: [
          `expected ${CSV_HEADER.length} fields, found ${fields.length} (quote the sans field when it holds commas)`,
        ],
      });
      continue;
    }
    const [name, profile, sans, key, days] = fields;
    rows.push(validateRow(index, { name, profile, sans, key, days }, defaults));
  }
  return { format: 'csv', rows, fileError: null };
}

function parseJson(text: string, defaults: BatchDefaults): BatchManifest {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return {
      format: 'json',
      rows: [],
      fileError: `not valid JSON: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
  if (!Array.isArray(data))
    return { format: 'json', rows: [], fileError: 'JSON manifest must be an array of rows' };
  const rows = data.map((item: unknown, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      return {
        index: i + 1,
        name: '',
        row: null,
        errors: ['row must be an object { name, profile, sans, key, days }'],
      };
    }
    const obj = item as Record<string, unknown>;
    const unknownKeys = Object.keys(obj).filter((k) => !(CSV_HEADER as readonly string[]).includes(k));
    const verdict = validateRow(
      i + 1,
      { name: obj.name, profile: obj.profile, sans: obj.sans, key: obj.key, days: obj.days },
      defaults,
    );
    if (unknownKeys.length) {
      verdict.errors.push(`unknown field(s): ${unknownKeys.join(', ')}`);
      verdict.row = null;
    }
    return verdict;
  });
  return { format: 'json', rows, fileError: null };
}

/** Parses and validates a manifest; JSON when the text starts with `[`, CSV otherwise. */
export function parseBatchManifest(text: string, defaults: BatchDefaults): BatchManifest {
  const trimmed = text.trimStart();
  const manifest = trimmed.startsWith('[') ? parseJson(trimmed, defaults) : parseCsv(text, defaults);
  if (manifest.rows.length > MAX_ROWS) {
    return {
      format: manifest.format,
      rows: [],
      fileError: `manifest has ${manifest.rows.length} rows; at most ${MAX_ROWS} per batch`,
    };
  }
  if (!manifest.fileError && manifest.rows.length === 0)
    return { ...manifest, fileError: 'manifest has no rows' };
  flagDuplicateNames(manifest.rows);
  return manifest;
}
