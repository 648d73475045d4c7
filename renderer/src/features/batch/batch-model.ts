/**
 * Pure helpers of the batch screen: the preview (parseBatchManifest runs here too, so every row's problems
 * show before anything is issued), progress maths, and what "Export all…" exports.
 */
import {
  parseBatchManifest,
  type BatchDefaults,
  type BatchManifest,
} from '../../../../shared/domain/batch-manifest';
import type { BatchProgress, BatchResult, Settings } from '../../../../shared/domain/types';
import { sanLabel } from '../../../../shared/domain/san';

export interface PreviewRow {
  index: number;
  name: string;
  profile: string;
  /** one label per SAN ("DNS:localhost", "URI:spiffe://…") */
  sans: string[];
  key: string;
  days: string;
  errors: string[];
}

export interface BatchPreview {
  fileError: string | null;
  rows: PreviewRow[];
  valid: number;
  invalid: number;
}

export function batchDefaults(
  settings: Pick<Settings, 'defaultKeyAlgorithm' | 'defaultValidityDays'>,
): BatchDefaults {
  return { key: settings.defaultKeyAlgorithm, days: settings.defaultValidityDays.server };
}

export function previewOf(manifest: BatchManifest): BatchPreview {
  const rows = manifest.rows.map((v): PreviewRow => ({
    index: v.index,
    name: v.name,
    profile: v.row?.profile ?? '',
    sans: v.row ? v.row.sans.map(sanLabel) : [],
    key: v.row?.key ?? '',
    days: v.row ? String(v.row.days) : '',
    errors: v.errors,
  }));
  const valid = manifest.rows.filter((r) => r.row !== null).length;
  return { fileError: manifest.fileError, rows, valid, invalid: rows.length - valid };
}

/** The preview of a manifest text; an empty text has no rows and no error (nothing pasted yet). */
export function previewManifest(text: string, defaults: BatchDefaults): BatchPreview | null {
  if (text.trim() === '') return null;
  return previewOf(parseBatchManifest(text, defaults));
}

// A URI's slashes are the only places a SAN may break inside itself: a cut anywhere else ("example.o/rg",
// "user-/service") reads as two different names. "//" stays whole, so "spiffe://" keeps its slashes together.
const URI_PATH_BREAK = /(?<=\/)(?=[^/])/;

/** A SAN label cut into the pieces that must stay on one line: URIs after each "/", other types whole. */
export function sanSegments(label: string): string[] {
  return label.startsWith('URI:') ? label.split(URI_PATH_BREAK) : [label];
}

/** 0–100, for the progress bar's visible width; the accessible values are done/total themselves. */
export function progressPercent(p: Pick<BatchProgress, 'done' | 'total'> | null): number {
  if (!p || p.total <= 0) return 0;
  return Math.min(100, Math.round((p.done / p.total) * 100));
}

export function issuedIds(result: BatchResult | null): string[] {
  return result ? result.rows.flatMap((r) => (r.status === 'issued' && r.id ? [r.id] : [])) : [];
}

export function resultSummary(r: BatchResult): string {
  const parts = [`Issued ${r.issued} of ${r.rows.length} certificates`];
  if (r.failed) parts.push(`${r.failed} failed`);
  if (r.cancelled) parts.push(`${r.rows.filter((x) => x.status === 'cancelled').length} cancelled`);
  return `${parts.join(' · ')} (${(r.elapsedMs / 1000).toFixed(1)} s)`;
}

/** Rows shown in the preview/result tables: every row with a problem, and the first `limit` others. */
export const TABLE_LIMIT = 200;

/**
 * Keeps a 10,000-row manifest responsive: problem rows are always listed (they are what the operator acts
 * on), fine rows only up to `limit`, in manifest order. `hidden` says how many fine rows are not shown.
 */
export function rowsToShow<T>(
  rows: readonly T[],
  isProblem: (r: T) => boolean,
  limit = TABLE_LIMIT,
): { shown: T[]; hidden: number } {
  let fine = 0;
  const shown = rows.filter((r) => isProblem(r) || fine++ < limit);
  return { shown, hidden: rows.length - shown.length };
}

/** A fresh id for one run, so progress events and cancel name this batch and no other. */
export function newBatchId(random: () => string): string {
  return `batch-${random()}`;
}

export const SAMPLE_MANIFEST = [
  'name,profile,sans,key,days',
  'user-service,server,"DNS:user-service,DNS:localhost,IP:127.0.0.1",ec-p256,397',
  'billing-service,client,,ec-p256,397',
  'inventory-service,service,"DNS:inventory-service,URI:spiffe://example.org/inventory",ec-p256,90',
].join('\n');
