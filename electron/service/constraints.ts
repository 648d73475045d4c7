import { checkNameConstraints } from '../core/pki';
import type { San } from '../../shared/domain/types';
import { AppError } from '../../shared/ipc/error-codes';
import type { Inventory, InventoryEntry } from './inventory';

/**
 * Refuses, before signing, SANs outside the permitted subtrees of the issuing CA or any CA above it
 * (pitfalls.md: refuse at issuance, not only at verification) and issuing from a revoked or expired CA.
 */
export function checkIssuerAllows(inventory: Inventory, ca: InventoryEntry, sans: San[], now: Date): void {
  if (ca.summary.revoked) {
    throw new AppError(
      'ALREADY_REVOKED',
      `CA ${ca.summary.cn} is revoked (${ca.summary.revoked.reason}): it cannot issue certificates`,
    );
  }
  if (Date.parse(ca.summary.notAfter) <= now.getTime()) {
    throw new AppError(
      'VALIDITY_EXCEEDS_ISSUER',
      `CA ${ca.summary.cn} expired on ${ca.summary.notAfter}: it cannot issue certificates`,
    );
  }
  const seen = new Set<string>();
  for (let e: InventoryEntry | undefined = ca; e && !seen.has(e.summary.id);) {
    seen.add(e.summary.id);
    const violation = checkNameConstraints(e.der, sans);
    if (violation)
      throw new AppError(
        'NAME_CONSTRAINT_VIOLATION',
        `${violation} (name constraints of CA ${e.summary.cn})`,
      );
    e = e.summary.issuerId ? inventory.entries.get(e.summary.issuerId) : undefined;
  }
}
