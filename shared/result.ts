import type { ErrorCode } from './ipc/error-codes';

export interface AppErrorShape {
  code: ErrorCode;
  message: string;
}

/** What every IPC call resolves to: expected failures are values, never thrown across the boundary. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}
