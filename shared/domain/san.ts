/** SAN rules shared by main (enforcement) and renderer (live validation). Pure TS: no Node, no DOM. */
import { AppError } from '../ipc/error-codes';
import type { San } from './types';

export type SanCheck = { ok: true } | { ok: false; reason: string };

export function validateSan(san: San): SanCheck {
  throw new AppError('NOT_SUPPORTED', 'validateSan');
}
/** One verdict per row; later duplicates of an earlier row are flagged. */
export function validateSans(list: San[]): SanCheck[] {
  throw new AppError('NOT_SUPPORTED', 'validateSans');
}
/** Throws INVALID_SAN naming the first bad entry and the rule. */
export function assertValidSans(list: San[]): void {
  throw new AppError('NOT_SUPPORTED', 'assertValidSans');
}
/** "DNS:a,IP:1.2.3.4,URI:spiffe://x/y,email:a@b" → San[]; INVALID_SAN on a bad entry. */
export function parseOpensslSan(text: string): San[] {
  throw new AppError('NOT_SUPPORTED', 'parseOpensslSan');
}
export interface ParsedSanLine {
  san: San;
  check: SanCheck;
}
/** Pasted text (one per line, or comma/space separated; optional "DNS:" prefixes) → typed rows with verdicts. */
export function parseSanLines(text: string): ParsedSanLine[] {
  throw new AppError('NOT_SUPPORTED', 'parseSanLines');
}
