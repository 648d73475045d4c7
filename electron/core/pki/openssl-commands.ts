import type { OpensslCommandRequest } from './types';
import { notYet } from './stub';

/** Shell lines reproducing an issuance with openssl (genpkey, req, x509 -req with an extfile). */
export function opensslCommandsFor(request: OpensslCommandRequest): string[] {
  return notYet('opensslCommandsFor');
}
