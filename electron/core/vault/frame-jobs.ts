/**
 * Messages between an opening vault and its frame worker (frame-thread.ts, frame-worker.ts). The file is a
 * SharedArrayBuffer both threads read (ciphertext only); the record key is a copy the worker zeroes when it
 * stops. Plaintexts come back as transferred buffers, never through disk.
 */

/** One frame to open: where its parts are in the shared file, and its additional authenticated data. */
export interface FrameJob {
  index: number;
  headAt: number;
  ciphertextAt: number;
  ciphertextBytes: number;
  tagAt: number;
  aad: Uint8Array;
  deflated: boolean;
}

export type ToFrameWorker =
  | { op: 'start'; key: Uint8Array; file: SharedArrayBuffer; jobs: FrameJob[]; ahead: number }
  /** the opening thread took frame `index`: the worker may run that much further ahead */
  | { op: 'taken'; index: number }
  | { op: 'stop' };

export type FromFrameWorker =
  | { index: number; buffer: ArrayBuffer; offset: number; bytes: number }
  | { index: number; failure: 'authentication' | 'data' };

/** Runtime check of the opening thread's message (the worker trusts nothing it did not check). */
export function isToFrameWorker(m: unknown): m is ToFrameWorker {
  if (typeof m !== 'object' || m === null) return false;
  const op = (m as { op?: unknown }).op;
  if (op === 'stop') return true;
  if (op === 'taken') return Number.isSafeInteger((m as { index?: unknown }).index);
  if (op !== 'start') return false;
  const s = m as { key?: unknown; file?: unknown; jobs?: unknown; ahead?: unknown };
  return (
    s.key instanceof Uint8Array &&
    s.file instanceof SharedArrayBuffer &&
    Array.isArray(s.jobs) &&
    Number.isSafeInteger(s.ahead)
  );
}
