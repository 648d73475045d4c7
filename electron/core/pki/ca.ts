import type { CreateIntermediateCaRequest, CreateRootCaRequest, IssuedCertificate, PkiContext } from './types';
import type { LintFinding } from '../../../shared/domain/types';
import { notYet } from './stub';

/** Self-signed root CA. */
export async function createRootCa(req: CreateRootCaRequest, ctx: PkiContext): Promise<IssuedCertificate> {
  return notYet('createRootCa');
}
/** Intermediate CA under `req.issuer`. */
export async function createIntermediateCa(req: CreateIntermediateCaRequest, ctx: PkiContext): Promise<IssuedCertificate> {
  return notYet('createIntermediateCa');
}
/**
 * Checks an existing CA for import: it must be a CA (NOT_A_CA) and the key must match (KEY_MISMATCH).
 * Returns lint findings (e.g. a CA without KeyUsage is accepted with a warning).
 */
export function checkCaImport(certDer: Uint8Array, pkcs8: Uint8Array | null): LintFinding[] {
  return notYet('checkCaImport');
}
