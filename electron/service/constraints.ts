import { checkNameConstraints, constrainedNames, type ChainResult } from '../core/pki';
import type { ChainCheck, San } from '../../shared/domain/types';
import { AppError, type ErrorCode } from '../../shared/ipc/error-codes';
import type { Inventory, InventoryEntry } from './inventory';
import { vaultTrust, verdictOf } from './verdicts';

const REFUSAL_CODE: Partial<Record<ChainCheck['check'], ErrorCode>> = {
  revocation: 'ALREADY_REVOKED',
  validity: 'VALIDITY_EXCEEDS_ISSUER',
  'path-len': 'PATH_LEN_EXCEEDED',
  'name-constraints': 'NAME_CONSTRAINT_VIOLATION',
  'ca-flag': 'NOT_A_CA',
  'key-usage': 'NOT_A_CA',
};

/**
 * The issuing CA's own path, validated now by the one path validator: a CA that is revoked, expired, under
 * a revoked or expired CA, or whose chain is otherwise broken issues nothing, because everything it signed
 * would fail validation. Returns the verdict (its `path` is the CA and its ancestors, nearest first).
 */
export function usableIssuer(inventory: Inventory, ca: InventoryEntry, now: Date): ChainResult {
  // Refused on the CA's own revocation record first: for a root it is the only place the revocation is
  // recorded (no CA above it holds it for the path validator to find); for an intermediate the verdict
  // below would refuse it too.
  const revoked = ca.summary.revoked;
  if (revoked)
    throw new AppError(
      'ALREADY_REVOKED',
      `CA ${ca.summary.cn} was revoked on ${revoked.at} (${revoked.reason}): it cannot issue certificates`,
    );
  const verdict = verdictOf(ca, now, vaultTrust(inventory), 'any');
  for (const link of verdict.links) {
    const failed = link.checks.find((c) => !c.ok);
    if (!failed) continue;
    const who =
      link === verdict.links[0] ? `CA ${ca.summary.cn}` : `CA ${ca.summary.cn}'s issuer "${link.subject}"`;
    throw new AppError(
      REFUSAL_CODE[failed.check] ?? 'ISSUER_INVALID',
      `${who} fails validation (${failed.message}): it cannot issue certificates`,
    );
  }
  return verdict;
}

/**
 * Refuses, before signing, names outside the permitted subtrees of the issuing CA or any CA above it
 * (refuse at issuance, not only at verification), and issuing from a CA whose own chain fails. A
 * host-name-like CN of an end-entity certificate without DNS SANs counts as a DNS name, as OpenSSL checks.
 */
export function checkIssuerAllows(
  inventory: Inventory,
  ca: InventoryEntry,
  sans: San[],
  now: Date,
  commonName: string | null = null,
): void {
  const { path, links } = usableIssuer(inventory, ca, now);
  const names = constrainedNames(sans, commonName, true);
  for (const [k, der] of path.entries()) {
    const violation = checkNameConstraints(der, names);
    if (!violation) continue;
    const viaCn =
      names.length > sans.length ? ' (the CN counts as a host name when there is no DNS SAN)' : '';
    const id = links[k]?.id;
    const owner = (id ? inventory.entries.get(id)?.summary.cn : undefined) ?? links[k]?.subject;
    throw new AppError('NAME_CONSTRAINT_VIOLATION', `${violation}${viaCn} (name constraints of CA ${owner})`);
  }
}
