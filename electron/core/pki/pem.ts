import type { PemBlock } from './types';
import { notYet } from './stub';

/** Splits PEM text (or one DER blob) into typed blocks. INVALID_PEM on garbage or truncation. */
export function parsePemBundle(input: string | Uint8Array): PemBlock[] {
  return notYet('parsePemBundle');
}
export function toPem(der: Uint8Array, label: string): string {
  return notYet('toPem');
}
/** The first certificate of a PEM/DER input, DER. INVALID_PEM when there is none. */
export function certificateDerFrom(input: string | Uint8Array): Uint8Array {
  return notYet('certificateDerFrom');
}
