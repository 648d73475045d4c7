/**
 * The SAN editor's row model: typed rows with a stable id (React keys, focus), validated with the shared
 * rules in shared/domain/san.ts so the renderer shows the same verdict main enforces before signing.
 */
import { parseSanLines, sanKey, validateSans } from '../../../../shared/domain/san';
import type { San, SanType } from '../../../../shared/domain/types';

export interface SanRow {
  id: number;
  type: SanType;
  value: string;
}

export interface SanRowCheck {
  id: number;
  /** null when the row is fine or blank */
  error: string | null;
}

let nextId = 1;
export function newRowId(): number {
  return nextId++;
}

export function makeRow(type: SanType = 'dns', value = ''): SanRow {
  return { id: newRowId(), type, value };
}

export function sansToRows(sans: readonly San[]): SanRow[] {
  return sans.map((s) => makeRow(s.type, s.value));
}

function isBlank(row: SanRow): boolean {
  return row.value.trim().length === 0;
}

/** Rows that will be sent: blank rows are the editor's scratch lines, not entries. */
export function rowsToSans(rows: readonly SanRow[]): San[] {
  return rows.filter((r) => !isBlank(r)).map((r) => ({ type: r.type, value: r.value }));
}

/** One verdict per row, in row order; blank rows carry no error (they are simply not submitted). */
export function checkRows(rows: readonly SanRow[]): SanRowCheck[] {
  const filled = rows.filter((r) => !isBlank(r));
  const verdicts = validateSans(filled.map((r) => ({ type: r.type, value: r.value })));
  const byId = new Map<number, string | null>();
  filled.forEach((r, i) => {
    const v = verdicts[i];
    byId.set(r.id, v && !v.ok ? v.reason : null);
  });
  return rows.map((r) => ({ id: r.id, error: byId.get(r.id) ?? null }));
}

export function rowErrors(rows: readonly SanRow[]): string[] {
  return checkRows(rows).flatMap((c) => (c.error ? [c.error] : []));
}

/** Pasted text → rows appended after the existing ones (the blank scratch rows are dropped). */
export function appendPasted(rows: readonly SanRow[], text: string): SanRow[] {
  const parsed = parseSanLines(text).map((p) => makeRow(p.san.type, p.san.value));
  return [...rows.filter((r) => !isBlank(r)), ...parsed];
}

/** True when the CN already appears as a DNS SAN (case-insensitive, as host names compare). */
export function hasDnsSan(rows: readonly SanRow[], name: string): boolean {
  const key = sanKey({ type: 'dns', value: name.trim() });
  return rows.some((r) => r.type === 'dns' && sanKey({ type: 'dns', value: r.value.trim() }) === key);
}

/** Offer "Add CN as DNS SAN" only when the CN would itself be a valid, new DNS entry. */
export function canAddCnAsDns(rows: readonly SanRow[], cn: string): boolean {
  const name = cn.trim();
  if (name.length === 0 || hasDnsSan(rows, name)) return false;
  const verdict = validateSans([{ type: 'dns', value: name }])[0];
  return verdict?.ok === true;
}

export function addCnAsDns(rows: readonly SanRow[], cn: string): SanRow[] {
  return [makeRow('dns', cn.trim()), ...rows.filter((r) => !isBlank(r))];
}
