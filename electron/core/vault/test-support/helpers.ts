import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../../shared/ipc/error-codes';

/** Cheap scrypt cost for tests only; production default is N=2^17. */
export const TEST_KDF = { N: 2 ** 10 } as const;
export const PASS = 'correct horse battery staple';

export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Bytes and mtime, to prove an operation did not touch a file. */
export function fingerprint(path: string): { bytes: Buffer; mtimeNs: bigint; size: number } {
  const st = statSync(path, { bigint: true });
  return { bytes: readFileSync(path), mtimeNs: st.mtimeNs, size: Number(st.size) };
}

/** The AppError code a promise rejects with ('OK' when it resolves). */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
}

export async function errorOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}
