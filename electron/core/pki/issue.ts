import type { IssueLeafRequest, IssuedCertificate, PkiContext, RenewRequest, RenewalPlan } from './types';
import { notYet } from './stub';

export async function issueLeaf(req: IssueLeafRequest, ctx: PkiContext): Promise<IssuedCertificate> {
  return notYet('issueLeaf');
}
/** What to carry into a renewal: subject, SANs, profile (from the EKUs), key algorithm, old lifetime. */
export function renewalPlan(oldCertDer: Uint8Array): RenewalPlan {
  return notYet('renewalPlan');
}
export async function renewCertificate(req: RenewRequest, ctx: PkiContext): Promise<IssuedCertificate> {
  return notYet('renewCertificate');
}
