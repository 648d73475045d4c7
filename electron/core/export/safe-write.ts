/**
 * Crash- and fault-safe writing of whole folders onto a target that may be a removable drive:
 * staging folder on the SAME file system (`<target>/.certdesk-export-XXXXXX`, so the final rename is
 * atomic), every file fsynced, re-read and checked against its SHA-256, then each folder renamed into
 * place and the target directory fsynced. Any failure removes the staging folder and rolls back folders
 * already moved, so the operator never finds a half-written bundle.
 */
import { createHash } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/ipc/error-codes';
import { ownExportFiles, removeOwnFiles, type ManifestCheck } from './previous-export';

export interface OutFile {
  name: string;
  data: Uint8Array;
  /** POSIX mode; key files 0o600 (ignored by FAT/exFAT drives, which have no permissions) */
  mode: number;
}

export interface OutFolder {
  name: string;
  files: OutFile[];
  /** which previous export an existing folder of this name must be to be replaced (checked on its manifest) */
  replaces?: ManifestCheck;
}

/** A folder about to be written: its name and what an existing one must be to be replaced. */
export type PlannedFolder = Pick<OutFolder, 'name' | 'replaces'>;

/** The slice of node:fs/promises used here; tests pass a faulty one to simulate drives failing. */
export type ExportFs = Pick<
  typeof nodeFs,
  | 'lstat'
  | 'stat'
  | 'mkdtemp'
  | 'mkdir'
  | 'open'
  | 'readFile'
  | 'rename'
  | 'rm'
  | 'readdir'
  | 'unlink'
  | 'rmdir'
>;

export interface SafeWriteHooks {
  /** Runs after all files are written and fsynced, before they are re-read (fault-injection seam). */
  beforeVerify?: (stagingDir: string) => Promise<void> | void;
}

export interface SafeWriteOptions {
  /**
   * Replace existing destination folders, each only when it is an unchanged previous CertDesk export
   * (see previous-export.ts) and `confirmReplace` (when given) says yes. Default false: EXPORT_TARGET_EXISTS.
   */
  overwrite?: boolean;
  /** asked once, with the folders about to be replaced, before anything is written */
  confirmReplace?: (dirs: string[]) => Promise<boolean>;
  fs?: ExportFs;
  hooks?: SafeWriteHooks;
}

export const STAGING_PREFIX = '.certdesk-export-';
const MODELESS_FS_CODES = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function osCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string'
    ? e.code
    : undefined;
}

const REASONS: Record<string, string> = {
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on the device (the target is full)',
  EDQUOT: 'disk quota exceeded',
  ENOENT: 'the folder does not exist (was the drive removed?)',
  ENOTDIR: 'a part of the path is not a folder',
  EIO: 'input/output error (was the drive removed, or is it failing?)',
  ENODEV: 'the device is gone (was the drive removed?)',
};

/** Maps an OS error to our codes, naming the path and the OS reason. */
export function exportError(e: unknown, path: string, phase: 'preflight' | 'write'): AppError {
  if (e instanceof AppError) return e;
  const code = osCode(e);
  const reason = code
    ? `${REASONS[code] ?? (e as Error).message} (${code})`
    : String(e instanceof Error ? e.message : e);
  const unwritable =
    code === 'EROFS' ||
    code === 'EACCES' ||
    code === 'EPERM' ||
    (phase === 'preflight' && (code === 'ENOENT' || code === 'ENOTDIR'));
  return new AppError(
    unwritable ? 'EXPORT_TARGET_UNWRITABLE' : 'EXPORT_FAILED',
    `Cannot export to "${path}": ${reason}`,
  );
}

async function exists(fs: ExportFs, path: string): Promise<boolean> {
  try {
    await fs.lstat(path);
    return true;
  } catch (e) {
    if (osCode(e) === 'ENOENT') return false;
    throw e;
  }
}

/**
 * Checks, before anything is written, that the target is an existing folder and that no destination folder
 * exists, or with `overwrite` that each existing one is a previous CertDesk export this write may replace.
 * Returns the folders that would be replaced. Folder names are compared case-insensitively, as
 * FAT/exFAT/NTFS/APFS do.
 */
export async function preflight(
  targetDir: string,
  folders: readonly PlannedFolder[],
  opts: SafeWriteOptions = {},
): Promise<string[]> {
  const fs = opts.fs ?? nodeFs;
  const lower = folders.map((f) => f.name.toLowerCase());
  const dup = lower.find((n, i) => lower.indexOf(n) !== i);
  if (dup !== undefined)
    throw new AppError('EXPORT_FAILED', `Two bundles would be written to the same folder "${dup}"`);
  try {
    const st = await fs.stat(targetDir); // follows a symlinked target (e.g. ~/usb -> /media/usb)
    if (!st.isDirectory())
      throw new AppError('EXPORT_TARGET_UNWRITABLE', `Cannot export to "${targetDir}": it is not a folder`);
  } catch (e) {
    throw exportError(e, targetDir, 'preflight');
  }
  const taken: PlannedFolder[] = [];
  for (const folder of folders) {
    try {
      if (await exists(fs, join(targetDir, folder.name))) taken.push(folder);
    } catch (e) {
      throw exportError(e, join(targetDir, folder.name), 'preflight');
    }
  }
  if (taken.length > 0 && !opts.overwrite) {
    throw new AppError(
      'EXPORT_TARGET_EXISTS',
      `"${targetDir}" already contains ${taken.map((t) => `"${t.name}"`).join(', ')}; choose another folder or confirm overwriting`,
    );
  }
  for (const folder of taken) {
    const dir = join(targetDir, folder.name);
    try {
      await ownExportFiles(fs, dir, folder.replaces);
    } catch (e) {
      throw exportError(e, dir, 'preflight');
    }
  }
  return taken.map((t) => join(targetDir, t.name));
}

/** Asks `confirmReplace` about the folders `preflight` found; a "no" writes and deletes nothing. */
export async function confirmReplacing(dirs: string[], opts: SafeWriteOptions): Promise<void> {
  if (dirs.length === 0 || !opts.confirmReplace) return;
  if (!(await opts.confirmReplace(dirs))) {
    throw new AppError(
      'EXPORT_TARGET_EXISTS',
      `Replacing ${dirs.map((d) => `"${d}"`).join(', ')} was not confirmed: nothing was written or deleted`,
    );
  }
}

async function writeSynced(fs: ExportFs, path: string, file: OutFile): Promise<void> {
  const h = await fs.open(path, 'wx', file.mode);
  try {
    await h.writeFile(file.data);
    // The umask must not change what we promised (0600 for keys). FAT/exFAT USB sticks have no POSIX modes:
    // Linux vfat answers chmod with EPERM (unless mounted "quiet"), so there the mode is simply not settable.
    await h.chmod(file.mode).catch((e: unknown) => {
      if (!MODELESS_FS_CODES.has(osCode(e) ?? '')) throw e;
    });
    // An fsync error means the data may not be on the medium: fatal for this export (PostgreSQL "fsyncgate").
    await h.sync();
  } finally {
    await h.close();
  }
}

async function syncDir(fs: ExportFs, path: string): Promise<void> {
  // Windows cannot open a directory for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const h = await fs.open(path, 'r');
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}

/** Writes `folders` into `targetDir` all-or-nothing; returns the final folder paths in input order. */
export async function writeFoldersAtomically(
  targetDir: string,
  folders: OutFolder[],
  opts: SafeWriteOptions = {},
): Promise<string[]> {
  const fs = opts.fs ?? nodeFs;
  const replacing = await preflight(targetDir, folders, opts);
  await confirmReplacing(replacing, opts);
  let staging: string;
  try {
    staging = await fs.mkdtemp(join(targetDir, STAGING_PREFIX));
  } catch (e) {
    throw exportError(e, targetDir, 'write');
  }
  const placed: Placed[] = [];
  let current = staging;
  try {
    for (const folder of folders) {
      const dir = join(staging, folder.name);
      current = dir;
      await fs.mkdir(dir, { mode: 0o755 });
      for (const f of folder.files) {
        current = join(dir, f.name);
        await writeSynced(fs, current, f);
      }
      await syncDir(fs, dir);
    }
    await opts.hooks?.beforeVerify?.(staging);
    for (const folder of folders) {
      for (const f of folder.files) {
        current = join(staging, folder.name, f.name);
        const back = await fs.readFile(current);
        if (back.length !== f.data.length || sha256Hex(back) !== sha256Hex(f.data)) {
          throw new AppError(
            'EXPORT_FAILED',
            `Cannot export to "${targetDir}": "${folder.name}/${f.name}" did not read back with the checksum just written (failing drive?)`,
          );
        }
      }
    }
    for (const folder of folders) {
      const final = join(targetDir, folder.name);
      const staged = join(staging, folder.name);
      current = final;
      let old: Placed['old'] = null;
      if (await exists(fs, final)) {
        if (!opts.overwrite || !replacing.includes(final))
          throw new AppError(
            'EXPORT_TARGET_EXISTS',
            `"${final}" appeared while exporting; nothing was overwritten`,
          );
        // Checked again right before the move: only files CertDesk wrote are ever deleted.
        const files = await ownExportFiles(fs, final, folder.replaces);
        old = { dir: join(staging, `.old-${folder.name}`), files };
        await fs.rename(final, old.dir);
      }
      placed.push({ final, old, staged });
      await fs.rename(staged, final);
    }
    current = targetDir;
    await syncDir(fs, targetDir);
  } catch (e) {
    // Staging holds only what this export wrote, unless a replaced folder could not be moved back.
    if (await rollback(fs, placed))
      await fs.rm(staging, { recursive: true, force: true }).catch(() => undefined);
    throw exportError(e, current, 'write');
  }
  // The bundles are in place; delete the replaced copies file by file (only what CertDesk wrote), then
  // staging. Anything unexpected stays in the staging folder rather than being deleted.
  for (const p of placed) {
    if (p.old) await removeOwnFiles(fs, p.old.dir, p.old.files).catch(() => undefined);
  }
  await fs.rmdir(staging).catch(() => undefined);
  return folders.map((f) => join(targetDir, f.name));
}

interface Placed {
  final: string;
  /** a replaced folder moved into staging, with the files CertDesk wrote in it */
  old: { dir: string; files: string[] } | null;
  staged: string;
}

/** Puts every replaced folder back; true when all of them are back in place. */
async function rollback(fs: ExportFs, placed: Placed[]): Promise<boolean> {
  let restored = true;
  for (const p of placed.reverse()) {
    await fs.rename(p.final, p.staged).catch(() => undefined);
    if (p.old)
      await fs.rename(p.old.dir, p.final).catch(() => {
        restored = false;
      });
  }
  return restored;
}
