/**
 * One operator-chosen file written safely (a CRL, a calendar): a temp file beside the target, fsynced,
 * read back and compared, then moved into place — without replacing an existing file unless asked — and
 * the folder fsynced. On any failure the temp file is removed and an existing target is left untouched.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../../shared/ipc/error-codes';
import { exportError, sha256Hex } from './safe-write';

export interface CheckedFileResult {
  path: string;
  bytes: number;
  sha256: string;
}

const osCode = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | null)?.code;

async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return; // Windows cannot fsync a directory; NTFS journals the rename
  const h = await fs.open(dir, 'r');
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}

/** Moves `temp` to `target`, failing with EXPORT_TARGET_EXISTS rather than replacing an existing file. */
async function placeNoClobber(temp: string, target: string): Promise<void> {
  try {
    await fs.link(temp, target); // atomic create-if-absent
    await fs.unlink(temp);
    return;
  } catch (e) {
    if (osCode(e) === 'EEXIST') throw existsError(target);
    // FAT/exFAT drives have no hard links: check, then rename (a narrow race the operator's own drive)
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV'].includes(osCode(e) ?? '')) throw e;
  }
  if (
    await fs.lstat(target).then(
      () => true,
      () => false,
    )
  )
    throw existsError(target);
  await fs.rename(temp, target);
}

function existsError(target: string): AppError {
  return new AppError(
    'EXPORT_TARGET_EXISTS',
    `${target} already exists; choose another name or confirm replacing it`,
  );
}

export async function writeFileChecked(
  target: string,
  data: Uint8Array,
  opts: { overwrite?: boolean; mode?: number } = {},
): Promise<CheckedFileResult> {
  const dir = dirname(target);
  try {
    const st = await fs.stat(dir);
    if (!st.isDirectory())
      throw new AppError('EXPORT_TARGET_UNWRITABLE', `Cannot write ${target}: ${dir} is not a folder`);
  } catch (e) {
    throw exportError(e, dir, 'preflight');
  }
  const existing = await fs.lstat(target).catch(() => null);
  if (existing?.isDirectory())
    throw new AppError('EXPORT_TARGET_UNWRITABLE', `Cannot write ${target}: it is a folder`);
  if (existing && !opts.overwrite) throw existsError(target);
  const temp = join(dir, `.${basename(target)}.certdesk-${randomBytes(4).toString('hex')}`);
  try {
    const h = await fs.open(temp, 'wx', opts.mode ?? 0o644);
    try {
      await h.writeFile(data);
      await h.sync();
    } finally {
      await h.close();
    }
    const back = await fs.readFile(temp);
    if (back.length !== data.length || sha256Hex(back) !== sha256Hex(data))
      throw new AppError(
        'EXPORT_FAILED',
        `Cannot write ${target}: the file did not read back as written (failing drive?)`,
      );
    if (opts.overwrite) await fs.rename(temp, target);
    else await placeNoClobber(temp, target);
    await syncDir(dir);
  } catch (e) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw exportError(e, target, 'write');
  }
  return { path: target, bytes: data.length, sha256: sha256Hex(data) };
}
