import type { ValiditySpec } from './types';
import { notYet } from './stub';

export interface ResolvedValidity {
  notBefore: Date;
  notAfter: Date;
  note?: string;
}
/**
 * notBefore = now − 5 min (clock skew), whole seconds; notAfter from the spec (default `defaultDays`),
 * never beyond `issuerNotAfter`: VALIDITY_EXCEEDS_ISSUER, or clamp with a note when `clamp`.
 */
export function resolveValidity(
  spec: ValiditySpec | undefined,
  now: Date,
  defaultDays: number,
  issuerNotAfter: Date | null,
  clamp = false,
): ResolvedValidity {
  return notYet('resolveValidity');
}
