/** Migration calls to main: the source is chosen in main's dialog and travels as a grant, never as a path. */
import type { ImportPreview, ImportResult, ImportSourceKind } from '../../../../shared/domain/types';
import type { Result } from '../../../../shared/result';
import { api } from '../../lib/api';

export interface ChosenSource {
  source: ImportSourceKind;
  grant: string;
  /** for display only */
  path: string;
}

export const SOURCE_NAMES: Record<ImportSourceKind, string> = { xca: 'XCA', 'easy-rsa': 'easy-rsa' };

/** Asks main for the XCA database file or the easy-rsa PKI folder; null when the operator cancelled. */
export async function chooseSource(source: ImportSourceKind): Promise<Result<ChosenSource | null>> {
  const r =
    source === 'xca'
      ? await api().dialog.openFile({
          purpose: 'read-file',
          title: 'Import from XCA: choose the database',
          filters: [{ name: 'XCA database', extensions: ['xdb'] }],
        })
      : await api().dialog.chooseFolder({
          purpose: 'read-folder',
          title: 'Import from easy-rsa: choose the pki folder',
        });
  if (!r.ok) return r;
  if (!r.value.grant) return { ok: true, value: null };
  return { ok: true, value: { source, grant: r.value.grant, path: r.value.path ?? '' } };
}

export function previewImport(chosen: ChosenSource, password: string): Promise<Result<ImportPreview>> {
  return api().import.preview({
    source: chosen.source,
    sourceGrant: chosen.grant,
    ...(password ? { password } : {}),
  });
}

export function runImport(
  chosen: ChosenSource,
  password: string,
  skipConflicts: boolean,
): Promise<Result<ImportResult>> {
  return api().import.run({
    source: chosen.source,
    sourceGrant: chosen.grant,
    ...(password ? { password } : {}),
    ...(skipConflicts ? { skipConflicts: true } : {}),
  });
}
