import { readFile, stat } from 'node:fs/promises';
import { AppError } from '../../shared/ipc/error-codes';

/** Larger than any certificate, key, CSR, CRL or PKCS#12 an operator handles; bounds a hostile path. */
export const MAX_INPUT_FILE_BYTES = 16 * 1024 * 1024;

/**
 * Reads an input file chosen by the operator, refusing directories, devices and files over `maxBytes`
 * (default MAX_INPUT_FILE_BYTES).
 */
export async function readInputFile(
  path: string,
  what: string,
  maxBytes = MAX_INPUT_FILE_BYTES,
): Promise<Uint8Array> {
  let st;
  try {
    st = await stat(path);
  } catch (e) {
    throw new AppError(
      'NOT_FOUND',
      `Cannot read the ${what} file ${path}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'}`,
    );
  }
  if (!st.isFile()) throw new AppError('INVALID_INPUT', `The ${what} path ${path} is not a regular file`);
  if (st.size > maxBytes) {
    throw new AppError(
      'INVALID_INPUT',
      `The ${what} file ${path} is ${st.size} bytes; the limit is ${maxBytes}`,
    );
  }
  return new Uint8Array(await readFile(path));
}

const TARGET_ERRNOS: Record<string, string> = {
  ENOENT: 'the folder does not exist',
  ENOTDIR: 'a part of the path is not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the drive is read-only',
  ENOSPC: 'the drive is full',
  EDQUOT: 'the disk quota is exhausted',
  EIO: 'I/O error (was the drive removed?)',
};

/** Runs a write to an operator-chosen target, turning OS errors into EXPORT_TARGET_UNWRITABLE with a reason. */
export async function writingTo<T>(target: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException | null)?.code;
    const reason = code ? TARGET_ERRNOS[code] : undefined;
    if (reason) throw new AppError('EXPORT_TARGET_UNWRITABLE', `Cannot write ${target}: ${reason}`);
    throw e;
  }
}
