import type { SubjectFields } from '../../../shared/domain/types';
import { notYet } from './stub';

/** RFC 4514-ish one-line form of an encoded Name (DER), e.g. "CN=user-service, O=Acme". */
export function formatSubject(nameDer: Uint8Array): string {
  return notYet('formatSubject');
}
export function subjectFieldsOf(nameDer: Uint8Array): SubjectFields {
  return notYet('subjectFieldsOf');
}
