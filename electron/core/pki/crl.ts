import type { CrlView } from '../../../shared/domain/types';
import type { CreateCrlRequest, CreatedCrl, PkiContext } from './types';
import { notYet } from './stub';

export async function createCrl(req: CreateCrlRequest, ctx: PkiContext): Promise<CreatedCrl> {
  return notYet('createCrl');
}
/** Decodes a CRL; `signatureValidBy` names the first of `issuers` (DER) whose key verifies it. */
export function viewCrl(input: Uint8Array | string, issuers?: Uint8Array[]): CrlView {
  return notYet('viewCrl');
}
