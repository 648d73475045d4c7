import type { CsrView } from '../../../shared/domain/types';
import type { IssuedCertificate, ParsedCsr, PkiContext, SignCsrRequest } from './types';
import { notYet } from './stub';

/** Parses and verifies a PKCS#10 CSR (PEM/DER). INVALID_PEM, CSR_SIGNATURE_INVALID. */
export function parseCsr(input: Uint8Array | string): ParsedCsr {
  return notYet('parseCsr');
}
/** Inspection view: does not throw on a bad signature (signatureValid: false). */
export function viewCsr(input: Uint8Array | string): CsrView {
  return notYet('viewCsr');
}
export async function signCsr(req: SignCsrRequest, ctx: PkiContext): Promise<IssuedCertificate> {
  return notYet('signCsr');
}
