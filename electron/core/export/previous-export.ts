/**
 * Replacing a folder deletes what is in it, so CertDesk replaces only a folder it wrote itself and that
 * nobody changed since: its SHA256SUMS lists every file in it (nothing more, nothing less, no sub-folder or
 * link), every checksum matches, and its manifest.json says which export it is. Anything else is left
 * untouched and the export is refused, naming the folder and the reason.
 */
import { join } from 'node:path';
import { AppError } from '../../../shared/ipc/error-codes';
import type { ExportFs } from './safe-write';
import { sha256Hex } from './safe-write';

/** Larger than any manifest or checksum list CertDesk writes; a hostile folder cannot make us read more. */
const MAX_OWN_FILE_BYTES = 8 * 1024 * 1024;
const MAX_OWN_FILES = 64;

export type ManifestCheck = (manifest: Record<string, unknown>) => boolean;

function refuse(dir: string, reason: string): AppError {
  return new AppError(
    'EXPORT_TARGET_EXISTS',
    `"${dir}" already exists and ${reason}: CertDesk replaces only a previous CertDesk export of the same certificate, unchanged. Nothing was written or deleted; choose another folder or move it away.`,
  );
}

function parseSums(text: string): Map<string, string> | null {
  const sums = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (!line) continue;
    const m = /^([0-9a-f]{64}) {2}([^/\\\n]+)$/.exec(line);
    if (!m?.[1] || !m[2] || sums.has(m[2])) return null;
    sums.set(m[2], m[1]);
  }
  return sums;
}

/**
 * Checks that `dir` is a previous CertDesk export that `isSameExport` accepts; returns the names of the
 * files in it (all written by CertDesk), which are the only ones a replacement may delete.
 */
export async function ownExportFiles(
  fs: ExportFs,
  dir: string,
  isSameExport?: ManifestCheck,
): Promise<string[]> {
  const st = await fs.lstat(dir);
  if (!st.isDirectory()) return Promise.reject(refuse(dir, 'is not a folder'));
  const entries = await fs.readdir(dir);
  if (entries.length > MAX_OWN_FILES) throw refuse(dir, `holds ${entries.length} entries`);
  if (!entries.includes('SHA256SUMS') || !entries.includes('manifest.json'))
    throw refuse(dir, 'has no CertDesk manifest.json and SHA256SUMS');
  const read = async (name: string): Promise<Buffer> => {
    const path = join(dir, name);
    const info = await fs.lstat(path);
    if (!info.isFile()) throw refuse(dir, `holds "${name}", which is not a plain file`);
    if (info.size > MAX_OWN_FILE_BYTES) throw refuse(dir, `holds "${name}", larger than CertDesk writes`);
    return fs.readFile(path);
  };
  const sums = parseSums((await read('SHA256SUMS')).toString('utf8'));
  if (!sums) throw refuse(dir, 'has a SHA256SUMS CertDesk did not write');
  const extra = entries.filter((e) => e !== 'SHA256SUMS' && !sums.has(e));
  if (extra.length) throw refuse(dir, `holds files CertDesk did not write (${extra.slice(0, 5).join(', ')})`);
  const missing = [...sums.keys()].filter((name) => !entries.includes(name));
  if (missing.length) throw refuse(dir, `is missing ${missing.slice(0, 5).join(', ')}`);
  const contents = new Map<string, Buffer>();
  for (const [name, sum] of sums) {
    const data = await read(name);
    if (sha256Hex(data) !== sum) throw refuse(dir, `holds "${name}", changed since CertDesk wrote it`);
    contents.set(name, data);
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(contents.get('manifest.json')?.toString('utf8') ?? '');
  } catch {
    throw refuse(dir, 'has a manifest.json that is not JSON');
  }
  if (
    typeof manifest !== 'object' ||
    manifest === null ||
    typeof (manifest as { format?: unknown }).format !== 'string' ||
    !(manifest as { format: string }).format.startsWith('certdesk-')
  )
    throw refuse(dir, 'has a manifest.json CertDesk did not write');
  if (isSameExport && !isSameExport(manifest as Record<string, unknown>))
    throw refuse(dir, 'holds the export of another certificate');
  return entries;
}

/** Deletes exactly `names` in `dir`, then the folder if that left it empty (otherwise it stays). */
export async function removeOwnFiles(fs: ExportFs, dir: string, names: readonly string[]): Promise<void> {
  for (const name of names) await fs.unlink(join(dir, name));
  await fs.rmdir(dir);
}
