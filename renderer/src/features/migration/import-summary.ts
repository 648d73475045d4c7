import type { ImportResult } from '../../../../shared/domain/types';

/** The one-line outcome shown after an import. */
export function importSummaryText(r: ImportResult): string {
  const c = r.counts;
  if (!r.written) return `Nothing new to import (${c.duplicates} already in the vault)`;
  const parts = [
    `${c.cas} CA${c.cas === 1 ? '' : 's'}`,
    `${c.leaves} certificate${c.leaves === 1 ? '' : 's'}`,
    `${c.keys} key${c.keys === 1 ? '' : 's'}`,
    `${c.revoked} revoked`,
  ];
  return `Imported ${parts.join(', ')}${c.duplicates ? `; ${c.duplicates} already in the vault` : ''}`;
}
