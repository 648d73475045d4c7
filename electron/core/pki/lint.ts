import type { LintFinding } from '../../../shared/domain/types';
import type { LintContext } from './types';
import { notYet } from './stub';

export function lintCertificate(der: Uint8Array, context: LintContext = {}): LintFinding[] {
  return notYet('lintCertificate');
}
