import type { San } from '../../../shared/domain/types';
import { notYet } from './stub';

/** Checks a subject's SANs (and CN-as-DNS fallback) against a CA's NameConstraints; null when fine, else a reason. */
export function checkNameConstraints(caDer: Uint8Array, sans: San[]): string | null {
  return notYet('checkNameConstraints');
}
